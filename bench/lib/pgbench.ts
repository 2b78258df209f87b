/**
 * The database ceiling: pgbench's one-row UPDATE by primary key on this machine's PostgreSQL, in a
 * throwaway database. Latency percentiles come from pgbench's per-transaction log.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBenchDatabase, dropBenchDatabase } from './bench-database';
import { LatencySamples } from './load-test';
import { runCommand } from './run-command';
import { benchDurationSec, log, round } from './report';

const execFileP = promisify(execFile);

export interface PgbenchOptions {
  clients?: number;
  durationSec?: number;
  /** pgbench scale factor: 100,000 accounts per unit (default 1: 8 clients rarely meet on one row) */
  scale?: number;
  database?: string;
}

export type PgbenchCeiling =
  | {
      ok: true;
      what: string;
      clients: number;
      threads: number;
      durationSec: number;
      scale: number;
      transactions: number;
      tps: number;
      latencyMs: { avg: number; p50: number; p99: number; max: number };
      pgbenchVersion: string;
    }
  | { ok: false; what: string; reason: string };

const WHAT = 'pgbench one-row UPDATE by primary key';

/** One-row UPDATE of pgbench_accounts by its primary key. */
const UPDATE_SCRIPT = `\\set aid random(1, 100000 * :scale)
\\set delta random(-5000, 5000)
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
`;

/** `pgbench --version`, or null when pgbench is not on PATH. */
export async function pgbenchVersion(): Promise<string | null> {
  try {
    const { stdout } = await execFileP('pgbench', ['--version']);
    return stdout.trim();
  } catch {
    return null;
  }
}

/**
 * Initialises a throwaway database (name contains "bench"), runs the UPDATE for `durationSec`
 * with `clients` connections, and drops the database. Never throws: a missing pgbench or an
 * unreachable server comes back as `{ ok: false, reason }`.
 */
export async function measurePgbenchCeiling(opts: PgbenchOptions = {}): Promise<PgbenchCeiling> {
  const clients = opts.clients ?? 8;
  const durationSec = Math.max(1, Math.round(opts.durationSec ?? benchDurationSec(10)));
  const scale = opts.scale ?? 1;
  // one database per process: two runs at once (a test and a benchmark) never drop each other's
  const database = opts.database ?? `fair_bench_pgbench_${process.pid}`;
  const threads = Math.min(clients, 2);

  const version = await pgbenchVersion();
  if (!version) return { ok: false, what: WHAT, reason: 'pgbench not found on PATH (it comes with the PostgreSQL client packages, e.g. apt-get install postgresql-client)' };

  let url: string;
  try {
    url = await createBenchDatabase(database);
  } catch (e) {
    return { ok: false, what: WHAT, reason: `cannot create database ${database}: ${(e as Error).message}` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'fair-pgbench-'));
  try {
    log(`  pgbench -i -s ${scale} ${database}`);
    const init = await runCommand('pgbench', ['-i', '-q', '-s', String(scale), url], { cwd: dir });
    if (init.code !== 0) return { ok: false, what: WHAT, reason: `pgbench -i failed: ${init.stderr.trim().split('\n').pop()}` };

    await writeFile(join(dir, 'update.sql'), UPDATE_SCRIPT);
    log(`  pgbench ${durationSec}s, ${clients} clients: ${WHAT}`);
    const r = await runCommand(
      'pgbench',
      ['-n', '-c', String(clients), '-j', String(threads), '-T', String(durationSec), '-M', 'prepared', '-f', 'update.sql', '-l', '--log-prefix', 'tx', url],
      { cwd: dir },
    );
    if (r.code !== 0) return { ok: false, what: WHAT, reason: `pgbench failed: ${r.stderr.trim().split('\n').pop()}` };

    const tpsMatch = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout) ?? /tps = ([\d.]+)/.exec(r.stdout);
    const txMatch = /number of transactions actually processed: (\d+)/.exec(r.stdout);
    // per-transaction log lines: client_id transaction_no time_us script_no time_epoch time_us
    const latencies = new LatencySamples();
    for (const f of (await readdir(dir)).filter((n) => n.startsWith('tx.'))) {
      for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (line && Number.isFinite(us)) latencies.add(us / 1000);
      }
    }
    return {
      ok: true,
      what: WHAT,
      clients,
      threads,
      durationSec,
      scale,
      transactions: txMatch ? Number(txMatch[1]) : latencies.size,
      tps: tpsMatch ? Math.round(Number(tpsMatch[1])) : Math.round(latencies.size / durationSec),
      latencyMs: {
        avg: round(latencies.mean()),
        p50: round(latencies.percentile(50)),
        p99: round(latencies.percentile(99)),
        max: round(latencies.percentile(100)),
      },
      pgbenchVersion: version,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await dropBenchDatabase(database).catch((e) => log(`  could not drop ${database}: ${(e as Error).message}`));
  }
}
