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
    const people = [];
    for (let i = 0; i < 4; i++) {
      const v = await visitor(sys, org, slug, `Live Person ${i}`, `Live Co ${i}`, { country: 'JP' });
      people.push(await optIn(sys, org, slug, v.id));
    }
    for (const [a, b, answer] of [[0, 1, 'accept'], [2, 3, 'accept'], [0, 2, 'decline']] as const) {
      const r = await as(sys, people[a]!.token, 'POST', '/matchmaking/requests', { to: people[b]!.id });
      expect(r.status).toBe(201);
      expect((await as(sys, people[b]!.token, 'POST', `/matchmaking/requests/${r.body.id}/${answer}`)).status).toBe(200);
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

  it('reports a tally that no longer matches the tables', async () => {
    const redis = sys.api.get<Redis>(REDIS);
    const fairId = g.fair.id;
    await redis.hincrby(`${sys.redisPrefix}:tally:visits:${fairId}:gate`, g.devices[2]!.gateId, 5);
    const r = await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: org });
    expect(r.body.ok).toBe(false);
    expect(r.body.differences).toEqual([{ tally: 'visits', key: `visits.byGate|${g.devices[2]!.gateId}`, tallied: 9, recounted: 4 }]);
    expect((await sys.http('GET', `/api/reports/fairs/${slug}/reconciliation`, { token: await sys.signIn('gate') })).status).toBe(403);
  });
});
