import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { mailsTo } from '../../exhibitors/test/mail-helpers';
import { createSmallFair, insertExhibitors } from './booth-fixtures';

const FAIR = 'booth-rounds-fair';

describe('self-selection rounds and the waitlist, through the API', () => {
  let sys: TestSystem;
  let organiser: string;
  let fairId: string;
  const ex: { id: string; email: string; token: string }[] = [];
  const api = (method: string, path: string, token: string, body?: unknown) => sys.http(method, `/api/fairs/${FAIR}${path}`, { token, body });
  const mail = (i: number, subject: RegExp) => eventually(async () => (await mailsTo(sys, ex[i]!.email)).find((m) => subject.test(m.subject)));

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    organiser = await sys.signIn('organiser');
    fairId = await createSmallFair(sys, organiser, FAIR, 4);
    const rows = await insertExhibitors(sys, fairId, [
      { origin: 'domestic', booths: { domestic: 2 }, lang: 'en' },
      { origin: 'domestic', booths: { domestic: 1 }, lang: 'en' },
      { origin: 'domestic', booths: { domestic: 1 }, lang: 'en' },
    ]);
    for (const r of rows) {
      const token = await sys.signIn('exhibitor', r.email);
      await sys.dataSource.query(`UPDATE exhibitors SET user_id = (SELECT id FROM users WHERE lower(email) = lower($1)) WHERE id = $2`, [r.email, r.id]);
      ex.push({ ...r, token });
    }
  }, 60_000);
  afterAll(() => sys?.close());

  it('refuses an empty list, a duplicate, and an exhibitor that is not approved', async () => {
    expect((await api('POST', '/booth-rounds', organiser, { exhibitorIds: [], turnMinutes: 30 })).body.code).toBe('ROUND_EMPTY');
    expect((await api('POST', '/booth-rounds', organiser, { exhibitorIds: [ex[0]!.id, ex[0]!.id], turnMinutes: 30 })).body.code).toBe('ROUND_DUPLICATE_EXHIBITOR');
    const [pending] = await insertExhibitors(sys, fairId, [{ origin: 'domestic', status: 'under_review' }]);
    expect((await api('POST', '/booth-rounds', organiser, { exhibitorIds: [ex[0]!.id, pending!.id], turnMinutes: 30 })).body.code).toBe('EXHIBITOR_NOT_APPROVED');
    expect(await sys.dataSource.query(`SELECT id FROM booth_rounds`)).toEqual([]);
  });

  it('each picks in turn; a missed turn passes on and waitlists; a freed booth is offered to the waitlist', async () => {
    const opened = await api('POST', '/booth-rounds', organiser, { exhibitorIds: ex.map((e) => e.id), turnMinutes: 30 });
    expect(opened.status).toBe(201);
    const roundId = opened.body.id;
    expect(opened.body.turns.map((t: { status: string }) => t.status)).toEqual(['picking', 'waiting', 'waiting']);
    expect((await mail(0, /Your turn to pick booths/))!.text).toContain('exhibitor portal before');
    expect((await api('POST', '/booth-rounds', organiser, { exhibitorIds: [ex[1]!.id], turnMinutes: 5 })).body.code).toBe('ROUND_ALREADY_OPEN');

    // what each exhibitor's portal draws: its place and turn, booths as its own / taken / free / free but of a kind it did not ask for
    const selection = async (i: number) => (await api('GET', '/booth-selection', ex[i]!.token)).body;
    const statuses = (v: { booths: { code: string; status: string }[] }) => Object.fromEntries(v.booths.map((b) => [b.code, b.status]));
    const international = { I1: 'not-requested', I2: 'not-requested', I3: 'not-requested', I4: 'not-requested' };
    expect(statuses(await selection(0))).toEqual({ D1: 'available', D2: 'available', D3: 'available', D4: 'available', ...international });

    // not your turn yet
    expect((await api('POST', `/booth-rounds/${roundId}/pick`, ex[1]!.token, { booths: ['D3'] })).body.code).toBe('NOT_YOUR_TURN');
    // first exhibitor: a booth of the wrong kind (drawn as not for it) is still refused when sent (it cannot override: it is told what to do instead) and nothing is kept
    const wrongKind = await api('POST', `/booth-rounds/${roundId}/pick`, ex[0]!.token, { booths: ['D1', 'I1'] });
    expect([wrongKind.status, wrongKind.body.code, wrongKind.body.message]).toEqual([
      409,
      'KIND_NOT_REQUESTED',
      'You cannot take booth I1 (International booth): your application did not ask for booths of this kind. Choose booths of the kinds you asked for, or contact the organisers.',
    ]);
    expect(await sys.dataSource.query(`SELECT id FROM booth_allocations`)).toEqual([]);
    const picked = await api('POST', `/booth-rounds/${roundId}/pick`, ex[0]!.token, { booths: ['D1', 'D2'] });
    expect(picked.body.turns.map((t: { status: string }) => t.status)).toEqual(['picked', 'picking', 'waiting']);

    const [first, second] = [await selection(0), await selection(1)];
    expect([first.round.myPosition, first.round.myTurnNow, second.round.myPosition, second.round.myTurnNow]).toEqual([0, false, 1, true]);
    // the first now has both domestic booths it asked for: the free ones are drawn as 'enough' for it, still free for the others
    expect(statuses(first)).toEqual({ D1: 'mine', D2: 'mine', D3: 'enough', D4: 'enough', ...international });
    expect(statuses(second)).toEqual({ D1: 'taken', D2: 'taken', D3: 'available', D4: 'available', ...international });
    expect(second.booths.some((b: object) => 'occupant' in b)).toBe(false);
    // organisers see the booths an application was given, in the list and opened
    const approved = await sys.http('GET', `/api/fairs/${FAIR}/exhibitor-applications?status=approved`, { token: organiser });
    expect(Object.fromEntries(approved.body.items.map((a: { id: string; assignedBooths: string[] }) => [a.id, a.assignedBooths]))).toEqual({ [ex[0]!.id]: ['D1', 'D2'], [ex[1]!.id]: [], [ex[2]!.id]: [] });
    expect((await sys.http('GET', `/api/exhibitor-applications/${ex[0]!.id}`, { token: organiser })).body.assignedBooths).toEqual(['D1', 'D2']);

    // the second exhibitor lets its window pass: we move the clock by ending the window now
    await sys.dataSource.query(`UPDATE booth_rounds SET turn_ends_at = now() - interval '1 second' WHERE id = $1`, [roundId]);
    await sys.dataSource.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'booths.turn-expire' AND payload->>'position' = '1'`);
    const afterMiss = await eventually(async () => {
      const r = await api('GET', `/booth-rounds/${roundId}`, organiser);
      return r.body.turns[1].status === 'missed' ? r.body : null;
    });
    expect(afterMiss.turns.map((t: { status: string }) => t.status)).toEqual(['picked', 'missed', 'picking']);
    expect(await mail(1, /You missed your turn/)).toBeTruthy();
    expect(await mail(2, /Your turn to pick booths/)).toBeTruthy();
    // too late for the second one now
    expect((await api('POST', `/booth-rounds/${roundId}/pick`, ex[1]!.token, { booths: ['D3'] })).body.code).toBe('NOT_YOUR_TURN');

    // the third: D1 is taken, D3 is free; after its pick the round closes
    expect((await api('POST', `/booth-rounds/${roundId}/pick`, ex[2]!.token, { booths: ['D1'] })).body.code).toBe('BOOTH_TAKEN');
    const last = await api('POST', `/booth-rounds/${roundId}/pick`, ex[2]!.token, { booths: ['D3'] });
    expect([last.body.status, last.body.currentPosition]).toEqual(['closed', null]);

    // D2 comes free: it is offered (held) to the waitlisted second exhibitor, who accepts it
    const released = await api('POST', '/booths/D2/release', organiser, { reason: 'exhibitor 1 needs only one booth' });
    expect(released.body).toEqual({ booth: 'D2', status: 'held', offeredTo: ex[1]!.id, expiresAt: expect.any(String) });
    expect((await mail(1, /A booth came free for you: D2/))!.text).toContain('accept it in the exhibitor portal');
    // a booth held for it counts: with D2 offered, the last free domestic booth is 'enough' for the second exhibitor (it asked for one)
    expect(statuses(await selection(1))).toMatchObject({ D2: 'taken', D4: 'enough' });
    expect((await api('POST', '/booths/D2/accept', ex[0]!.token)).body.code).toBe('HOLD_NOT_YOURS');
    const accepted = await api('POST', '/booths/D2/accept', ex[1]!.token);
    expect([accepted.status, accepted.body.status]).toEqual([200, 'assigned']);
    const waitlist = await sys.dataSource.query(`SELECT exhibitor_id, left_at IS NOT NULL AS left FROM booth_waitlist ORDER BY id`);
    expect(waitlist).toEqual([{ exhibitor_id: ex[1]!.id, left: true }]);
    const plan = await api('GET', '/booth-allocation/floor-plan', organiser);
    const status = Object.fromEntries(plan.body.booths.map((b: { code: string; status: string; occupant: { exhibitorId: string } | null }) => [b.code, [b.status, b.occupant?.exhibitorId ?? null]]));
    expect([status.D1, status.D2, status.D3, status.D4]).toEqual([
      ['assigned', ex[0]!.id],
      ['assigned', ex[1]!.id],
      ['assigned', ex[2]!.id],
      ['available', null],
    ]);
    expect(statuses(await selection(1))).toMatchObject({ D2: 'mine', D4: 'enough' });
    // and the booth the drawing forbids is refused by the ledger too (here an organiser assigning it)
    const tooMany = await api('POST', '/booths/D4/assign', organiser, { exhibitorId: ex[1]!.id });
    expect([tooMany.status, tooMany.body.code]).toEqual([409, 'TOO_MANY_BOOTHS']);
  }, 60_000);
});
