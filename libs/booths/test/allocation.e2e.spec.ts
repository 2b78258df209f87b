import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startExtraApi, startTestSystem, type TestSystem } from '@fair/testing';
import { mailsTo } from '../../exhibitors/test/mail-helpers';
import { OFFER_HOURS, WaitlistService } from '@fair/booths';
import { createSmallFair, doubleBookings, inHours, insertExhibitors, REF_FAIR, seedReferenceFair } from './booth-fixtures';

describe('booth holds and assignments through the API', () => {
  let sys: TestSystem;
  let second: Awaited<ReturnType<typeof startExtraApi>>;
  let secondUrl: string;
  let organiser: string;
  let fairId: string;
  const post = (path: string, body: unknown, token = organiser) => sys.http('POST', `/api/fairs/${REF_FAIR}${path}`, { token, body });
  const liveCount = async () => ((await sys.dataSource.query(`SELECT count(*)::int AS n FROM booth_allocations WHERE status IN ('held','assigned')`)) as { n: number }[])[0]!.n;
  const audit = async (boothCode: string) =>
    (await sys.dataSource.query(
      `SELECT l.action, l.reason, l.actor_role FROM audit_log l JOIN booths b ON b.id::text = l.entity_id WHERE l.entity = 'booth' AND b.code = $1 AND b.fair_id = $2 ORDER BY l.id`,
      [boothCode, fairId],
    )) as { action: string; reason: string | null; actor_role: string }[];

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    fairId = await seedReferenceFair(sys);
    organiser = await sys.signIn('organiser');
    // a second API instance on the same database: requests race across two processes' pools
    second = await startExtraApi();
    secondUrl = second.url;
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await sys?.close();
  });

  it('100 concurrent holds of one booth from two API instances: exactly one wins, 99 get 409 BOOTH_TAKEN', async () => {
    const exhibitors = await insertExhibitors(sys, fairId, Array.from({ length: 100 }, () => ({ origin: 'international' as const })));
    const responses = await Promise.all(
      exhibitors.map(async (ex, i) => {
        const res = await fetch(`${i % 2 ? secondUrl : sys.baseUrl}/api/fairs/${REF_FAIR}/booths/A01/hold`, {
          method: 'POST',
          headers: { authorization: `Bearer ${organiser}`, 'content-type': 'application/json' },
          body: JSON.stringify({ exhibitorId: ex.id, expiresAt: inHours(24) }),
        });
        return { status: res.status, body: (await res.json()) as { code?: string; exhibitorId?: string } };
      }),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409 && r.body.code === 'BOOTH_TAKEN')).toHaveLength(99);
    const rows = await sys.dataSource.query(
      `SELECT a.exhibitor_id, a.status FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE b.code = 'A01' AND b.fair_id = $1`,
      [fairId],
    );
    expect(rows).toEqual([{ exhibitor_id: winners[0]!.body.exhibitorId, status: 'held' }]);
    expect(await doubleBookings(sys)).toEqual([]);
    // one audit row, one email, for the one change
    expect((await audit('A01')).map((a) => a.action)).toEqual(['booth.hold']);
    const winner = exhibitors.find((e) => e.id === winners[0]!.body.exhibitorId)!;
    expect((await eventually(async () => (await mailsTo(sys, winner.email))[0])).subject).toMatch(/Booth A01 is held for you/);
    await post('/booths/A01/release', { reason: 'test over' });
  }, 60_000);

  it('hold -> assign -> release: each step audited and emailed (Vietnamese to a Vietnamese exhibitor)', async () => {
    const [ex] = await insertExhibitors(sys, fairId, [{ origin: 'domestic', booths: { domestic: 2 } }]);
    const hold = await post('/booths/B01/hold', { exhibitorId: ex!.id, expiresAt: inHours(2) });
    expect([hold.status, hold.body.status, hold.body.booth]).toEqual([200, 'held', 'B01']);
    expect((await post('/booths/B01/assign', { exhibitorId: ex!.id })).body.status).toBe('assigned');
    expect((await post('/booths/B02/assign', { exhibitorId: ex!.id })).body.status).toBe('assigned');
    // a third booth is more than it asked for
    const third = await post('/booths/B03/hold', { exhibitorId: ex!.id, expiresAt: inHours(2) });
    expect([third.status, third.body.code]).toEqual([409, 'TOO_MANY_BOOTHS']);
    const released = await post('/booths/B01/release', { reason: 'moved to a bigger booth' });
    expect(released.body).toEqual({ booth: 'B01', status: 'available', offeredTo: null, expiresAt: null });
    expect((await audit('B01')).map((a) => [a.action, a.actor_role])).toEqual([
      ['booth.hold', 'organiser'],
      ['booth.assign', 'organiser'],
      ['booth.release', 'organiser'],
    ]);
    const mails = await eventually(async () => {
      const all = await mailsTo(sys, ex!.email);
      return all.length >= 4 ? all : null;
    });
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [
        `Gian hàng B01 đang được giữ chỗ cho bạn – Mạng lưới các nhà công nghiệp chế tạo Hà Nội 2018`,
        `Gian hàng của bạn: B01 – Mạng lưới các nhà công nghiệp chế tạo Hà Nội 2018`,
        `Gian hàng của bạn: B02 – Mạng lưới các nhà công nghiệp chế tạo Hà Nội 2018`,
        `Gian hàng B01 đã được trả lại – Mạng lưới các nhà công nghiệp chế tạo Hà Nội 2018`,
      ].sort(),
    );
    expect(mails.find((m) => /trả lại/.test(m.subject))!.text).toContain('Lý do: moved to a bigger booth');
    expect(mails[0]!.lang).toBe('vi');
  }, 60_000);

  it('release answers what became of the booth, as the database and the floor plan show it: free, or held for the first waiting exhibitor', async () => {
    const [holder, waiting] = await insertExhibitors(sys, fairId, [{ origin: 'domestic' }, { origin: 'domestic' }]);
    const live = async (code: string) =>
      ((await sys.dataSource.query(
        `SELECT a.exhibitor_id, a.status, a.source, a.expires_at FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
          WHERE b.fair_id = $1 AND b.code = $2 AND a.status IN ('held', 'assigned')`,
        [fairId, code],
      )) as { exhibitor_id: string; status: string; source: string; expires_at: Date | null }[]).map((r) => ({
        status: r.status,
        offeredTo: r.exhibitor_id,
        source: r.source,
        expiresAt: r.expires_at?.toISOString() ?? null,
      }));
    const onPlan = async (code: string) => {
      const plan = await sys.http('GET', `/api/fairs/${REF_FAIR}/booth-allocation/floor-plan`, { token: organiser });
      const b = plan.body.booths.find((x: { code: string }) => x.code === code);
      return { status: b.status, offeredTo: b.occupant?.exhibitorId ?? null, expiresAt: b.expiresAt };
    };

    // nobody waits: the booth is free
    expect((await post('/booths/B07/assign', { exhibitorId: holder!.id })).status).toBe(200);
    const freed = await post('/booths/B07/release', {});
    expect([freed.status, freed.body]).toEqual([200, { booth: 'B07', status: 'available', offeredTo: null, expiresAt: null }]);
    expect(await live('B07')).toEqual([]);
    expect(await onPlan('B07')).toEqual({ status: 'available', offeredTo: null, expiresAt: null });

    // a domestic exhibitor waits: the booth is held for it at once, for OFFER_HOURS
    await sys.api.get(WaitlistService).join(sys.dataSource.manager, fairId, waiting!.id, ['domestic']);
    expect((await post('/booths/B07/assign', { exhibitorId: holder!.id })).status).toBe(200);
    const offered = await post('/booths/B07/release', { reason: 'the holder moved' });
    expect([offered.status, offered.body]).toEqual([200, { booth: 'B07', status: 'held', offeredTo: waiting!.id, expiresAt: expect.any(String) }]);
    expect(Math.abs(Date.parse(offered.body.expiresAt) - (Date.now() + OFFER_HOURS * 3_600_000))).toBeLessThan(60_000);
    const { booth: _code, ...answer } = offered.body;
    expect(await live('B07')).toEqual([{ ...answer, source: 'waitlist' }]);
    expect(await onPlan('B07')).toEqual(answer);

    // releasing the offer: the waiting exhibitor leaves the list and nobody else waits, so the booth is free
    const declined = await post('/booths/B07/release', {});
    expect(declined.body).toEqual({ booth: 'B07', status: 'available', offeredTo: null, expiresAt: null });
    expect(await live('B07')).toEqual([]);
    expect(await sys.dataSource.query(`SELECT left_at IS NOT NULL AS left FROM booth_waitlist WHERE exhibitor_id = $1`, [waiting!.id])).toEqual([{ left: true }]);
  }, 60_000);

  it('a hold frees the booth by itself when it expires (scheduled job), emailing the exhibitor', async () => {
    const [ex] = await insertExhibitors(sys, fairId, [{ origin: 'international' }]);
    const hold = await post('/booths/A10/hold', { exhibitorId: ex!.id, expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(hold.status).toBe(200);
    const row = await eventually(async () => {
      const [r] = (await sys.dataSource.query(`SELECT status FROM booth_allocations WHERE exhibitor_id = $1`, [ex!.id])) as { status: string }[];
      return r?.status === 'expired' ? r : null;
    });
    expect(row.status).toBe('expired');
    expect((await audit('A10')).map((a) => [a.action, a.actor_role])).toEqual([
      ['booth.hold', 'organiser'],
      ['booth.hold-expire', 'system'],
    ]);
    expect((await eventually(async () => (await mailsTo(sys, ex!.email)).find((m) => /expired/.test(m.subject))))!.subject).toBe(
      "Your hold on booth A10 expired – Hanoi Manufacturers' Network 2018",
    );
    // free again: someone else may hold it
    const [other] = await insertExhibitors(sys, fairId, [{ origin: 'international' }]);
    expect((await post('/booths/A10/hold', { exhibitorId: other!.id, expiresAt: inHours(1) })).status).toBe(200);
  }, 60_000);

  it('a hold confirmed before expiry is left alone by the expiry job', async () => {
    const [ex] = await insertExhibitors(sys, fairId, [{ origin: 'international' }]);
    await post('/booths/A11/hold', { exhibitorId: ex!.id, expiresAt: new Date(Date.now() + 1200).toISOString() });
    await post('/booths/A11/assign', { exhibitorId: ex!.id });
    await eventually(async () => {
      const [j] = (await sys.dataSource.query(`SELECT completed_at FROM outbox WHERE job_name = 'booths.hold-expire' AND payload->>'allocationId' IN (SELECT id::text FROM booth_allocations WHERE exhibitor_id = $1)`, [ex!.id])) as { completed_at: Date | null }[];
      return j?.completed_at;
    });
    const rows = await sys.dataSource.query(`SELECT status FROM booth_allocations WHERE exhibitor_id = $1`, [ex!.id]);
    expect(rows).toEqual([{ status: 'assigned' }]);
  }, 60_000);

  describe('bad input: a clear domain error and nothing written', () => {
    let approved: { id: string; email: string };
    let domestic: { id: string; email: string };
    let pending: { id: string; email: string };
    let otherFairBoothId: string;
    beforeAll(async () => {
      [approved, domestic] = await insertExhibitors(sys, fairId, [{ origin: 'international' }, { origin: 'domestic' }]) as [typeof approved, typeof approved];
      [pending] = await insertExhibitors(sys, fairId, [{ origin: 'international', status: 'under_review' }]) as [typeof approved];
      const otherFair = await createSmallFair(sys, organiser, 'booth-bad-input-fair');
      otherFairBoothId = ((await sys.dataSource.query(`SELECT id FROM booths WHERE fair_id = $1 AND code = 'I1'`, [otherFair])) as { id: string }[])[0]!.id;
    });

    it.each([
      ['a booth that does not exist', () => ['/booths/Z99/hold', { exhibitorId: approved.id, expiresAt: inHours(1) }], 404, 'BOOTH_NOT_FOUND'],
      ["another fair's booth (by id)", () => [`/booths/${otherFairBoothId}/hold`, { exhibitorId: approved.id, expiresAt: inHours(1) }], 404, 'BOOTH_NOT_FOUND'],
      ['an exhibitor not approved', () => ['/booths/A20/hold', { exhibitorId: pending.id, expiresAt: inHours(1) }], 409, 'EXHIBITOR_NOT_APPROVED'],
      ['an unknown exhibitor', () => ['/booths/A20/hold', { exhibitorId: '00000000-0000-4000-8000-000000000000', expiresAt: inHours(1) }], 404, 'EXHIBITOR_NOT_FOUND'],
      ['an expiry in the past', () => ['/booths/A20/hold', { exhibitorId: approved.id, expiresAt: new Date(Date.now() - 60_000).toISOString() }], 422, 'EXPIRY_IN_PAST'],
      ['an international booth for a domestic exhibitor', () => ['/booths/A20/assign', { exhibitorId: domestic.id }], 409, 'KIND_NOT_ALLOWED'],
      ['a technical booth it did not ask for', () => ['/booths/CM01/assign', { exhibitorId: approved.id }], 409, 'KIND_NOT_ALLOWED'],
      ['releasing a free booth', () => ['/booths/A21/release', {}], 409, 'BOOTH_NOT_ALLOCATED'],
      ['a malformed body', () => ['/booths/A20/hold', { exhibitorId: 'nope', expiresAt: 'tomorrow', extra: 1 }], 422, 'VALIDATION_FAILED'],
    ] as const)('%s', async (_name, make, status, code) => {
      const before = await sys.dataSource.query(`SELECT (SELECT count(*) FROM booth_allocations) AS a, (SELECT count(*) FROM audit_log) AS l, (SELECT count(*) FROM mail_messages) AS m`);
      const [path, body] = make();
      const res = await post(path, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(typeof res.body.message).toBe('string');
      expect(await sys.dataSource.query(`SELECT (SELECT count(*) FROM booth_allocations) AS a, (SELECT count(*) FROM audit_log) AS l, (SELECT count(*) FROM mail_messages) AS m`)).toEqual(before);
    });

    it('answers in Vietnamese when asked', async () => {
      const res = await sys.http('POST', `/api/fairs/${REF_FAIR}/booths/Z99/hold`, { token: organiser, lang: 'vi', body: { exhibitorId: approved.id, expiresAt: inHours(1) } });
      expect(res.body.message).toBe('Không tìm thấy gian hàng Z99 trong hội chợ này');
    });

    it('an organiser may override the kind rule with a reason, which is audited', async () => {
      const refused = await post('/booths/A22/assign', { exhibitorId: domestic.id, overrideReason: '   ' });
      expect([refused.status, refused.body.code, refused.body.message]).toEqual([
        409,
        'KIND_NOT_ALLOWED',
        'Booth A22 (International booth) is not of a kind this domestic exhibitor asked for or may have; an organiser may still give it with a reason for the exception',
      ]);
      const res = await post('/booths/A22/assign', { exhibitorId: domestic.id, overrideReason: 'joint venture with a Japanese partner' });
      expect([res.status, res.body.status]).toEqual([200, 'assigned']);
      expect((await audit('A22')).at(-1)).toEqual({ action: 'booth.assign', actor_role: 'organiser', reason: 'joint venture with a Japanese partner' });
    });

    it('exhibitors and anonymous callers may not hold booths', async () => {
      const exhibitorToken = await sys.signIn('exhibitor');
      expect((await post('/booths/A23/hold', { exhibitorId: approved.id, expiresAt: inHours(1) }, exhibitorToken)).status).toBe(403);
      expect((await sys.http('POST', `/api/fairs/${REF_FAIR}/booths/A23/hold`, { body: { exhibitorId: approved.id, expiresAt: inHours(1) } })).status).toBe(401);
    });
  });

  it('floor plan: every booth with geometry, status and occupant; CSV export of the allocation', async () => {
    const plan = await sys.http('GET', `/api/fairs/${REF_FAIR}/booth-allocation/floor-plan`, { token: organiser });
    expect(plan.status).toBe(200);
    expect(plan.body.booths).toHaveLength(180);
    expect(plan.body.halls.map((h: { code: string }) => h.code)).toEqual(['A', 'B', 'C']);
    const b02 = plan.body.booths.find((b: { code: string }) => b.code === 'B02');
    expect(b02).toMatchObject({ hall: 'B', kind: 'domestic', status: 'assigned', x: 46, y: 3, width: 3, height: 3, occupant: { country: 'VN' } });
    const a10 = plan.body.booths.find((b: { code: string }) => b.code === 'A10');
    expect(a10.status).toBe('held');
    expect(a10.expiresAt).toEqual(expect.any(String));
    expect(plan.body.counts.available + plan.body.counts.held + plan.body.counts.assigned).toBe(180);
    const csv = await sys.http('GET', `/api/fairs/${REF_FAIR}/booth-allocation/export.csv`, { token: organiser });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('hall,booth,kind,status,exhibitor_id,exhibitor,country,since,hold_expires_at');
    expect(lines).toHaveLength(181);
    expect(lines.find((l) => l.startsWith('B,B02,'))).toMatch(/^B,B02,domestic,assigned,[0-9a-f-]{36},Booth Test/);
  });
});
