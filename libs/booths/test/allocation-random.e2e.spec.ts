import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { doubleBookings, inHours, insertExhibitors, REF_FAIR, seedReferenceFair } from './booth-fixtures';

/** A small seeded generator: the same sequence of calls every run. */
function rng(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('thousands of random concurrent hold / assign / release calls', () => {
  let sys: TestSystem;
  let organiser: string;

  beforeAll(async () => {
    sys = await startTestSystem();
    const fairId = await seedReferenceFair(sys);
    organiser = await sys.signIn('organiser');
    exhibitors = await insertExhibitors(sys, fairId, Array.from({ length: 30 }, (_, i) => ({ origin: 'domestic' as const, booths: { domestic: 1 + (i % 3) } })));
  }, 60_000);
  afterAll(() => sys?.close());
  let exhibitors: { id: string }[];

  it('leave no booth held or assigned twice and no exhibitor with more than it asked for', async () => {
    const random = rng(42);
    const booths = Array.from({ length: 12 }, (_, i) => `B${String(i + 1).padStart(2, '0')}`);
    const ops = Array.from({ length: 2500 }, () => {
      const booth = booths[Math.floor(random() * booths.length)]!;
      const exhibitorId = exhibitors[Math.floor(random() * exhibitors.length)]!.id;
      const r = random();
      if (r < 0.4) return { path: `/booths/${booth}/hold`, body: { exhibitorId, expiresAt: inHours(1) } };
      if (r < 0.75) return { path: `/booths/${booth}/assign`, body: { exhibitorId } };
      return { path: `/booths/${booth}/release`, body: {} };
    });
    const statuses = new Map<string, number>();
    let next = 0;
    // 64 clients in parallel, each taking the next call when its last one answered
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < ops.length) {
          const op = ops[next++]!;
          const res = await sys.http('POST', `/api/fairs/${REF_FAIR}${op.path}`, { token: organiser, body: op.body });
          const key = `${res.status} ${res.body?.code ?? res.body?.status ?? ''}`;
          statuses.set(key, (statuses.get(key) ?? 0) + 1);
        }
      }),
    );
    // only successes and the expected refusals: no 500s
    for (const key of statuses.keys()) expect(key).toMatch(/^(200 |409 (BOOTH_TAKEN|BOOTH_NOT_ALLOCATED|TOO_MANY_BOOTHS)$)/);
    expect(statuses.get('200 held')).toBeGreaterThan(50);
    expect(statuses.get('200 assigned')).toBeGreaterThan(50);
    expect(statuses.get('200 available')).toBeGreaterThan(50);
    expect(statuses.get('409 BOOTH_TAKEN')).toBeGreaterThan(50);

    expect(await doubleBookings(sys)).toEqual([]);
    const overBooked = await sys.dataSource.query(
      `SELECT a.exhibitor_id FROM booth_allocations a JOIN exhibitors e ON e.id = a.exhibitor_id
        WHERE a.status IN ('held', 'assigned') GROUP BY a.exhibitor_id, e.booth_requests
       HAVING count(*) > (e.booth_requests->>'domestic')::int`,
    );
    expect(overBooked).toEqual([]);
    // every success wrote exactly one audit row
    const successes = [...statuses].filter(([k]) => k.startsWith('200')).reduce((s, [, n]) => s + n, 0);
    const [{ n }] = (await sys.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'booth'`)) as { n: number }[];
    expect(n).toBe(successes);
  }, 180_000);
});
