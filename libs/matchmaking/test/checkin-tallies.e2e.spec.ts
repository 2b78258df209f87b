import { isDeepStrictEqual } from 'node:util';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { as, createFair, optIn, settings, visitor } from './mm-fixtures';

/**
 * Meetings held (both passes scanned at the table, or both confirmed in the app), no-show after
 * the slot, and the Redis meeting tallies against a recount of the tables, through HTTP with the
 * real worker. The fair runs today with a session over the whole local day, so meetings are placed
 * into today's coming slots; tests move a meeting's time within today to reach its check-in window.
 */
describe('matchmaking meetings held, no-show and tallies (HTTP)', () => {
  let sys: TestSystem;
  let org: string;
  let gate: string;
  let fairId: string;
  const slug = 'mm-held';
  const people: { id: string; token: string; code: string }[] = [];
  const SECTORS = ['mechanical', 'electronics', 'plastics'];
  const COUNTRIES = ['VN', 'JP', 'KR'];

  const meet = async (i: number, j: number) => {
    const r = await as(sys, people[i]!.token, 'POST', '/matchmaking/requests', { to: people[j]!.id });
    expect(r.status).toBe(201);
    const ok = await as(sys, people[j]!.token, 'POST', `/matchmaking/requests/${r.body.id}/accept`);
    expect(ok.body.meeting.status).toBe('scheduled');
    return ok.body.meeting.id as string;
  };
  /** moves a meeting (and its seats) to start `fromMin` minutes from now at a table of its own, keeping its length */
  const moveTo = async (meetingId: string, fromMin: number) => {
    await sys.dataSource.query(
      `WITH t AS (INSERT INTO mm_tables (fair_id, name) VALUES ($3, 'Moved ' || $1::text || ' ' || $2::text) RETURNING id)
       UPDATE mm_meetings SET table_id = (SELECT id FROM t), during = tstzrange(now() + make_interval(mins => $2::int), now() + make_interval(mins => $2::int + 30)) WHERE id = $1::uuid`,
      [meetingId, fromMin, fairId],
    );
    await sys.dataSource.query(`UPDATE mm_seats s SET during = mt.during FROM mm_meetings mt WHERE mt.id = s.meeting_id AND mt.id = $1`, [meetingId]);
  };
  const scan = (meetingId: string, code: string, token = gate) =>
    sys.http('POST', `/api/matchmaking/fairs/${slug}/meetings/${meetingId}/scan`, { token, body: { code }, lang: 'vi' });
  // today in the fair's zone (UTC+7): the session covers it, so meetings go into today's coming slots
  const localToday = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  // and tomorrow, so that late in the local evening there are still coming slots to place into
  const localTomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);
  const status = async (id: string) => (await sys.dataSource.query(`SELECT status FROM mm_meetings WHERE id = $1`, [id]))[0].status;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true });
    org = await sys.signIn('organiser');
    gate = await sys.signIn('gate');
    fairId = await createFair(sys, org, slug, 4, 0);
    const res = await settings(sys, org, slug, { perDayLimit: 30, sessions: [
        { date: localToday, start: '00:00', end: '23:30' },
        { date: localTomorrow, start: '00:00', end: '23:30' },
      ] });
    expect(res.status).toBe(200);
    for (let i = 0; i < 12; i++) {
      const v = await visitor(sys, org, slug, `Held Person ${i}`, `Held Co ${i}`, { country: COUNTRIES[i % 3] });
      const p = await optIn(sys, org, slug, v.id, { sectors: [SECTORS[i % 3]!, ...(i % 4 === 0 ? ['automation'] : [])] });
      people.push({ ...p, code: v.code });
    }
  });
  afterAll(() => sys?.close());

  it('holds a meeting when staff scan both parties\' passes at the table during the slot', async () => {
    const m = await meet(0, 1);
    await moveTo(m, 60);
    const early = await scan(m, people[0]!.code);
    expect([early.status, early.body.code]).toEqual([409, 'MM_CHECKIN_NOT_OPEN']);
    await moveTo(m, -5);
    const stranger = await scan(m, people[2]!.code);
    expect([stranger.status, stranger.body.code]).toEqual([403, 'MM_PASS_NOT_IN_MEETING']);
    expect((await scan(m, 'garbage')).body.code).toBe('MM_BAD_PASS');
    const first = await scan(m, people[0]!.code);
    expect([first.status, first.body.status, first.body.aCheckedIn, first.body.bCheckedIn]).toEqual([200, 'scheduled', true, false]);
    expect((await scan(m, people[0]!.code)).body).toMatchObject({ status: 'scheduled', bCheckedIn: false });
    const second = await scan(m, people[1]!.code);
    expect([second.status, second.body.status]).toEqual([200, 'held']);
    const [row] = await sys.dataSource.query(`SELECT a_checked_via, b_checked_via, held_at FROM mm_meetings WHERE id = $1`, [m]);
    expect([row.a_checked_via, row.b_checked_via, row.held_at !== null]).toEqual(['scan', 'scan', true]);
    const exhibitorUser = await sys.signIn('exhibitor');
    expect((await scan(m, people[0]!.code, exhibitorUser)).status).toBe(403);
  });

  it('holds a meeting when both confirm in the app, exactly once when both sides act at the same moment', async () => {
    const m = await meet(2, 3);
    await moveTo(m, 10);
    const [a, b] = await Promise.all([
      as(sys, people[2]!.token, 'POST', `/matchmaking/meetings/${m}/confirm`),
      as(sys, people[3]!.token, 'POST', `/matchmaking/meetings/${m}/confirm`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.status, b.body.status]).toContain('held');
    expect(await status(m)).toBe('held');
    const outsider = await as(sys, people[4]!.token, 'POST', `/matchmaking/meetings/${m}/confirm`);
    expect([outsider.status, outsider.body.code]).toEqual([404, 'MM_MEETING_NOT_FOUND']);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'matchmaking.tally' AND payload->>'eventId' = $1`, [`mm:held:${m}`]);
    expect(n).toBe(1);
  });

  it('marks a meeting no-show when its slot ends without both check-ins (the scheduled close job), and then refuses check-in', async () => {
    const m = await meet(4, 5);
    await moveTo(m, -10);
    expect((await scan(m, people[4]!.code)).body.aCheckedIn).toBe(true);
    await moveTo(m, -40);
    // the close job was queued for the slot's end; time has come
    await sys.dataSource.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'matchmaking.meeting-close' AND payload->>'meetingId' = $1`, [m]);
    await eventually(async () => (await status(m)) === 'no-show');
    const late = await scan(m, people[5]!.code);
    expect([late.status, late.body.code]).toEqual([409, 'MM_MEETING_NOT_SCHEDULED']);
    // a held meeting is left alone by its close job
    const held = (await sys.dataSource.query(`SELECT id FROM mm_meetings WHERE status = 'held' LIMIT 1`))[0].id;
    await sys.dataSource.query(`UPDATE outbox SET available_at = now() WHERE job_name = 'matchmaking.meeting-close' AND payload->>'meetingId' = $1`, [held]);
    await eventually(async () => (await sys.dataSource.query(`SELECT 1 FROM outbox WHERE job_name = 'matchmaking.meeting-close' AND payload->>'meetingId' = $1 AND completed_at IS NOT NULL`, [held])).length);
    expect(await status(held)).toBe('held');
  });

  it('keeps the Redis meeting tallies equal to a recount of the tables after a burst', async () => {
    // a burst (held and no-show come from the tests above): every pair of the 12 asks at once (some collide as the same pair both ways)
    const pairs: [number, number][] = [];
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) if (i !== j && (i * 7 + j) % 5 < 2) pairs.push([i, j]);
    const made = await Promise.all(pairs.map(([i, j]) => as(sys, people[i]!.token, 'POST', '/matchmaking/requests', { to: people[j]!.id })));
    const created = made.map((r, k) => ({ r, to: pairs[k]![1] })).filter((x) => x.r.status === 201);
    expect(created.length).toBeGreaterThan(20);
    const answers = await Promise.all(
      created.map(({ r, to }, k) =>
        as(sys, people[to]!.token, 'POST', `/matchmaking/requests/${r.body.id}/${k % 3 === 2 ? 'decline' : 'accept'}`),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const recount = await recountTallies(sys, fairId);
    expect(recount.total).toMatchObject({ held: 2, 'no-show': 1 });
    const tallies = await eventually(async () => {
      const t = await sys.http('GET', `/api/matchmaking/fairs/${slug}/tallies`, { token: org });
      return isDeepStrictEqual(t.body, recount) && t.body;
    }, 20_000).catch(async (err) => {
      const t = await sys.http('GET', `/api/matchmaking/fairs/${slug}/tallies`, { token: org });
      expect(t.body).toEqual(recount);
      throw err;
    });
    expect(tallies.total.requested).toBe(Number((await sys.dataSource.query(`SELECT count(*) AS n FROM mm_requests`))[0].n));
    expect(Object.keys(tallies.bySector).some((k) => k.startsWith('automation|'))).toBe(true);
    expect(Object.keys(tallies.byCountryPair)).toContain('JP-VN|accepted');
  });
});

/** the tallies recomputed from the tables, in the reader's shape, keys sorted */
async function recountTallies(sys: TestSystem, fairId: string) {
  const rows: { event: string; day: string; sectors: string[]; pair: string }[] = await sys.dataSource.query(
    `WITH ev AS (
       SELECT 'requested' AS event, r.created_at AS at, r.from_id AS x, r.to_id AS y FROM mm_requests r WHERE r.fair_id = $1
       UNION ALL SELECT 'accepted', m.created_at, m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1
       UNION ALL SELECT 'scheduled', lower(m.during), m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1 AND m.status IN ('scheduled', 'held', 'no-show')
       UNION ALL SELECT m.status, lower(m.during), m.a_id, m.b_id FROM mm_meetings m WHERE m.fair_id = $1 AND m.status IN ('held', 'no-show'))
     SELECT ev.event, to_char(ev.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day,
            ARRAY(SELECT DISTINCT s FROM unnest(a.sectors || b.sectors) s) AS sectors,
            least(a.country, b.country) || '-' || greatest(a.country, b.country) AS pair
       FROM ev JOIN mm_participants a ON a.id = ev.x JOIN mm_participants b ON b.id = ev.y`,
    [fairId],
  );
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const out = { total: {} as Record<string, number>, byDay: {} as Record<string, number>, bySector: {} as Record<string, number>, byCountryPair: {} as Record<string, number> };
  for (const r of rows) {
    inc(out.total, r.event);
    inc(out.byDay, `${r.day}|${r.event}`);
    for (const s of r.sectors) inc(out.bySector, `${s}|${r.event}`);
    inc(out.byCountryPair, `${r.pair}|${r.event}`);
  }
  const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { total: sorted(out.total), byDay: sorted(out.byDay), bySector: sorted(out.bySector), byCountryPair: sorted(out.byCountryPair) };
}
