import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createHash } from 'node:crypto';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { as, createFair, optIn, PROFILE, settings, visitor } from './mm-fixtures';

/**
 * An exhibitor that joined matchmaking on one device takes it to another: the signed-in
 * exhibitor gets a new token for its own participant, the old token stops working, an audit
 * row is written, and nobody can rotate someone else's token. A visitor does the same with the
 * pass code they joined with (only the pass's current issue, while active). Real PostgreSQL,
 * through HTTP.
 */
describe('matchmaking token re-issue for a second device (HTTP)', () => {
  let sys: TestSystem;
  let org: string;
  let fairId: string;
  const slug = 'mm-reissue';
  const reissue = (token: string | undefined, lang: 'vi' | 'en' = 'en') => sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor/reissue`, { token, lang });
  const join = (token: string) => sys.http('POST', `/api/matchmaking/fairs/${slug}/join/exhibitor`, { token, body: PROFILE });
  const sha = (t: string) => createHash('sha256').update(t).digest();

  /** a signed-in exhibitor user and its company at the fair, in `status` */
  async function exhibitor(name: string, status = 'approved') {
    const email = `${name.toLowerCase()}-${process.pid}@reissue.example`;
    const session = await sys.signIn('exhibitor', email);
    const [row] = await sys.dataSource.query(
      `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, lang, booth_requests, placement, consent_at, submitted_at, user_id)
       SELECT $1, $2, $3, 'JP', 'international', 'RE' || upper(substr(md5($4), 1, 8)), 'Osaka', 'Ken', $4, '+84912345678', 'en', '{}', '{}', now(), now(), u.id
         FROM users u WHERE u.email = $4 RETURNING id, user_id`,
      [fairId, status, `${name} Co.`, email],
    );
    return { id: row.id as string, userId: row.user_id as string, session };
  }

  const audits = async (participantId: string) =>
    (await sys.dataSource.query(`SELECT actor_user_id, actor_role, fair_id, after FROM audit_log WHERE action = 'matchmaking.token.reissue' AND entity_id = $1`, [
      participantId,
    ])) as { actor_user_id: string; actor_role: string; fair_id: string; after: unknown }[];
  const joinVisitor = (passCode: string) => sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor`, { body: { ...PROFILE, passCode } });
  const reissueVisitor = (passCode: string, lang: 'vi' | 'en' = 'en') => sys.http('POST', `/api/matchmaking/fairs/${slug}/join/visitor/reissue`, { body: { passCode }, lang });
  const passOf = async (visitorId: string) => {
    const [p] = await sys.dataSource.query(`SELECT id, code FROM passes WHERE visitor_id = $1`, [visitorId]);
    return p as { id: string; code: string };
  };

  beforeAll(async () => {
    sys = await startTestSystem({});
    org = await sys.signIn('organiser');
    fairId = await createFair(sys, org, slug);
    expect((await settings(sys, org, slug)).status).toBe(200);
  });
  afterAll(() => sys?.close());

  it('gives the joined exhibitor a new token for the same participant; the old one gets 401; each rotation is audited', async () => {
    const a = await exhibitor('Alpha');
    const joined = await join(a.session);
    expect(joined.status).toBe(201);
    const first: string = joined.body.token;
    // Something done with the first device's token, to find again on the second device.
    const v = await visitor(sys, org, slug, 'Reissue Buyer', 'Buyer Co');
    const buyer = await optIn(sys, org, slug, v.id, { offers: ['moulds'] });
    const sent = await as(sys, first, 'POST', '/matchmaking/requests', { to: buyer.id, message: 'from device one' });
    expect(sent.status).toBe(201);
    expect((await join(a.session)).body.code).toBe('MM_ALREADY_JOINED');

    const second = await reissue(a.session);
    expect(second.status).toBe(200);
    expect(second.body.participantId).toBe(joined.body.participantId);
    expect(second.body.token).toEqual(expect.any(String));
    expect(second.body.token).not.toBe(first);

    // The new token is the same participant: its sent request is there.
    const mine = await as(sys, second.body.token, 'GET', '/matchmaking/requests');
    expect(mine.status).toBe(200);
    expect(mine.body.map((r: { id: string; direction: string }) => [r.id, r.direction])).toEqual([[sent.body.id, 'out']]);
    expect((await as(sys, second.body.token, 'GET', '/matchmaking/agenda')).status).toBe(200);
    // The old token is refused everywhere.
    for (const [method, path] of [
      ['GET', '/matchmaking/recommendations'],
      ['GET', '/matchmaking/requests'],
      ['GET', '/matchmaking/agenda'],
    ] as const) {
      const old = await as(sys, first, method, path, undefined, 'en');
      expect([path, old.status, old.body.code]).toEqual([path, 401, 'MM_BAD_TOKEN']);
    }
    // Only the hash is stored, and it is the new token's.
    const [row] = await sys.dataSource.query(`SELECT token_hash FROM mm_participants WHERE id = $1`, [joined.body.participantId]);
    expect(Buffer.compare(row.token_hash, sha(second.body.token))).toBe(0);
    expect(await audits(joined.body.participantId)).toEqual([{ actor_user_id: a.userId, actor_role: 'exhibitor', fair_id: fairId, after: { exhibitorId: a.id } }]);

    // A third device rotates again: the second token stops working too.
    const third = await reissue(a.session);
    expect(third.status).toBe(200);
    expect((await as(sys, second.body.token, 'GET', '/matchmaking/requests')).status).toBe(401);
    expect((await as(sys, third.body.token, 'GET', '/matchmaking/requests')).status).toBe(200);
    expect((await audits(joined.body.participantId)).length).toBe(2);
  });

  it("never rotates someone else's token: another exhibitor only ever gets its own, or nothing", async () => {
    const a = await exhibitor('Owner');
    const joined = await join(a.session);
    expect(joined.status).toBe(201);
    const token: string = joined.body.token;
    const stillWorks = async () => expect((await as(sys, token, 'GET', '/matchmaking/recommendations')).status).toBe(200);

    // An approved exhibitor that has not joined has no participant to re-issue for.
    const b = await exhibitor('Intruder');
    const none = await reissue(b.session, 'vi');
    expect([none.status, none.body.code]).toEqual([404, 'MM_NOT_PARTICIPANT']);
    expect(none.body.message).toMatch(/chưa tham gia kết nối giao thương/);
    await stillWorks();
    // Once joined, it gets a token for its own participant, never the owner's.
    const bJoined = await join(b.session);
    const bToken = await reissue(b.session);
    expect(bToken.status).toBe(200);
    expect(bToken.body.participantId).toBe(bJoined.body.participantId);
    expect(bToken.body.participantId).not.toBe(joined.body.participantId);
    await stillWorks();

    // Not an approved exhibitor, no company, an organiser, nobody signed in: refused.
    const pending = await exhibitor('Pending', 'submitted');
    expect((await reissue(pending.session)).body.code).toBe('MM_NOT_EXHIBITOR');
    const lonely = await sys.signIn('exhibitor', `lonely-${process.pid}@reissue.example`);
    const noCompany = await reissue(lonely);
    expect([noCompany.status, noCompany.body.code]).toEqual([403, 'MM_NOT_EXHIBITOR']);
    expect((await reissue(org)).status).toBe(403);
    expect((await reissue(undefined)).status).toBe(401);
    await stillWorks();
    expect(await audits(joined.body.participantId)).toEqual([]);
  });

  it('does not let a withdrawn exhibitor take its token to a new device', async () => {
    const a = await exhibitor('Leaving');
    const joined = await join(a.session);
    expect(joined.status).toBe(201);
    await sys.dataSource.query(`UPDATE exhibitors SET status = 'withdrawn' WHERE id = $1`, [a.id]);
    const r = await reissue(a.session);
    expect([r.status, r.body.code]).toEqual([403, 'MM_NOT_EXHIBITOR']);
    expect((await as(sys, joined.body.token, 'GET', '/matchmaking/requests')).status).toBe(200);
  });

  it('gives a visitor who joined with their pass a new token for the same participant on proof of the same pass; the old one gets 401; audited', async () => {
    const v = await visitor(sys, org, slug, 'Second Device Buyer', 'Device Co');
    const joined = await joinVisitor(v.code);
    expect(joined.status).toBe(201);
    const first: string = joined.body.token;
    const seller = await optIn(sys, org, slug, (await visitor(sys, org, slug, 'Seller Person', 'Seller Co')).id, { offers: ['moulds'] });
    const sent = await as(sys, first, 'POST', '/matchmaking/requests', { to: seller.id, message: 'from the phone' });
    expect(sent.status).toBe(201);
    // Joining again on the second device is what left the visitor stuck before.
    const again = await joinVisitor(v.code);
    expect([again.status, again.body.code]).toEqual([409, 'MM_ALREADY_JOINED']);

    const second = await reissueVisitor(v.code);
    expect(second.status).toBe(200);
    expect(second.body.participantId).toBe(joined.body.participantId);
    expect(second.body.token).toEqual(expect.any(String));
    expect(second.body.token).not.toBe(first);
    const mine = await as(sys, second.body.token, 'GET', '/matchmaking/requests');
    expect(mine.status).toBe(200);
    expect(mine.body.map((r: { id: string; direction: string }) => [r.id, r.direction])).toEqual([[sent.body.id, 'out']]);
    const old = await as(sys, first, 'GET', '/matchmaking/requests', undefined, 'en');
    expect([old.status, old.body.code]).toEqual([401, 'MM_BAD_TOKEN']);
    const [row] = await sys.dataSource.query(`SELECT token_hash FROM mm_participants WHERE id = $1`, [joined.body.participantId]);
    expect(Buffer.compare(row.token_hash, sha(second.body.token))).toBe(0);
    expect(await audits(joined.body.participantId)).toEqual([{ actor_user_id: null, actor_role: 'visitor', fair_id: fairId, after: { visitorId: v.id } }]);

    // A third device: the second token stops working too.
    const third = await reissueVisitor(v.code);
    expect(third.status).toBe(200);
    expect((await as(sys, second.body.token, 'GET', '/matchmaking/requests')).status).toBe(401);
    expect((await as(sys, third.body.token, 'GET', '/matchmaking/requests')).status).toBe(200);
    expect((await audits(joined.body.participantId)).length).toBe(2);
  });

  it("never lets one visitor's pass take over another's participant", async () => {
    const owner = await visitor(sys, org, slug, 'Owner Visitor', 'Owner Co');
    const joined = await joinVisitor(owner.code);
    expect(joined.status).toBe(201);
    const token: string = joined.body.token;
    const stillWorks = async () => expect((await as(sys, token, 'GET', '/matchmaking/recommendations')).status).toBe(200);

    // Another registered visitor who has not joined: nothing to re-issue, whatever they hold.
    const other = await visitor(sys, org, slug, 'Other Visitor', 'Owner Co');
    const none = await reissueVisitor(other.code, 'vi');
    expect([none.status, none.body.code]).toEqual([404, 'MM_NOT_PARTICIPANT']);
    expect(none.body.message).toMatch(/chưa tham gia kết nối giao thương/);
    await stillWorks();
    // Once joined, their pass re-issues their own participant's token, never the owner's.
    const otherJoined = await joinVisitor(other.code);
    expect(otherJoined.status).toBe(201);
    const otherToken = await reissueVisitor(other.code);
    expect(otherToken.status).toBe(200);
    expect(otherToken.body.participantId).toBe(otherJoined.body.participantId);
    expect(otherToken.body.participantId).not.toBe(joined.body.participantId);
    await stillWorks();
    // A made-up or altered code proves nothing.
    for (const code of ['NOT A PASS', owner.code.slice(0, -2) + (owner.code.endsWith('AA') ? 'BB' : 'AA')]) {
      const bad = await reissueVisitor(code);
      expect([bad.status, bad.body.code]).toEqual([403, 'MM_BAD_PASS']);
    }
    await stillWorks();
    expect(await audits(joined.body.participantId)).toEqual([]);
  });

  it('refuses a pass code that was re-issued or cancelled since; the current code of an active pass works', async () => {
    const v = await visitor(sys, org, slug, 'Reissued Pass', 'Pass Co');
    const joined = await joinVisitor(v.code);
    expect(joined.status).toBe(201);
    const pass = await passOf(v.id);
    const newPass = await sys.http('POST', `/api/visitors/fairs/${slug}/passes/${pass.id}/reissue`, { token: org, body: { sendInvitation: false } });
    expect(newPass.status).toBe(200);
    const current = (await passOf(v.id)).code;
    expect(current).not.toBe(v.code);

    const stale = await reissueVisitor(v.code, 'vi');
    expect([stale.status, stale.body.code]).toEqual([403, 'MM_BAD_PASS']);
    expect(stale.body.message).toBe('Mã thẻ vào cổng không hợp lệ cho hội chợ này');
    expect((await as(sys, joined.body.token, 'GET', '/matchmaking/requests')).status).toBe(200);
    const fresh = await reissueVisitor(current);
    expect([fresh.status, fresh.body.participantId]).toEqual([200, joined.body.participantId]);

    const cancelled = await sys.http('POST', `/api/visitors/fairs/${slug}/passes/${pass.id}/cancel`, { token: org, body: { reason: 'lost' } });
    expect(cancelled.status).toBe(204);
    const refused = await reissueVisitor(current);
    expect([refused.status, refused.body.code]).toEqual([403, 'MM_BAD_PASS']);
    // The refused attempts changed nothing: the token from the current code still works, one audit row.
    expect((await as(sys, fresh.body.token, 'GET', '/matchmaking/requests')).status).toBe(200);
    expect((await audits(joined.body.participantId)).length).toBe(1);
  });
});
