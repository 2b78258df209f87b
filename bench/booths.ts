/**
 * Scenario "booths": `npm run bench -- booths [--json]`
 *
 * 1. The allocation solver on the reference fair (180 booths, 138 companies, their wishes), its
 *    score against the exact optimum of the same objective (HiGHS MILP): optimalityGapPercent.
 * 2. The solver on a synthetic fair of 20,000 booths and 10,000 companies, its score as a
 *    percentage of the upper bound (libs/booths/src/solver/bound.ts); no exact optimum at that size.
 * 3. Hold / assign / release through the real API (own process, throwaway database) with 32
 *    closed-loop clients on 40 booths; answered requests per second and p99, then the number of
 *    booths found live twice by SQL (doubleBookings, must be 0).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { ensureTemplate } from '../libs/testing/src/test-database';
import { referenceFloorPlan } from '../libs/fairs/src/reference-fair';
import { referenceApplications } from '../libs/exhibitors/src/testing/application-fixtures';
import { solveAllocation, syntheticFair, type SolverInput } from '../libs/booths/src/solver';
import { exactOptimum } from '../libs/booths/test/exact-allocation.milp';
import { api, organiserToken } from './lib/checkin-fixtures';
import { benchDurationSec, benchOptions, ceilings, createBenchDatabase, dropBenchDatabase, emitJson, forkServer, LatencySamples, log, printWithCeilings, round } from './lib';

function referenceInstance(): SolverInput {
  const booths = referenceFloorPlan().map((b) => ({ id: b.code, code: b.code, kind: b.kind, hall: b.hall, x: b.x, y: b.y, width: b.width, height: b.height, isCorner: b.isCorner }));
  const apps = referenceApplications();
  const byName = new Map(apps.map((a) => [String(a.body.legalName), String(a.body.taxId)]));
  const companies = apps.map((a, rank) => {
    const p = (a.body.placement ?? {}) as { nearPartners?: string[]; awayFrom?: string[]; hall?: string; corner?: boolean };
    const origin = a.body.country === 'VN' ? 'domestic' : 'international';
    return {
      id: String(a.body.taxId),
      name: String(a.body.legalName),
      requested: a.booths as Record<string, number>,
      allowedKinds: [origin, 'technical-matchmaking', 'technical-workshop'],
      rank,
      nearPartners: (p.nearPartners ?? []).map((n) => byName.get(n)!).filter(Boolean),
      awayFrom: (p.awayFrom ?? []).map((n) => byName.get(n)!).filter(Boolean),
      hall: p.hall ?? null,
      corner: !!p.corner,
    };
  });
  return { booths, companies };
}

async function solverFigures() {
  log('booths: solver on the reference fair');
  const ref = referenceInstance();
  const t0 = performance.now();
  const r = solveAllocation({ ...ref, timeLimitMs: 1000 });
  const refMs = performance.now() - t0;
  const exact = await exactOptimum(ref, 300);
  const gap = exact.optimum > 0 ? (100 * (exact.optimum - r.score.total)) / exact.optimum : 0;
  const wishGap = exact.optimum - r.score.booths > 0 ? (100 * (exact.optimum - r.score.total)) / (exact.optimum - r.score.booths) : 0;
  const reference = {
    booths: ref.booths.length,
    companies: ref.companies.length,
    placed: r.assignment.length,
    complete: r.assignment.length === ref.booths.length,
    ms: Math.round(refMs),
    score: round(r.score.total, 2),
    wishScore: round(r.score.wishes, 2),
    exactOptimum: round(exact.optimum, 2),
    exactProven: exact.proven,
    optimalityGapPercent: round(Math.max(0, gap), 4),
    wishGapPercent: round(Math.max(0, wishGap), 2),
  };
  log('booths: solver on a synthetic fair of 20,000 booths and 10,000 companies');
  const big = syntheticFair({ booths: 20_000, companies: 10_000, seed: 2026 });
  const limitMs = Number(process.env.BENCH_SOLVER_MS ?? 20_000);
  const t1 = performance.now();
  const rb = solveAllocation({ ...big, timeLimitMs: limitMs });
  const bigMs = performance.now() - t1;
  const synthetic = {
    booths: big.booths.length,
    companies: big.companies.length,
    placed: rb.assignment.length,
    ms: Math.round(bigMs),
    constructMs: rb.stats.constructMs,
    improveMs: rb.stats.improveMs,
    score: round(rb.score.total, 1),
    bound: round(rb.bound.total, 1),
    percentOfBound: round((100 * rb.score.total) / rb.bound.total, 3),
    wishPercentOfBound: round((100 * rb.score.wishes) / rb.bound.wishes, 2),
    unmetBooths: rb.unmet.filter((u) => u.wish === 'booths').length,
  };
  return { reference, synthetic };
}

async function apiFigures(durationSec: number) {
  const dbName = `fair_bench_booths_${process.pid}`;
  const url = await createBenchDatabase(dbName, { template: await ensureTemplate() });
  const env = { DATABASE_URL: url, APP_SECRET: randomBytes(24).toString('hex'), NODE_ENV: 'test', LOG_LEVEL: 'error', REDIS_PREFIX: `fairbench-${process.pid}`, DATABASE_POOL_SIZE: '20', SEED_ON_START: 'false' };
  const server = await forkServer(resolve(__dirname, 'lib/api.server.ts'), env);
  const pg = new Pool({ connectionString: url, max: 2 });
  try {
    const a = api(server.url);
    const org = await organiserToken(a, pg);
    const fairId = (await pg.query<{ id: string }>(`SELECT id FROM fairs WHERE slug = 'hanoi-manufacturers-network-2018'`)).rows[0]!.id;
    const ex = (
      await pg.query<{ id: string }>(
        `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, lang, booth_requests, consent_at)
         SELECT $1, 'approved', 'Bench ' || g, 'JP', 'international', 'BENCH' || g, 'Osaka', 'C', 'bench-' || g || '@bench.example', '+81312345678', 'en', '{"international": 3}', now()
           FROM generate_series(1, 200) g RETURNING id`,
        [fairId],
      )
    ).rows.map((r) => r.id);
    const booths = Array.from({ length: 40 }, (_, i) => `A${String(i + 1).padStart(2, '0')}`);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const samples = new LatencySamples();
    const outcomes = new Map<number, number>();
    const run = async (seconds: number, record: boolean) => {
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: 32 }, async (_, client) => {
          let n = client;
          while (performance.now() < deadline) {
            n = (n * 1103515245 + 12345) % 2147483648;
            const booth = booths[n % booths.length]!;
            const exhibitorId = ex[(n >> 8) % ex.length]!;
            const op = (n >> 16) % 10;
            const [path, body] = op < 4 ? ['hold', { exhibitorId, expiresAt }] : op < 7 ? ['assign', { exhibitorId }] : ['release', {}];
            const t0 = performance.now();
            const r = await a.call('POST', `/api/fairs/hanoi-manufacturers-network-2018/booths/${booth}/${path}`, body, org);
            if (!record) continue;
            samples.add(performance.now() - t0);
            outcomes.set(r.status, (outcomes.get(r.status) ?? 0) + 1);
          }
        }),
      );
    };
    log('booths: warm-up 2s');
    await run(Math.min(2, durationSec), false);
    log(`booths: hold/assign/release, 32 clients, ${durationSec}s`);
    const t0 = performance.now();
    await run(durationSec, true);
    const seconds = (performance.now() - t0) / 1000;
    const doubles = (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT booth_id FROM booth_allocations WHERE status IN ('held','assigned') GROUP BY booth_id HAVING count(*) > 1) d`,
      )
    ).rows[0]!.n;
    return {
      clients: 32,
      booths: booths.length,
      requests: samples.size,
      requestsPerSec: round(samples.size / seconds, 1),
      p50Ms: round(samples.percentile(50)),
      p99Ms: round(samples.percentile(99)),
      byStatus: Object.fromEntries(outcomes),
      errors5xx: [...outcomes].filter(([s]) => s >= 500).reduce((s, [, n]) => s + n, 0),
      doubleBookings: doubles,
    };
  } finally {
    await pg.end();
    await server.stop();
    await dropBenchDatabase(dbName);
  }
}

async function main(): Promise<void> {
  const { json } = benchOptions();
  const c = await ceilings();
  const durationSec = benchDurationSec(10);
  const solver = await solverFigures();
  const http = await apiFigures(durationSec);
  printWithCeilings(
    'Booth allocation',
    c,
    [
      [`solver, reference fair (${solver.reference.placed}/${solver.reference.booths} placed), gap to exact optimum ${solver.reference.optimalityGapPercent}%`, solver.reference.ms, 'ms', null, null],
      [`solver, 20,000 booths / 10,000 companies, ${solver.synthetic.percentOfBound}% of bound (wishes ${solver.synthetic.wishPercentOfBound}%)`, solver.synthetic.ms, 'ms', null, null],
      [`hold/assign/release through the API, 32 clients (double bookings: ${http.doubleBookings})`, http.requestsPerSec, 'req/s', http.p50Ms, http.p99Ms],
    ],
    { json },
  );
  if (json) {
    emitJson({
      scenario: 'booths',
      ceilings: c,
      optimalityGapPercent: solver.reference.optimalityGapPercent,
      doubleBookings: http.doubleBookings,
      p99Ms: http.p99Ms,
      figures: { solver, api: http },
    });
  }
}

main().catch((e) => {
  process.stderr.write(`bench booths: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
