import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';
import { confirmedApplicant, REF_FAIR } from './applicant';
import { mailsTo } from './mail-helpers';

describe('organisers review applications: every transition, its email and its audit row', () => {
  let sys: TestSystem;
  let organiser: string;
  const act = (id: string, action: string, body: Record<string, unknown> = {}, token = organiser) =>
    sys.http('POST', `/api/exhibitor-applications/${id}/${action}`, { token, body });
  const statusEmail = (to: string, subject: RegExp) => eventually(async () => (await mailsTo(sys, to)).find((m) => subject.test(m.subject)));
  const audit = async (id: string) =>
    (await sys.dataSource.query(`SELECT action, actor_role, reason FROM audit_log WHERE entity = 'exhibitor' AND entity_id = $1 ORDER BY id`, [id])) as { action: string; actor_role: string; reason: string | null }[];

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    await sys.api.get(ReferenceFairSeeder).seed();
    organiser = await sys.signIn('organiser');
  });
  afterAll(() => sys?.close());

  it('approves: email_confirmed -> under_review -> approved, emailing each step in English', async () => {
    const a = await confirmedApplicant(sys, 1, { lang: 'en' });
    expect((await act(a.id, 'start-review')).body).toEqual({ id: a.id, status: 'under_review' });
    expect((await statusEmail(a.email, /under review/))?.lang).toBe('en');
    expect((await act(a.id, 'approve', { note: 'welcome' })).body.status).toBe('approved');
    const approved = await statusEmail(a.email, /approved/);
    expect(approved.text).toMatch(/Congratulations/);
    expect((await audit(a.id)).map((r) => [r.action, r.actor_role])).toEqual([
      ['exhibitor.submit', 'exhibitor'],
      ['exhibitor.confirm-email', 'exhibitor'],
      ['exhibitor.start-review', 'organiser'],
      ['exhibitor.approve', 'organiser'],
    ]);
    // approved is final for review: a second decision is refused with a domain error
    const again = await act(a.id, 'reject', { reason: 'changed our mind' });
    expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(again.body.message).toMatch(/approved/);
  });

  it('rejects with a reason, emailed in Vietnamese to a Vietnamese applicant', async () => {
    const a = await confirmedApplicant(sys, 2, { lang: 'vi', country: 'VN', phone: '0912345602', booths: [{ kind: 'domestic', count: 1 }] });
    await act(a.id, 'start-review');
    expect((await act(a.id, 'reject', {})).status).toBe(422); // a reason is required
    expect((await act(a.id, 'reject', { reason: 'Hồ sơ thiếu giấy phép <b>kinh doanh</b>' })).body.status).toBe('rejected');
    const mail = await statusEmail(a.email, /không được duyệt/);
    expect(mail.lang).toBe('vi');
    expect(mail.text).toContain('Lý do: Hồ sơ thiếu giấy phép <b>kinh doanh</b>');
    expect(mail.html).not.toContain('<b>kinh');
    expect((await audit(a.id)).at(-1)).toEqual({ action: 'exhibitor.reject', actor_role: 'organiser', reason: 'Hồ sơ thiếu giấy phép <b>kinh doanh</b>' });
    expect((await act(a.id, 'approve')).status).toBe(409);
    expect((await sys.http('POST', `/api/exhibitors/${a.id}/withdraw`, { token: a.session })).status).toBe(409);
  });

  it('requests changes, the applicant resubmits, then approval; and the applicant may withdraw', async () => {
    const a = await confirmedApplicant(sys, 3);
    await act(a.id, 'start-review');
    expect((await act(a.id, 'request-changes', { reason: 'Please add your product list' })).body.status).toBe('changes_requested');
    expect((await statusEmail(a.email, /Changes requested/)).text).toContain('Please add your product list');
    // organisers cannot resubmit for the applicant, and the applicant cannot approve itself
    expect((await sys.http('POST', `/api/exhibitors/${a.id}/resubmit`, { token: organiser })).status).toBe(403);
    expect((await act(a.id, 'approve', {}, a.session)).status).toBe(403);
    expect((await act(a.id, 'approve')).status).toBe(409);
    const edited = await sys.http('PATCH', `/api/exhibitors/${a.id}`, { token: a.session, body: { products: 'gears, shafts, bearings' } });
    expect(edited.status).toBe(200);
    expect((await sys.http('POST', `/api/exhibitors/${a.id}/resubmit`, { token: a.session })).body.status).toBe('under_review');
    expect((await act(a.id, 'approve')).body.status).toBe('approved');
    expect((await sys.http('POST', `/api/exhibitors/${a.id}/withdraw`, { token: a.session })).body.status).toBe('withdrawn');
    expect((await statusEmail(a.email, /withdrawn/)).lang).toBe('en');
    expect((await audit(a.id)).map((r) => r.action)).toEqual([
      'exhibitor.submit',
      'exhibitor.confirm-email',
      'exhibitor.start-review',
      'exhibitor.request-changes',
      'exhibitor.profile',
      'exhibitor.resubmit',
      'exhibitor.approve',
      'exhibitor.withdraw',
    ]);
    expect((await act(a.id, 'start-review')).status).toBe(409);
  });

  it('refuses review before the email is confirmed and unknown ids', async () => {
    const res = await sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitor-applications`, { body: (await import('../src/testing/application-fixtures')).applicationBody(4) });
    const started = await act(res.body.id, 'start-review');
    expect([started.status, started.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect((await act('00000000-0000-0000-0000-000000000000', 'approve')).status).toBe(404);
    expect((await act('not-a-uuid', 'approve')).status).toBe(404);
  });

  it('gives exactly one outcome when two organisers decide at once', async () => {
    const other = await sys.signIn('organiser');
    for (let round = 0; round < 5; round++) {
      const a = await confirmedApplicant(sys, 100 + round);
      await act(a.id, 'start-review');
      const [approve, reject] = await Promise.all([act(a.id, 'approve'), act(a.id, 'reject', { reason: 'duplicate company' }, other)]);
      expect([approve.status, reject.status].sort()).toEqual([200, 409]);
      const [row] = await sys.dataSource.query(`SELECT status FROM exhibitors WHERE id = $1`, [a.id]);
      expect(row.status).toBe(approve.status === 200 ? 'approved' : 'rejected');
      const decisions = (await audit(a.id)).filter((r) => r.action === 'exhibitor.approve' || r.action === 'exhibitor.reject');
      expect(decisions).toHaveLength(1);
    }
  });

  it('lists, filters and searches applications, opens one, and lets the organiser override the origin', async () => {
    const vn = await confirmedApplicant(sys, 200, { legalName: 'Searchable Saigon Plastics', country: 'VN', phone: '0912345700', sectors: ['plastics-rubber'], booths: [{ kind: 'domestic', count: 3 }] });
    const list = (q: string) => sys.http('GET', `/api/fairs/${REF_FAIR}/exhibitor-applications?${q}`, { token: organiser });
    const ids = async (q: string) => (await list(q)).body.items.map((e: { id: string }) => e.id);
    expect(await ids('q=saigon%20plastics')).toEqual([vn.id]);
    expect(await ids('country=vn&status=email_confirmed')).toEqual([vn.id]);
    expect(await ids('sector=plastics-rubber')).toEqual([vn.id]);
    expect(await ids('kind=domestic&origin=domestic')).toContain(vn.id);
    expect(await ids('kind=international')).not.toContain(vn.id);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    expect(await ids(`from=${today}&to=${today}&q=saigon`)).toEqual([vn.id]);
    expect(await ids('from=2000-01-01&to=2000-01-02')).toEqual([]);
    expect((await list('status=nonsense')).status).toBe(422);
    expect((await list('limit=2')).body.items).toHaveLength(2);
    const gate = await sys.signIn('gate');
    expect((await sys.http('GET', `/api/fairs/${REF_FAIR}/exhibitor-applications`, { token: gate })).status).toBe(403);
    expect((await sys.http('GET', `/api/fairs/${REF_FAIR}/exhibitor-applications`)).status).toBe(401);

    const one = await sys.http('GET', `/api/exhibitor-applications/${vn.id}`, { token: organiser });
    expect(one.body).toMatchObject({ legalName: 'Searchable Saigon Plastics', origin: 'domestic', boothRequests: { domestic: 3 }, hasAccount: true });
    expect(one.body).not.toHaveProperty('pendingPasswordHash');
    const overridden = await sys.http('PATCH', `/api/exhibitor-applications/${vn.id}/origin`, { token: organiser, body: { origin: 'international' } });
    expect(overridden.body).toMatchObject({ origin: 'international', originOverridden: true });
    expect((await audit(vn.id)).at(-1)!.action).toBe('exhibitor.override-origin');
  });
});
