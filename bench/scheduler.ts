/**
 * Scenario "scheduler": the slot scheduler on the reference fair and on a hosted-buyer-show
 * instance. `npm run bench -- scheduler [--json]`
 *
 * - Reference fair, 20 shared tables only: 3,899 accepted meetings, 48 slots (3 days, 08:00-17:00,
 *   lunch 12:00-13:00, 30 min) → at most 960 fit; placed vs that bound.
 * - Reference fair as documented (docs/matchmaking.md): the 20 tables plus each exhibitor's own
 *   booth; placed vs the exact optimum (HiGHS MILP, only run when the placement is below the
 *   upper bound — a placement equal to the bound is optimal by itself). `optimalityGapPercent`.
 * - Hosted-buyer show: 80,000 meetings, 12,000 participants, 400 shared tables + exhibitor stands.
 * - Meeting requests per second through the real API with p50/p99 (bench/lib/meeting-requests-load.ts).
 * BENCH_SCHEDULER_ONLY=api runs only the API part (the pure runs take minutes with the MILP).
 */
import { scheduleMeetings, scheduleUpperBound, scheduleViolations, type SchedulerInput } from '../libs/matchmaking/src/scheduler';
import { exactMaxPlaced } from '../libs/matchmaking/test/exact-schedule.milp';
import { hostedBuyerInstance, referenceFairInstance } from '../libs/matchmaking/test/scheduler-instances';
import { benchOptions, emitJson, log, printTable } from './lib';
import { meetingRequestsLoad } from './lib/meeting-requests-load';

async function run(name: string, input: SchedulerInput, exact: boolean) {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = scheduleMeetings(input);
  const millis = Math.round(performance.now() - t0);
  const heapMB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
  const violations = scheduleViolations(input, r).length;
  const bound = scheduleUpperBound(input);
  let optimum: number | null = r.stats.placed === bound ? bound : null;
  let optimumProven = optimum !== null;
  if (exact && optimum === null) {
    log(`${name}: solving the exact MILP (HiGHS)…`);
    const e = await exactMaxPlaced(input, 300);
    optimum = e.optimum;
    optimumProven = e.proven;
  }
  const best = optimum ?? bound;
  return {
    name,
    meetings: input.meetings.length,
    participants: input.participants.length,
    tables: input.tables.length,
    slots: input.slots.length,
    millis,
    placed: r.stats.placed,
    upperBound: bound,
    optimum,
    optimumProven,
    gapPercent: best ? +((100 * (best - r.stats.placed)) / best).toFixed(3) : 0,
    placementRatePercent: +((100 * r.stats.placed) / input.meetings.length).toFixed(2),
    preferredHonoured: r.stats.preferredHonoured,
    preferredAsked: r.stats.preferredAsked,
    idleGaps: r.stats.idleGaps,
    heapDeltaMB: heapMB,
    violations,
  };
}

async function main(): Promise<void> {
  const { json } = benchOptions();
  if (process.env.BENCH_SCHEDULER_ONLY === 'api') {
    const api = await apiPart(json);
    if (json) emitJson({ scenario: 'scheduler', apiRequestsPerSecond: api.requestsPerSecond, apiRequests: api });
    return;
  }
  const ref20 = await run('reference fair, 20 tables only', referenceFairInstance(false), false);
  const ref = await run('reference fair, 20 tables + exhibitor booths', referenceFairInstance(true), true);
  const big = await run('hosted-buyer show 80k', hostedBuyerInstance(), false);
  const rows = [ref20, ref, big].map((x) => [
    x.name,
    x.meetings,
    x.tables,
    x.millis,
    x.placed,
    x.optimum ?? '-',
    x.upperBound,
    `${x.gapPercent}%`,
    `${x.placementRatePercent}%`,
    x.idleGaps,
    x.violations,
  ]);
  printTable(
    'Slot scheduler (48 slots: 3 days x 16 half-hours)',
    ['instance', 'meetings', 'tables', 'ms', 'placed', 'optimum', 'bound', 'gap', 'placed/asked', 'idle gaps', 'violations'],
    rows,
    { json },
  );
  const api = await apiPart(json);
  if (json) {
    emitJson({
      scenario: 'scheduler',
      optimalityGapPercent: ref.gapPercent,
      referenceFair: ref,
      referenceFairTwentyTablesOnly: ref20,
      hostedBuyer80k: big,
      apiRequestsPerSecond: api.requestsPerSecond,
      apiRequests: api,
    });
  }
}

async function apiPart(json: boolean) {
  const api = await meetingRequestsLoad();
  printTable(
    `Meeting requests through the API (${api.clients} clients, ${api.participants} participants, ${api.seconds} s)`,
    ['requests/s', 'created', 'failed', 'p50 ms', 'p99 ms', 'max ms'],
    [[api.requestsPerSecond, api.created, api.failures, api.latencyMs.p50, api.latencyMs.p99, api.latencyMs.max]],
    { json },
  );
  return api;
}

main().catch((e) => {
  process.stderr.write(`bench scheduler: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
