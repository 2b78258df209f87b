import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { resetConfigCache } from '@fair/core';
import { createTestDatabase, clearRedisPrefix, type TestDatabase } from '@fair/testing';
import { checkParams, type SimulationParams } from './plan';
import { runSimulation, type SimulationResult } from './simulation';

const SMALL: SimulationParams = {
  companies: 8,
  internationalCompanies: 3,
  booths: { international: 4, domestic: 5, 'technical-matchmaking': 2, 'technical-workshop': 2 },
  registeredVisitors: 24,
  invitedVisitors: 16,
  visits: 52,
  reentryShare: 0.1,
  days: 2,
  gates: 2,
  matchmakingVisitors: 12,
  meetingsHeld: 30,
  noShows: 4,
  declined: 3,
  expired: 2,
  seed: 7,
  concurrency: 6,
};

const count = <T>(items: T[], key: (t: T) => string | null | undefined) => {
  const out = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k != null) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
};

/**
 * A scaled-down fair through the real API and worker (what `cli simulate` runs): the report's
 * headline equals the parameters, and every figure of it equals a recount from the rows.
 */
describe('cli simulate (scaled down)', () => {
  let db: TestDatabase;
  let result: SimulationResult;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, DATABASE_POOL_SIZE: '10', NODE_ENV: 'test' });
    resetConfigCache();
    expect(checkParams(SMALL)).toEqual([]);
    result = await runSimulation(SMALL);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 180_000);
  afterAll(async () => {
    await pg?.end();
    await clearRedisPrefix(process.env.REDIS_PREFIX ?? 'none');
    await db?.drop();
  });

  it('produces the asked-for headline', () => {
    expect(result.headline).toEqual({
      companies: 8,
      booths: { total: 13, international: 4, domestic: 5, technical: 4, technicalMatchmaking: 2, technicalWorkshop: 2 },
      visits: 52,
      tradeMeetings: 30,
    });
    expect(result.counts).toMatchObject({ scheduled: 34, held: 30, noShow: 4, declined: 3, expired: 2 });
    expect(result.steps.find((s) => s.step.startsWith('fair days'))!.calls).toBeGreaterThan(52);
  });

  it('reports every figure equal to a recount from the rows', async () => {
    const fairId = result.fair.id;
    const rows = async (sql: string) => (await pg.query(sql, [fairId])).rows;
    const allocations = await rows(`SELECT a.exhibitor_id, b.kind FROM booth_allocations a JOIN booths b ON b.id = a.booth_id WHERE a.fair_id = $1 AND a.status = 'assigned'`);
    const booths = await rows(`SELECT kind FROM booths WHERE fair_id = $1`);
    const entries = await rows(
      `SELECT to_char(s.scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24') AS hour, v.country, v.id AS visitor, v.sectors
         FROM checkin_scans s JOIN passes p ON p.id = s.pass_id JOIN visitors v ON v.id = p.visitor_id
        WHERE s.fair_id = $1 AND s.verdict IN ('admitted', 're-entry')`,
    );
    const exhibitors = await rows(`SELECT id, country, sectors FROM exhibitors WHERE fair_id = $1`);
    const meetings = await rows(`SELECT status, to_char(lower(during) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM mm_meetings WHERE fair_id = $1`);
    const r = result.report;

    const withBooth = new Set(allocations.map((a) => a.exhibitor_id));
    const byKind = count(allocations, (a) => a.kind);
    expect(r.headline).toEqual({
      companies: withBooth.size,
      booths: {
        total: allocations.length,
        international: byKind.get('international') ?? 0,
        domestic: byKind.get('domestic') ?? 0,
        technical: (byKind.get('technical-matchmaking') ?? 0) + (byKind.get('technical-workshop') ?? 0),
        technicalMatchmaking: byKind.get('technical-matchmaking') ?? 0,
        technicalWorkshop: byKind.get('technical-workshop') ?? 0,
      },
      visits: entries.length,
      tradeMeetings: meetings.filter((m) => m.status === 'held').length,
    });
    // the fair's days, hour by hour
    expect(r.arrivalCurve).toEqual([...count(entries, (e) => e.hour)].sort(([a], [b]) => a.localeCompare(b)).map(([hour, visits]) => ({ hour, visits })));
    expect(r.arrivalCurve.every((c: { hour: string }) => c.hour.slice(0, 10) >= result.fair.startsOn && c.hour.slice(0, 10) <= result.fair.endsOn)).toBe(true);
    // countries: exhibitors with a booth, visits
    const exCountry = count(exhibitors.filter((e) => withBooth.has(e.id)), (e) => e.country);
    const visCountry = count(entries, (e) => e.country);
    const countries = [...new Set([...exCountry.keys(), ...visCountry.keys()])]
      .map((country) => ({ country, exhibitors: exCountry.get(country) ?? 0, visits: visCountry.get(country) ?? 0 }))
      .sort((a, b) => b.visits - a.visits || b.exhibitors - a.exhibitors || a.country.localeCompare(b.country))
      .slice(0, 10);
    expect(r.topCountries).toEqual(countries);
    // sectors: exhibitors with a booth, visitors who came in
    const exSector = new Map<string, number>();
    for (const e of exhibitors.filter((x) => withBooth.has(x.id))) for (const s of new Set<string>(e.sectors)) exSector.set(s, (exSector.get(s) ?? 0) + 1);
    const visSector = new Map<string, number>();
    const seen = new Map<string, string[]>(entries.map((e) => [e.visitor, e.sectors]));
    for (const sectors of seen.values()) for (const s of new Set<string>(sectors)) visSector.set(s, (visSector.get(s) ?? 0) + 1);
    const sectors = [...new Set([...exSector.keys(), ...visSector.keys()])]
      .map((sector) => ({ sector, exhibitors: exSector.get(sector) ?? 0, visitors: visSector.get(sector) ?? 0 }))
      .sort((a, b) => b.exhibitors - a.exhibitors || b.visitors - a.visitors || a.sector.localeCompare(b.sector))
      .slice(0, 10);
    expect(r.topSectors.map(({ label: _label, ...s }: { label: string }) => s)).toEqual(sectors);
    // meetings per slot day
    const days = [...new Set(meetings.filter((m) => m.day).map((m) => m.day))].sort();
    expect(r.meetingsPerDay).toEqual(
      days.map((day) => {
        const on = meetings.filter((m) => m.day === day && ['scheduled', 'held', 'no-show'].includes(m.status));
        return { day, scheduled: on.length, held: on.filter((m) => m.status === 'held').length, noShow: on.filter((m) => m.status === 'no-show').length };
      }),
    );
    expect(days.length).toBe(SMALL.days);
    // booth occupancy per kind
    const total = count(booths, (b) => b.kind);
    expect(r.boothOccupancy.map(({ kind, total: t, assigned }: { kind: string; total: number; assigned: number }) => ({ kind, t, assigned }))).toEqual(
      [...total.keys()].sort().map((kind) => ({ kind, t: total.get(kind), assigned: byKind.get(kind) ?? 0 })),
    );
  });
});
