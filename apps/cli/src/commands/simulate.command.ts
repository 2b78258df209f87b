import { Command, InvalidArgumentError } from 'commander';
import { appConfig, resetConfigCache } from '@fair/core';
import { runMigrations } from '../data-source';
import { openDatabase } from '../runtime/database';
import { ensureRedis } from '../runtime/redis';
import { checkParams, REFERENCE_PARAMS, type SimulationParams } from '../simulate/plan';
import { runSimulation, type SimulationResult } from '../simulate/simulation';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number ≥ 0 / số nguyên ≥ 0');
  return n;
};

const OPTIONS: [keyof SimulationParams | string, string, string][] = [
  ['companies', '--companies <n>', 'exhibiting companies / số doanh nghiệp trưng bày'],
  ['internationalCompanies', '--international-companies <n>', 'foreign companies / doanh nghiệp nước ngoài'],
  ['booths.international', '--international-booths <n>', 'international booths / gian quốc tế'],
  ['booths.domestic', '--domestic-booths <n>', 'domestic booths / gian trong nước'],
  ['booths.technical-matchmaking', '--matchmaking-booths <n>', 'technical matchmaking booths / gian kết nối kỹ thuật'],
  ['booths.technical-workshop', '--workshop-booths <n>', 'technical workshop booths / gian hội thảo kỹ thuật'],
  ['registeredVisitors', '--registered-visitors <n>', 'visitors registering online / khách tự đăng ký'],
  ['invitedVisitors', '--invited-visitors <n>', 'visitors invited by email / khách được mời'],
  ['visits', '--visits <n>', 'gate entries / lượt vào cổng'],
  ['days', '--days <n>', 'fair days / số ngày'],
  ['gates', '--gates <n>', 'gates / số cổng'],
  ['matchmakingVisitors', '--matchmaking-visitors <n>', 'visitors in matchmaking / khách tham gia kết nối'],
  ['meetingsHeld', '--meetings-held <n>', 'trade meetings held / cuộc gặp diễn ra'],
  ['noShows', '--no-shows <n>', 'scheduled meetings nobody came to / cuộc gặp vắng mặt'],
  ['declined', '--declined <n>', 'declined requests / yêu cầu bị từ chối'],
  ['expired', '--expired <n>', 'requests left to expire / yêu cầu hết hạn'],
  ['seed', '--seed <n>', 'random seed / hạt giống ngẫu nhiên'],
  ['concurrency', '--concurrency <n>', 'parallel HTTP calls / số lời gọi song song'],
];

function paramsFrom(opts: Record<string, unknown>): SimulationParams {
  const p: SimulationParams = structuredClone(REFERENCE_PARAMS);
  for (const [key, flags] of OPTIONS) {
    // commander's name for --international-booths is internationalBooths
    const v = opts[flags.split(' ')[0]!.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (v === undefined) continue;
    if (key.startsWith('booths.')) p.booths[key.slice(7) as keyof SimulationParams['booths']] = v as number;
    else (p as unknown as Record<string, number>)[key] = v as number;
  }
  return p;
}

function summary(r: SimulationResult): string {
  const h = r.headline;
  const lines = [
    `Fair ${r.fair.slug} (${r.fair.startsOn} – ${r.fair.endsOn}), simulated in ${r.wallSeconds} s`,
    `  ${h.companies} companies / doanh nghiệp, ${h.booths.total} booths / gian (${h.booths.international} international, ${h.booths.domestic} domestic, ${h.booths.technical} technical: ${h.booths.technicalMatchmaking} + ${h.booths.technicalWorkshop})`,
    `  ${h.visits} visits / lượt khách, ${h.tradeMeetings} trade meetings / cuộc gặp giao thương (${r.counts.noShow} no-shows, ${r.counts.declined} declined, ${r.counts.expired} expired; ${r.counts.emails} emails)`,
    '',
    `  ${'step / bước'.padEnd(30)} ${'calls'.padStart(7)} ${'s'.padStart(8)} ${'calls/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
    ...r.steps.map((s) => `  ${s.step.padEnd(30)} ${String(s.calls).padStart(7)} ${s.seconds.toFixed(2).padStart(8)} ${s.perSecond.toFixed(1).padStart(9)} ${s.p50Ms.toFixed(1).padStart(8)} ${s.p99Ms.toFixed(1).padStart(8)}`),
  ];
  return lines.join('\n');
}

/**
 * `cli simulate`: a whole fair through the real API and worker (both in this process) on the
 * configured database (embedded when DATABASE_URL is unset), with Redis and an SMTP sink.
 */
export function registerSimulate(program: Command): void {
  const cmd = program
    .command('simulate')
    .description('Simulate a whole fair through the real API and worker / Mô phỏng trọn một kỳ hội chợ qua API và worker thật')
    .option('--json', "print the report's headline figures as JSON / in số liệu chính dạng JSON");
  for (const [, flags, help] of OPTIONS) cmd.option(flags, help, int);
  cmd.action(async (opts: Record<string, unknown>) => {
    const params = paramsFrom(opts);
    const problems = checkParams(params);
    if (problems.length) throw new Error(`these parameters cannot work / tham số không hợp lệ: ${problems.join('; ')}`);
    const db = await openDatabase(appConfig());
    const redis = await ensureRedis(appConfig());
    try {
      process.env.DATABASE_URL = db.url;
      process.env.REDIS_URL = redis.url;
      resetConfigCache();
      await runMigrations(db.url);
      const result = await runSimulation(params, { progress: process.stderr.isTTY, log: process.stderr.isTTY ? undefined : (l) => process.stderr.write(`[simulate] ${l}\n`) });
      if (opts.json) process.stdout.write(JSON.stringify(result.headline) + '\n');
      else process.stdout.write(summary(result) + '\n');
      process.stderr.write(opts.json ? summary(result) + '\n' : '');
    } finally {
      await redis.stop();
      await db.stop();
    }
  });
}
