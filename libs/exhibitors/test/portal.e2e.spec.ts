import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { ExhibitorsService } from '@fair/exhibitors';
import { applicationBody } from '../src/testing/application-fixtures';
import { confirmedApplicant, REF_FAIR } from './applicant';

describe('exhibitor portal: own data only; public catalogue', () => {
  let sys: TestSystem;
  let organiser: string;
  let a: { id: string; session: string; email: string };
  let b: { id: string; session: string; email: string };
  let bStaffId: string;
  const as = (session: string) => ({
    call: (method: string, path: string, body?: unknown) => sys.http(method, path, { token: session, body }),
  });

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
    a = await confirmedApplicant(sys, 1, { legalName: 'Alpha Gears', sectors: ['mechanical'] });
    b = await confirmedApplicant(sys, 2, { legalName: 'Beta Circuits', country: 'VN', phone: '0912345678', sectors: ['electronics'], booths: [{ kind: 'domestic', count: 2 }] });
    bStaffId = (await as(b.session).call('POST', `/api/exhibitors/${b.id}/staff`, { name: 'Nguyễn Văn B', role: 'Giám đốc' })).body.id;
  });
  afterAll(() => sys?.close());

  it('shows and edits the own profile, catalogue entry, staff, status and booth requests', async () => {
    const me = as(a.session);
    const mine = await me.call('GET', '/api/exhibitors/mine');
    expect(mine.body.map((e: { id: string }) => e.id)).toEqual([a.id]);
    const profile = await me.call('PATCH', `/api/exhibitors/${a.id}`, {
      description: 'Gears since 1960 <script>x()</script>',
      products: 'spur gears, worm gears',
      logoUrl: 'https://alpha.example/logo.png',
      sectors: ['mechanical', 'automation'],
      nameEn: 'Alpha Gears Ltd',
      nameVi: 'Công ty Bánh răng Alpha',
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ status: 'email_confirmed', boothRequests: { international: 1 }, sectors: ['mechanical', 'automation'], description: 'Gears since 1960 <script>x()</script>', assignedBooths: [] });
    expect((await me.call('PATCH', `/api/exhibitors/${a.id}`, { sectors: ['space'] })).status).toBe(422);
    expect((await me.call('PATCH', `/api/exhibitors/${a.id}`, { logoUrl: 'javascript:alert(1)' })).status).toBe(422);
    expect((await me.call('PATCH', `/api/exhibitors/${a.id}`, { status: 'approved' })).status).toBe(422);

    const added = await me.call('POST', `/api/exhibitors/${a.id}/staff`, { name: 'Sato Ken', role: 'Sales' });
    expect(added.status).toBe(201);
    expect((await me.call('GET', `/api/exhibitors/${a.id}/staff`)).body.map((s: { name: string; role: string }) => [s.name, s.role])).toEqual([['Sato Ken', 'Sales']]);
    expect((await me.call('DELETE', `/api/exhibitors/${a.id}/staff/${added.body.id}`)).status).toBe(204);
    expect((await me.call('GET', `/api/exhibitors/${a.id}/staff`)).body).toEqual([]);
    expect((await me.call('POST', `/api/exhibitors/${a.id}/staff`, { name: '' })).status).toBe(422);
  });

  it("never reads or changes another exhibitor's data, on every exhibitor endpoint", async () => {
    const before = await sys.dataSource.query(`SELECT row_to_json(e)::text AS j FROM exhibitors e WHERE id = $1`, [b.id]);
    const cases: [string, string, unknown?][] = [
      ['GET', `/api/exhibitors/${b.id}`],
      ['PATCH', `/api/exhibitors/${b.id}`, { description: 'hijacked' }],
      ['GET', `/api/exhibitors/${b.id}/staff`],
      ['POST', `/api/exhibitors/${b.id}/staff`, { name: 'Intruder' }],
      ['DELETE', `/api/exhibitors/${b.id}/staff/${bStaffId}`],
      ['DELETE', `/api/exhibitors/${a.id}/staff/${bStaffId}`], // own exhibitor, someone else's staff row
      ['PUT', `/api/exhibitors/${b.id}/application`, applicationBody(2, { legalName: 'Hijacked', country: 'VN', phone: '0912345678', booths: [{ kind: 'domestic', count: 2 }] })],
      ['POST', `/api/exhibitors/${b.id}/resubmit`],
      ['POST', `/api/exhibitors/${b.id}/withdraw`],
      ['POST', `/api/exhibitors/${b.id}/staff-passes`],
    ];
    for (const [method, path, body] of cases) {
      const res = await as(a.session).call(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(JSON.stringify(res.body)).not.toContain('Beta');
    }
    expect((await as(a.session).call('GET', '/api/exhibitors/mine')).body.map((e: { id: string }) => e.id)).toEqual([a.id]);
    const after = await sys.dataSource.query(`SELECT row_to_json(e)::text AS j FROM exhibitors e WHERE id = $1`, [b.id]);
    expect(after).toEqual(before);
    expect((await as(b.session).call('GET', `/api/exhibitors/${b.id}/staff`)).body.map((s: { id: string }) => s.id)).toEqual([bStaffId]);

    // The table above covers every exhibitor route the API publishes: a new route fails here until it is added.
    const doc = (await sys.http('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const published = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/exhibitors/{id}'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const tested = [...new Set(cases.map(([m, p]) => `${m} ${p.replace(/[0-9a-f-]{36}/, '{id}').replace(/[0-9a-f-]{36}/, '{staffId}')}`))].sort();
    expect(tested).toEqual(published);

    // staff of other roles and anonymous callers are refused as well
    expect((await sys.http('GET', `/api/exhibitors/${b.id}`, { token: organiser })).status).toBe(403);
    expect((await sys.http('GET', `/api/exhibitors/${b.id}`)).status).toBe(401);
  });

  it('gives other domains the exhibitor of a user and the approved requests', async () => {
    const svc = sys.api.get(ExhibitorsService);
    const [{ user_id: userB, fair_id: fairId }] = await sys.dataSource.query(`SELECT user_id, fair_id FROM exhibitors WHERE id = $1`, [b.id]);
    expect(await svc.exhibitorIdForUser(userB, fairId)).toBe(b.id);
    expect(await svc.exhibitorIdForUser('00000000-0000-0000-0000-000000000000')).toBeNull();
    for (const id of [a.id, b.id]) {
      await sys.http('POST', `/api/exhibitor-applications/${id}/start-review`, { token: organiser });
      await sys.http('POST', `/api/exhibitor-applications/${id}/approve`, { token: organiser, body: {} });
    }
    const requests = await svc.approvedRequests(fairId);
    expect(requests.find((r) => r.exhibitorId === b.id)).toMatchObject({
      origin: 'domestic',
      requested: { international: 0, domestic: 2, 'technical-matchmaking': 0, 'technical-workshop': 0 },
      eligibleKinds: ['domestic', 'technical-matchmaking', 'technical-workshop'],
    });
  });

  it('lists approved exhibitors publicly in vi/en, searchable, with the booths assigned by booth allocation', async () => {
    const pending = await confirmedApplicant(sys, 3, { legalName: 'Gamma Pending' });
    // Booths are assigned through libs/booths' own API, which feeds the ExhibitorBoothCodes hook.
    const free = async (kind: string, n: number) =>
      ((await sys.dataSource.query(`SELECT b.code FROM booths b JOIN fairs f ON f.id = b.fair_id WHERE f.slug = $1 AND b.kind = $2 ORDER BY b.code LIMIT $3`, [REF_FAIR, kind, n])) as { code: string }[]).map((r) => r.code);
    const [intl] = await free('international', 1);
    const [dom1, dom2] = await free('domestic', 2);
    const booth = (code: string, action: string, body: Record<string, unknown>) => sys.http('POST', `/api/fairs/${REF_FAIR}/booths/${code}/${action}`, { token: organiser, body });
    expect((await booth(intl!, 'assign', { exhibitorId: a.id })).status).toBe(200);
    expect((await booth(dom1!, 'assign', { exhibitorId: b.id })).status).toBe(200);
    // a booth only held for an exhibitor is not its booth yet
    expect((await booth(dom2!, 'hold', { exhibitorId: b.id, expiresAt: new Date(Date.now() + 3600_000).toISOString() })).status).toBe(200);
    expect((await as(a.session).call('GET', `/api/exhibitors/${a.id}`)).body.assignedBooths).toEqual([intl]);
    expect((await as(b.session).call('GET', '/api/exhibitors/mine')).body.map((e: { assignedBooths: string[] }) => e.assignedBooths)).toEqual([[dom1]]);
    expect((await as(a.session).call('GET', `/api/exhibitors/${b.id}`)).status).toBe(404);
    const en = await sys.http('GET', `/api/fairs/${REF_FAIR}/catalogue`, { lang: 'en' });
    expect(en.status).toBe(200);
    expect(en.body.items.map((e: { name: string }) => e.name)).toEqual(['Alpha Gears Ltd', 'Beta Circuits']);
    expect(en.body.items.find((e: { id: string }) => e.id === pending.id)).toBeUndefined();
    expect(en.body.items[0]).toMatchObject({ country: 'JP', countryName: 'Japan', boothCodes: [intl], sectors: [{ code: 'mechanical', name: 'Mechanical engineering' }, { code: 'automation', name: 'Automation and robotics' }] });
    expect(en.body.items[0]).not.toHaveProperty('email');
    const vi = await sys.http('GET', `/api/fairs/${REF_FAIR}/catalogue?lang=vi`);
    expect(vi.body.items.find((e: { id: string }) => e.id === a.id)).toMatchObject({ name: 'Công ty Bánh răng Alpha', countryName: 'Nhật Bản' });
    expect(vi.body.items.find((e: { id: string }) => e.id === b.id).sectors[0].name).toBe('Điện – điện tử');
    const search = async (q: string) => (await sys.http('GET', `/api/fairs/${REF_FAIR}/catalogue?${q}`)).body.items.map((e: { legalName: string }) => e.legalName);
    expect(await search('q=worm%20gear')).toEqual(['Alpha Gears']);
    expect(await search('sector=electronics')).toEqual(['Beta Circuits']);
    expect(await search('country=VN')).toEqual(['Beta Circuits']);
    expect(await search('q=%25')).toEqual([]);
    expect((await sys.http('GET', `/api/fairs/${REF_FAIR}/catalogue?limit=9999`)).status).toBe(422);
  });
});
