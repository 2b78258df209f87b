import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { as, createFair, mailsTo, optIn, PROFILE, settings, visitor } from './mm-fixtures';

/** meeting tables, self-service opt-in, request/accept/decline emails and request expiry, through HTTP with the real worker */
describe('matchmaking tables, opt-in, emails and expiry (HTTP)', () => {
  let sys: TestSystem;
  let org: string;
  let fairId: string;
  const slug = 'mm-ops';

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    org = await sys.signIn('organiser');
    fairId = await createFair(sys, org, slug, 3);
  });
  afterAll(() => sys?.close());

  it('creates one table per technical-matchmaking booth when matchmaking is set up, once', async () => {
    expect((await settings(sys, org, slug)).status).toBe(200);
    expect((await settings(sys, org, slug, { perDayLimit: 5 })).status).toBe(200);
    const list = await sys.http('GET', `/api/matchmaking/fairs/${slug}/tables`, { token: org });
    expect(list.status).toBe(200);
    expect(list.body.map((t: { name: string }) => t.name)).toEqual(['M1', 'M2', 'M3']);
    expect(list.body.every((t: { boothId: string | null; active: boolean }) => t.boothId && t.active)).toBe(true);
  });

  it('adds and removes tables with clear errors, and writes an audit row for each change', async () => {
    const added = await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: 'Extra 1' } });
    expect(added.status).toBe(201);
    const dup = await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: 'M1' }, lang: 'vi' });
    expect([dup.status, dup.body.code]).toEqual([409, 'MM_TABLE_NAME_TAKEN']);
    expect(dup.body.message).toMatch(/Đã có bàn gặp/);
    const [booth] = await sys.dataSource.query(`SELECT id FROM booths WHERE fair_id = $1 AND code = 'M1'`, [fairId]);
    const sameBooth = await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: 'M1 bis', boothId: booth.id } });
    expect([sameBooth.status, sameBooth.body.code]).toEqual([409, 'MM_TABLE_BOOTH_TAKEN']);
    const ghost = await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: 'G', boothId: '00000000-0000-4000-8000-000000000000' } });
    expect([ghost.status, ghost.body.code]).toEqual([404, 'MM_BOOTH_NOT_FOUND']);
    const blank = await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: org, body: { name: '  ' } });
    expect(blank.status).toBe(422);
    const removed = await sys.http('DELETE', `/api/matchmaking/fairs/${slug}/tables/${added.body.id}`, { token: org });
    expect([removed.status, removed.body.removed]).toEqual([200, 'deleted']);
    const again = await sys.http('DELETE', `/api/matchmaking/fairs/${slug}/tables/${added.body.id}`, { token: org });
    expect([again.status, again.body.code]).toEqual([404, 'MM_TABLE_NOT_FOUND']);
    const audits = await sys.dataSource.query(`SELECT action FROM audit_log WHERE action LIKE 'matchmaking.table.%' ORDER BY 1`);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['matchmaking.table.add', 'matchmaking.table.remove']);
    const gate = await sys.signIn('gate');
    expect((await sys.http('POST', `/api/matchmaking/fairs/${slug}/tables`, { token: gate, body: { name: 'X' } })).status).toBe(403);
  });

  it('refuses to remove a table that holds a scheduled meeting', async () => {
    const [v1, v2] = [await visitor(sys, org, slug, 'Table User A', 'Alpha'), await visitor(sys, org, slug, 'Table User B', 'Beta')];
    const [p1, p2] = [await optIn(sys, org, slug, v1.id), await optIn(sys, org, slug, v2.id)];
    const req = await as(sys, p1.token, 'POST', '/matchmaking/requests', { to: p2.id });
    const ok = await as(sys, p2.token, 'POST', `/matchmaking/requests/${req.body.id}/accept`);
    expect(ok.body.meeting.status).toBe('scheduled');
    const busy = await sys.http('DELETE', `/api/matchmaking/fairs/${slug}/tables/${ok.body.meeting.tableId}`, { token: org });
    expect([busy.status, busy.body.code]).toEqual([409, 'MM_TABLE_IN_USE']);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mm_tables WHERE id = $1 AND active`, [ok.body.meeting.tableId]);
    expect(n).toBe(1);
  });

  it('lets a signed-in approved exhibitor opt its own company in, once, and nobody else', async () => {
    const email = `mm-exhibitor-${process.pid}@example.jp`;
    const token = await sys.signIn('exhibitor', email);
    const [user] = await sys.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);
    const noCompany = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token, body: PROFILE });
    expect([noCompany.status, noCompany.body.code]).toEqual([403, 'MM_NOT_EXHIBITOR']);
    const [ex] = await sys.dataSource.query(
      `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, lang, booth_requests, placement, consent_at, submitted_at, user_id)
       VALUES ($1, 'submitted', 'Osaka Precision Co.', 'JP', 'international', 'JPMM0001', 'Osaka', 'Ken', $2, '+84912345678', 'en', '{}', '{}', now(), now(), $3) RETURNING id`,
      [fairId, email, user.id],
    );
    const unapproved = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token, body: PROFILE });
    expect([unapproved.status, unapproved.body.code]).toEqual([403, 'MM_NOT_EXHIBITOR']);
    await sys.dataSource.query(`UPDATE exhibitors SET status = 'approved', decided_at = now() WHERE id = $1`, [ex.id]);
    const joined = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token, body: PROFILE });
    expect(joined.status).toBe(201);
    const [p] = await sys.dataSource.query(`SELECT exhibitor_id, visitor_id, company_key FROM mm_participants WHERE id = $1`, [joined.body.participantId]);
    expect(p).toEqual({ exhibitor_id: ex.id, visitor_id: null, company_key: `exhibitor:${ex.id}` });
    const twice = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token, body: PROFILE });
    expect([twice.status, twice.body.code]).toEqual([409, 'MM_ALREADY_JOINED']);
    expect((await as(sys, joined.body.token, 'GET', '/matchmaking/recommendations')).status).toBe(200);
    expect((await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token: org, body: PROFILE })).status).toBe(403);
  });

  it('lets a registered visitor opt in with the pass code mailed to them; a forged, foreign or reissued code is refused', async () => {
    const v = await visitor(sys, org, slug, 'Self Visitor', 'Gamma');
    const forged = v.code.slice(0, -3) + (v.code.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const passCode of [forged, 'not a code', '']) {
      const r = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode, ...PROFILE }, lang: 'vi' });
      expect([r.status, r.body.code]).toEqual([403, 'MM_BAD_PASS']);
      expect(r.body.message).toMatch(/Mã thẻ/);
    }
    await createFair(sys, org, 'mm-other');
    const other = await visitor(sys, org, 'mm-other', 'Other Fair Visitor', 'Delta');
    const foreign = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode: other.code, ...PROFILE } });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'MM_BAD_PASS']);
    expect(Number((await sys.dataSource.query(`SELECT count(*) AS n FROM mm_participants WHERE visitor_id = $1`, [v.id]))[0].n)).toBe(0);

    const joined = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode: v.code, ...PROFILE } });
    expect(joined.status).toBe(201);
    const [p] = await sys.dataSource.query(`SELECT visitor_id FROM mm_participants WHERE id = $1`, [joined.body.participantId]);
    expect(p.visitor_id).toBe(v.id);
    const twice = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode: v.code, ...PROFILE } });
    expect([twice.status, twice.body.code]).toEqual([409, 'MM_ALREADY_JOINED']);

    const w = await visitor(sys, org, slug, 'Reissued Visitor', 'Epsilon');
    const [pass] = await sys.dataSource.query(`SELECT id FROM passes WHERE visitor_id = $1`, [w.id]);
    expect((await sys.http('POST', `/api/visitors/fairs/${slug}/passes/${pass.id}/reissue`, { token: org, body: {} })).status).toBeLessThan(300);
    const old = await sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { passCode: w.code, ...PROFILE } });
    expect([old.status, old.body.code]).toEqual([403, 'MM_BAD_PASS']);
  });

  it('emails each step in the recipient\'s language: request to the addressee, accept / decline to the requester', async () => {
    const a = await visitor(sys, org, slug, 'Mail Asker', 'Asker Co', { lang: 'en' });
    const b = await visitor(sys, org, slug, 'Mail Answerer', 'Answerer Co', { lang: 'vi' });
    const c = await visitor(sys, org, slug, 'Mail Decliner', 'Decliner Co', { lang: 'en' });
    const [pa, pb, pc] = [await optIn(sys, org, slug, a.id), await optIn(sys, org, slug, b.id), await optIn(sys, org, slug, c.id)];
    const r1 = await as(sys, pa.token, 'POST', '/matchmaking/requests', { to: pb.id, message: 'Xin chào, chúng tôi cần khuôn mẫu' });
    const r2 = await as(sys, pa.token, 'POST', '/matchmaking/requests', { to: pc.id });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    const toB = await eventually(async () => (await mailsTo(sys, b.email)).length === 1 && (await mailsTo(sys, b.email)));
    expect(toB[0]!.lang).toBe('vi');
    expect(toB[0]!.subject).toMatch(/Mail Asker \(Asker Co\) muốn gặp bạn/);
    expect(toB[0]!.text).toMatch(/Lời nhắn: Xin chào, chúng tôi cần khuôn mẫu/);
    const toC = await eventually(async () => (await mailsTo(sys, c.email)).length === 1 && (await mailsTo(sys, c.email)));
    expect(toC[0]!.subject).toMatch(/would like to meet you/);

    expect((await as(sys, pb.token, 'POST', `/matchmaking/requests/${r1.body.id}/accept`)).status).toBe(200);
    expect((await as(sys, pc.token, 'POST', `/matchmaking/requests/${r2.body.id}/decline`)).status).toBe(200);
    const toA = await eventually(async () => (await mailsTo(sys, a.email)).length === 2 && (await mailsTo(sys, a.email)));
    const subjects = toA.map((m) => m.subject).sort();
    expect(subjects[0]).toMatch(/^Mail Answerer \(Answerer Co\) accepted your meeting request/);
    expect(subjects[1]).toMatch(/^Mail Decliner \(Decliner Co\) declined your meeting request/);
    const accepted = toA.find((m) => /accepted/.test(m.subject))!;
    expect(accepted.lang).toBe('en');
    expect(accepted.text).toMatch(/When: \d\d\/\d\d\/\d{4} 0[89]:[03]0–\d\d:\d\d \(GMT\+7\), table M\d/);
    // a failed answer sends nothing
    expect((await as(sys, pb.token, 'POST', `/matchmaking/requests/${r1.body.id}/decline`)).status).toBe(409);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages WHERE template = 'matchmaking-request' AND dedupe_key LIKE $1`, [`mm-request:${r1.body.id}:%`]);
    expect(n).toBe(2);
  });

  it('expires a pending request at its time through the scheduled job, once, and tells the requester', async () => {
    const a = await visitor(sys, org, slug, 'Expiry Asker', 'Exp A', { lang: 'vi' });
    const b = await visitor(sys, org, slug, 'Expiry Silent', 'Exp B');
    const [pa, pb] = [await optIn(sys, org, slug, a.id), await optIn(sys, org, slug, b.id)];
    const req = await as(sys, pa.token, 'POST', '/matchmaking/requests', { to: pb.id });
    const [job] = await sys.dataSource.query(`SELECT available_at, payload FROM outbox WHERE job_name = 'matchmaking.request-expire' AND payload->>'requestId' = $1`, [req.body.id]);
    const [row] = await sys.dataSource.query(`SELECT expires_at FROM mm_requests WHERE id = $1`, [req.body.id]);
    expect(new Date(job.available_at).getTime()).toBe(new Date(row.expires_at).getTime());
    expect(new Date(row.expires_at).getTime() - Date.now()).toBeGreaterThan(47 * 3_600_000);
    // time passes: the request is due now; the job becomes due at the same moment
    await sys.dataSource.query(`UPDATE mm_requests SET expires_at = now() WHERE id = $1`, [req.body.id]);
    await sys.dataSource.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'matchmaking.request-expire' AND payload->>'requestId' = $1`, [req.body.id]);
    await eventually(async () => (await sys.dataSource.query(`SELECT status FROM mm_requests WHERE id = $1`, [req.body.id]))[0].status === 'expired');
    const mails = await eventually(async () => (await mailsTo(sys, a.email)).length === 1 && (await mailsTo(sys, a.email)));
    expect(mails[0]!.subject).toMatch(/Yêu cầu gặp Expiry Silent \(Exp B\) đã hết hạn/);
    const late = await as(sys, pb.token, 'POST', `/matchmaking/requests/${req.body.id}/accept`);
    expect([late.status, late.body.code]).toEqual([409, 'MM_REQUEST_EXPIRED']);
    // an answered request is left alone by its expiry job
    const c = await visitor(sys, org, slug, 'Expiry Quick', 'Exp C');
    const pc = await optIn(sys, org, slug, c.id);
    const r2 = await as(sys, pa.token, 'POST', '/matchmaking/requests', { to: pc.id });
    await as(sys, pc.token, 'POST', `/matchmaking/requests/${r2.body.id}/decline`);
    await sys.dataSource.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'matchmaking.request-expire' AND payload->>'requestId' = $1`, [r2.body.id]);
    await eventually(async () => (await sys.dataSource.query(`SELECT 1 FROM outbox WHERE job_name = 'matchmaking.request-expire' AND payload->>'requestId' = $1 AND completed_at IS NOT NULL`, [r2.body.id])).length);
    expect((await sys.dataSource.query(`SELECT status FROM mm_requests WHERE id = $1`, [r2.body.id]))[0].status).toBe('declined');
  });
});
