import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { as, createFair, day, mailsTo, optIn, settings, visitor } from './mm-fixtures';

/** batch scheduling (proposal → publish / discard, conflicts refused whole) and agendas (.ics, email) through HTTP */
describe('matchmaking batch mode and agendas (HTTP)', () => {
  let sys: TestSystem;
  let org: string;
  const slug = 'mm-batch';
  const people: { id: string; token: string; email: string }[] = [];
  const meetings: string[] = [];
  let firstAccepted: Record<string, unknown>; // the answer to the first acceptance, in batch mode
  const d1 = day(1);
  const at = (hm: string) => new Date(`${d1}T${hm}:00+07:00`).toISOString();

  const connect = async (i: number, j: number) => {
    const r = await as(sys, people[i]!.token, 'POST', '/matchmaking/requests', { to: people[j]!.id, preferredStarts: i === 1 && j === 2 ? [at('09:30')] : [] });
    expect(r.status).toBe(201);
    const ok = await as(sys, people[j]!.token, 'POST', `/matchmaking/requests/${r.body.id}/accept`);
    expect(ok.status).toBe(200);
    return ok.body.meeting;
  };
  const scheduledCount = async () => Number((await sys.dataSource.query(`SELECT count(*) AS n FROM mm_meetings WHERE status = 'scheduled'`))[0].n);

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true, smtp: true });
    org = await sys.signIn('organiser');
    await createFair(sys, org, slug, 2);
    // 3 slots (08:00, 08:30, 09:30) x 2 tables
    expect((await settings(sys, org, slug, { mode: 'batch' })).status).toBe(200);
    for (let i = 0; i < 7; i++) {
      const v = await visitor(sys, org, slug, `Batch Person ${i}`, `Batch Co ${i}`, { lang: i % 2 ? 'en' : 'vi' });
      people.push({ ...(await optIn(sys, org, slug, v.id)), email: v.email });
    }
    // person 0 is asked for 4 meetings but has 3 slots; 1-2 asked for 09:30
    for (const j of [1, 2, 3, 4]) {
      const meeting = await connect(0, j);
      firstAccepted ??= meeting;
      meetings.push(meeting.id);
    }
    meetings.push((await connect(1, 2)).id);
  });
  afterAll(() => sys?.close());

  it('leaves accepted meetings unscheduled in batch mode', async () => {
    // the acceptance answers the meeting, camelCase, without slot or table
    const [row] = await sys.dataSource.query(`SELECT request_id, created_at FROM mm_meetings WHERE id = $1`, [meetings[0]]);
    expect(firstAccepted).toEqual({
      id: meetings[0],
      requestId: row.request_id,
      aId: people[0]!.id,
      bId: people[1]!.id,
      status: 'accepted',
      tableId: null,
      startsAt: null,
      endsAt: null,
      createdAt: row.created_at.toISOString(),
    });
    expect(await scheduledCount()).toBe(0);
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mm_meetings WHERE status = 'accepted' AND during IS NULL`);
    expect(n).toBe(5);
  });

  it('stores a proposal with the number placed and a reason for each meeting left out; discarding changes nothing', async () => {
    const run = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals`, { token: org });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ considered: 5, placed: 4, status: 'open', reasons: { 'participant-busy': 1 } });
    expect(run.body.upperBound).toBeGreaterThanOrEqual(run.body.placed);
    expect(run.body.unplaced).toHaveLength(1);
    expect(meetings.slice(0, 4)).toContain(run.body.unplaced[0].meetingId);
    const got = await sys.http('GET', `/api/matchmaking/fairs/${slug}/proposals/${run.body.id}`, { token: org });
    expect(got.body).toEqual(run.body);
    const discarded = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${run.body.id}/discard`, { token: org });
    expect([discarded.status, discarded.body.status]).toEqual([200, 'discarded']);
    const late = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${run.body.id}/publish`, { token: org, lang: 'vi' });
    expect([late.status, late.body.code]).toEqual([409, 'MM_PROPOSAL_CLOSED']);
    expect(await scheduledCount()).toBe(0);
    const ghost = await sys.http('GET', `/api/matchmaking/fairs/${slug}/proposals/00000000-0000-4000-8000-000000000000`, { token: org });
    expect([ghost.status, ghost.body.code]).toEqual([404, 'MM_PROPOSAL_NOT_FOUND']);
  });

  it('refuses, whole, to publish a proposal that would double-book a table or a person, and one whose meetings changed', async () => {
    const a = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals`, { token: org });
    const b = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals`, { token: org });
    // meanwhile the organiser switches to immediate mode and a new meeting takes a slot at once
    expect((await settings(sys, org, slug, { mode: 'immediate' })).status).toBe(200);
    const placedNow = await connect(5, 6);
    expect(placedNow.status).toBe('scheduled');
    // make the clash certain: the new meeting sits exactly where proposal a put one of its meetings
    const [pa] = (await sys.dataSource.query(`SELECT placements FROM mm_proposals WHERE id = $1`, [a.body.id]))[0].placements;
    await sys.dataSource.query(`DELETE FROM mm_seats WHERE meeting_id = $1`, [placedNow.id]);
    await sys.dataSource.query(`UPDATE mm_meetings SET table_id = $2, during = tstzrange($3, $4) WHERE id = $1`, [placedNow.id, pa.tableId, pa.start, pa.end]);
    await sys.dataSource.query(`INSERT INTO mm_seats (meeting_id, participant_id, during) SELECT id, unnest(ARRAY[a_id, b_id]), during FROM mm_meetings WHERE id = $1`, [placedNow.id]);
    expect((await settings(sys, org, slug, { mode: 'batch' })).status).toBe(200);

    const clash = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${a.body.id}/publish`, { token: org, lang: 'vi' });
    expect([clash.status, clash.body.code]).toEqual([409, 'MM_PROPOSAL_CONFLICT']);
    expect(clash.body.message).toMatch(/chưa có gì được công bố/);
    expect(await scheduledCount()).toBe(1);
    expect((await sys.http('GET', `/api/matchmaking/fairs/${slug}/proposals/${a.body.id}`, { token: org })).body.status).toBe('open');

    // a fresh run sees the new meeting and works around it
    const c = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals`, { token: org });
    const published = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${c.body.id}/publish`, { token: org });
    expect([published.status, published.body.status]).toEqual([200, 'published']);
    expect(await scheduledCount()).toBe(1 + c.body.placed);
    expect(c.body.placed).toBe(4);
    const twice = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${c.body.id}/publish`, { token: org });
    expect([twice.status, twice.body.code]).toEqual([409, 'MM_PROPOSAL_CLOSED']);
    // b was made before: its meetings are scheduled now
    const stale = await sys.http('POST', `/api/matchmaking/fairs/${slug}/proposals/${b.body.id}/publish`, { token: org });
    expect([stale.status, stale.body.code]).toEqual([409, 'MM_PROPOSAL_STALE']);
    expect(await scheduledCount()).toBe(5);
    // the requested slot was honoured, and no one is in two places at once
    const [m12] = await sys.dataSource.query(`SELECT lower(during) AS s FROM mm_meetings WHERE id = $1`, [meetings[4]]);
    expect(new Date(m12.s).toISOString()).toBe(at('09:30'));
    const [{ n }] = await sys.dataSource.query(`SELECT count(*)::int AS n FROM mm_seats s1 JOIN mm_seats s2 ON s1.participant_id = s2.participant_id AND s1.meeting_id < s2.meeting_id AND s1.during && s2.during`);
    expect(n).toBe(0);
    const closes = await sys.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'matchmaking.meeting-close'`);
    expect(closes[0].n).toBe(5);
  });

  it('gives each participant their agenda as JSON and as an iCalendar file in the fair\'s time zone', async () => {
    const json = await as(sys, people[0]!.token, 'GET', '/matchmaking/agenda');
    expect(json.status).toBe(200);
    expect(json.body.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(json.body.meetings.map((m: { startsAt: string }) => m.startsAt)).toEqual([at('08:00'), at('08:30'), at('09:30')]);
    const ics = await as(sys, people[0]!.token, 'GET', '/matchmaking/agenda.ics');
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(ics.headers.get('content-disposition')).toMatch(/agenda\.ics/);
    const text: string = ics.body;
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    const ymd = d1.replace(/-/g, '');
    for (const hm of ['0800', '0830', '0930']) expect(text).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${ymd}T${hm}00`);
    expect(text).toContain(`DTEND;TZID=Asia/Ho_Chi_Minh:${ymd}T100000`);
    expect(text).toMatch(/SUMMARY:Gặp Batch Person \d \(Batch Co \d\)/);
    expect((await as(sys, 'nope', 'GET', '/matchmaking/agenda.ics')).status).toBe(401);
  });

  it('emails agendas with the .ics attached: one participant on request, everyone scheduled from the organiser', async () => {
    const mine = await as(sys, people[1]!.token, 'POST', '/matchmaking/agenda/email');
    expect([mine.status, mine.body.queued]).toEqual([200, true]);
    const [m] = await eventually(async () => (await mailsTo(sys, people[1]!.email)).filter((x) => /agenda/.test(x.subject)).length === 1 && (await mailsTo(sys, people[1]!.email)).filter((x) => /agenda/.test(x.subject)));
    expect(m!.lang).toBe('en');
    expect(m!.text).toMatch(new RegExp(`${d1.split('-').reverse().join('/')} 0[89]:[03]0–\\d\\d:\\d\\d · Table M\\d · Batch Person`));
    expect(m!.attachments[0]).toMatchObject({ filename: 'agenda.ics', mimeType: 'text/calendar' });
    expect(m!.attachments[0]!.content).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:');

    const all = await sys.http('POST', `/api/matchmaking/fairs/${slug}/agendas/send`, { token: org });
    const [{ n }] = await sys.dataSource.query(`SELECT count(DISTINCT participant_id)::int AS n FROM mm_seats`);
    expect([all.status, all.body.queued]).toEqual([200, n]);
    const vi = await eventually(async () => (await mailsTo(sys, people[0]!.email)).find((x) => /Lịch gặp giao thương/.test(x.subject)));
    expect(vi.text).toMatch(/đây là 3 cuộc gặp của bạn/);
    expect(vi.attachments[0]!.content.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    await sys.smtp!.waitFor(n + 1);
  });
});
