import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { REDIS } from '@fair/jobs';
import { eventually, startTestSystem, type TestSystem } from '@fair/testing';
import { scan, setupGates, type GateSetup } from '../../checkin/test/checkin.fixtures';
import { as, createFair, optIn, settings, visitor } from '../../matchmaking/test/mm-fixtures';
import { insertExhibitor, localHourNow } from './report-fixtures';

/**
 * Live figures through HTTP with the real worker: visits and meetings from the Redis tallies,
 * the rest from SQL; the reconciliation endpoint finds them equal to a recount, and finds a
 * counter that was tampered with.
 */
describe('live figures and reconciliation', () => {
  let sys: TestSystem;
  let org: string;
  let g: GateSetup;
  const people: { id: string; token: string; code: string }[] = [];
  const meetings: { id: string; codes: string[] }[] = [];
  const slug = 'live-figures';
  const localToday = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const localTomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    sys = await startTestSystem({ worker: true });
    org = await sys.signIn('organiser');
    const fairId = await createFair(sys, org, slug, 2, 0);
    expect((await settings(sys, org, slug, { perDayLimit: 30, sessions: [{ date: localToday, start: '00:00', end: '23:30' }, { date: localTomorrow, start: '00:00', end: '23:30' }] })).status).toBe(200);
    const types = ['trade-buyer', 'importer', 'general'];
    g = await setupGates(sys, slug, 3, Array.from({ length: 12 }, (_, i) => [`lf${i}@x.vn`, types[i % 3]!, 're-entry'] as [string, string, string]), { id: fairId, slug });

    const ex1 = await insertExhibitor(sys, fairId, 1, { status: 'approved', country: 'VN', sectors: ['mechanical'] });
    await insertExhibitor(sys, fairId, 2, { status: 'approved', country: 'JP', sectors: ['electronics'] });
    await insertExhibitor(sys, fairId, 3, { status: 'under_review', country: 'KR', sectors: ['plastics'] });
    const assign = await sys.http('POST', `/api/fairs/${slug}/booths/D1/assign`, { token: org, body: { exhibitorId: ex1 } });
    expect(assign.status).toBe(200);
  });
  afterAll(() => sys?.close());

  it('shows visits, inside, curve, gates, types, countries, booths, exhibitors and meetings equal to a recount', async () => {
    const hourAtStart = localHourNow();
    const emails = Array.from({ length: 12 }, (_, i) => `lf${i}@x.vn`);
    const codes = emails.map((e) => g.codes.get(e)!.code);
    // 12 in (gate i % 3), 4 out, 2 back in: 14 visits, 10 inside
    for (const [i, c] of codes.entries()) expect((await scan(sys, g.devices[i % 3]!, c)).body.verdict).toBe('admitted');
    for (const c of codes.slice(0, 4)) expect((await scan(sys, g.devices[0]!, c, { direction: 'out' })).body.verdict).toBe('exited');
    for (const c of codes.slice(0, 2)) expect((await scan(sys, g.devices[1]!, c)).body.verdict).toBe('re-entry');

    // meetings: 4 opted-in visitors (JP), two requests accepted (placed at once), one declined
    for (let i = 0; i < 4; i++) {
      const v = await visitor(sys, org, slug, `Live Person ${i}`, `Live Co ${i}`, { country: 'JP' });
      people.push({ ...(await optIn(sys, org, slug, v.id)), code: v.code });
    }
    for (const [a, b, answer] of [[0, 1, 'accept'], [2, 3, 'accept'], [0, 2, 'decline']] as const) {
      const r = await as(sys, people[a]!.token, 'POST', '/matchmaking/requests', { to: people[b]!.id });
      expect(r.status).toBe(201);
      const ans = await as(sys, people[b]!.token, 'POST', `/matchmaking/requests/${r.body.id}/${answer}`);
      expect(ans.status).toBe(200);
      if (answer === 'accept') meetings.push({ id: ans.body.meeting.id, codes: [people[a]!.code, people[b]!.code] });
    }

    const rec = await eventually(async () => {
      const r = await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: org });
      return r.body.ok && r.body.pendingTallyJobs === 0 && r.body;
    }, 30_000);
    expect(rec.compared).toBeGreaterThan(10);

    const live = (await sys.http('GET', `/api/reports/fairs/${slug}/live`, { token: org })).body;
    expect(live.visits.total).toBe(14);
    expect(live.visits.insideNow).toBe(10);
    // the scans may straddle an hour boundary: the curve covers the hours from start to now
    const curve: { hour: string; visits: number }[] = live.visits.arrivalsByHour;
    expect(curve.reduce((a, p) => a + p.visits, 0)).toBe(14);
    expect(curve.every((p) => p.hour >= hourAtStart && p.hour <= localHourNow())).toBe(true);
    expect(live.visits.byGate.map((x: { code: string; visits: number }) => [x.code, x.visits])).toEqual([['G0', 4], ['G1', 6], ['G2', 4]]);
    expect(live.visits.byVisitorType).toEqual({ 'trade-buyer': 5, importer: 5, general: 4 });
    expect(live.visits.byCountry).toEqual({ VN: 14 });
    expect(live.booths).toEqual({ domestic: { available: 0, held: 0, assigned: 1 }, 'technical-matchmaking': { available: 2, held: 0, assigned: 0 } });
    expect(live.exhibitors).toEqual({ byStatus: { approved: 2, under_review: 1 }, byCountry: { VN: 1, JP: 1 }, byOrigin: { domestic: 1, international: 1 } });
    expect(live.meetings).toEqual({ requested: 3, accepted: 2, scheduled: 2, held: 0, 'no-show': 0 });
    expect(live.leads).toEqual({ total: 0, byExhibitor: [] });
  });

  it('builds the post-fair report as a background run (JSON, CSV, PDF in vi and en) equal to a recount', async () => {
    // hold one meeting: move it to a slot that began 5 minutes ago (as the matchmaking tests do), scan both passes at the table
    const m = meetings[0]!;
    await sys.dataSource.query(`UPDATE mm_meetings SET during = tstzrange(now() - interval '5 minutes', now() + interval '25 minutes') WHERE id = $1`, [m.id]);
    await sys.dataSource.query(`UPDATE mm_seats s SET during = mt.during FROM mm_meetings mt WHERE mt.id = s.meeting_id AND mt.id = $1`, [m.id]);
    for (const c of m.codes) expect((await sys.http('POST', `/api/matchmaking/fairs/${slug}/meetings/${m.id}/scan`, { token: org, body: { code: c } })).status).toBe(200);
    await sys.signIn('exhibitor', 'live-staff@ex.vn');
    await insertExhibitor(sys, g.fair.id, 9, { status: 'approved', country: 'VN', sectors: ['mechanical'], userEmail: 'live-staff@ex.vn' });
    // a lead shows in the live figures
    const staff = await sys.http('POST', '/api/auth/login', { body: { email: 'live-staff@ex.vn', password: 'correct-horse-battery' } });
    expect((await sys.http('POST', `/api/leads/fairs/${slug}/scans`, { token: staff.body.token, body: { code: m.codes[0] } })).status).toBe(200);
    expect((await sys.http('GET', `/api/reports/fairs/${slug}/live`, { token: org })).body.leads).toMatchObject({ total: 1, byExhibitor: [{ name: 'Công ty Báo cáo 9', leads: 1 }] });

    const runs: Record<string, string> = {};
    for (const lang of ['vi', 'en']) {
      const r = await sys.http('POST', `/api/reports/fairs/${slug}/post-fair/runs`, { token: org, body: { lang } });
      expect([r.status, r.body.status]).toEqual([202, 'queued']);
      runs[lang] = r.body.id;
    }
    const early = await sys.http('GET', `/api/reports/runs/${runs.vi}/report.pdf`, { token: org });
    expect([200, 409]).toContain(early.status);
    for (const id of Object.values(runs)) await eventually(async () => (await sys.http('GET', `/api/reports/runs/${id}`, { token: org })).body.status === 'done', 30_000);
    const run = (await sys.http('GET', `/api/reports/runs/${runs.en}`, { token: org })).body;
    expect([run.progress, run.step]).toEqual([100, 'done']);

    const report = (await sys.http('GET', `/api/reports/runs/${runs.en}/report.json`, { token: org })).body;
    const one = async (sql: string) => Number((await sys.dataSource.query(sql, [g.fair.id]))[0].n);
    expect(report.headline).toEqual({
      companies: await one(`SELECT count(DISTINCT exhibitor_id) AS n FROM booth_allocations WHERE fair_id = $1 AND status = 'assigned'`),
      booths: { total: 1, international: 0, domestic: 1, technical: 0, technicalMatchmaking: 0, technicalWorkshop: 0 },
      visits: await one(`SELECT count(*) AS n FROM checkin_scans WHERE fair_id = $1 AND verdict IN ('admitted', 're-entry')`),
      tradeMeetings: await one(`SELECT count(*) AS n FROM mm_meetings WHERE fair_id = $1 AND status = 'held'`),
    });
    expect(report.headline).toMatchObject({ companies: 1, visits: 14, tradeMeetings: 1 });
    expect(report.headlineText).toEqual(['1 exhibiting companies', '1 booths (0 international, 1 domestic, 0 technical: 0 matchmaking + 0 workshop)', '14 visits', '1 trade meetings']);
    expect(report.arrivalCurve.reduce((a: number, p: { visits: number }) => a + p.visits, 0)).toBe(14);
    expect(report.topCountries).toEqual([{ country: 'VN', exhibitors: 1, visits: 14 }]);
    expect(report.topSectors).toEqual([{ sector: 'mechanical', label: expect.any(String), exhibitors: 1, visitors: 0 }]);
    expect(report.meetingsPerDay.reduce((a: number, d: { held: number; scheduled: number }) => a + d.held * 100 + d.scheduled, 0)).toBe(102);
    expect(report.boothOccupancy.map((o: { kind: string; total: number; assigned: number }) => [o.kind, o.total, o.assigned])).toEqual([['domestic', 1, 1], ['technical-matchmaking', 2, 0]]);

    const vi = (await sys.http('GET', `/api/reports/runs/${runs.vi}/report.json`, { token: org })).body;
    expect(vi.headlineText[3]).toBe('1 cuộc gặp giao thương');
    expect(vi.boothOccupancy[0].label).toBe('Trong nước');
    const csv = await fetch(`${sys.baseUrl}/api/reports/runs/${runs.vi}/report.csv`, { headers: { authorization: `Bearer ${org}` } });
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(text).toContain('headline,visits,Lượt khách,14');
    expect(text).toContain('headline,trade-meetings,Đã diễn ra,1');
    const pdf = await fetch(`${sys.baseUrl}/api/reports/runs/${runs.vi}/report.pdf`, { headers: { authorization: `Bearer ${org}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    expect((await sys.http('GET', `/api/reports/runs/00000000-0000-0000-0000-000000000000`, { token: org })).body.code).toBe('REPORT_NOT_FOUND');
    expect((await sys.http('POST', `/api/reports/fairs/${slug}/post-fair/runs`, { token: org, body: { lang: 'fr' } })).status).toBe(422);
  });

  it('reports a tally that no longer matches the tables', async () => {
    await eventually(async () => (await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: org })).body.ok, 30_000);
    const redis = sys.api.get<Redis>(REDIS);
    const fairId = g.fair.id;
    await redis.hincrby(`${sys.redisPrefix}:tally:visits:${fairId}:gate`, g.devices[2]!.gateId, 5);
    const r = await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: org });
    expect(r.body.ok).toBe(false);
    expect(r.body.differences).toEqual([{ tally: 'visits', key: `visits.byGate|${g.devices[2]!.gateId}`, tallied: 9, recounted: 4 }]);
    expect((await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: await sys.signIn('gate') })).status).toBe(403);
  });
});
