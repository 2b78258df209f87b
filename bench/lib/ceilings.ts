/**
 * The ceilings of this machine, measured in the same run as the scenario that quotes them: a bare
 * Fastify reply (the HTTP ceiling) and pgbench's one-row UPDATE (the database ceiling).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { postgresServerVersion } from './bench-database';
import { forkServer, loadTest, type LoadTestOptions, type LoadTestResult } from './load-test';
import { measurePgbenchCeiling, pgbenchVersion, type PgbenchCeiling, type PgbenchOptions } from './pgbench';
import { log, printTable, type Cell } from './report';

export type FastifyCeiling = ({ ok: true } & LoadTestResult & { what: string }) | { ok: false; what: string; reason: string };

const FASTIFY_WHAT = 'bare Fastify "hello" reply';

/** Starts the bare Fastify server in its own process and loads it with autocannon. */
export async function measureFastifyCeiling(opts: LoadTestOptions = {}): Promise<FastifyCeiling> {
  let server;
  try {
    server = await forkServer(join(__dirname, 'fastify-hello.server.ts'));
  } catch (e) {
    return { ok: false, what: FASTIFY_WHAT, reason: (e as Error).message };
  }
  try {
    return { ok: true, what: FASTIFY_WHAT, ...(await loadTest(server.url + '/', opts)) };
  } finally {
    await server.stop();
  }
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  platform: string;
  node: string;
  postgres: string | null;
  pgbench: string | null;
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: await postgresServerVersion(),
    pgbench: await pgbenchVersion(),
  };
}

export interface Ceilings {
  measuredAt: string;
  http: FastifyCeiling;
  db: PgbenchCeiling;
}

export interface CeilingOptions {
  http?: LoadTestOptions;
  db?: PgbenchOptions;
}

/** Measures both ceilings, one after the other (never at once: they would compete for the cores). */
export async function measureCeilings(opts: CeilingOptions = {}): Promise<Ceilings> {
  const measuredAt = new Date().toISOString();
  log('ceiling: HTTP (bare Fastify)');
  const http = await measureFastifyCeiling(opts.http);
  log('ceiling: database (pgbench)');
  const db = await measurePgbenchCeiling(opts.db);
  return { measuredAt, http, db };
}

/**
 * The ceilings for a scenario: when `npm run bench` already measured them in this run (it passes
 * FAIR_BENCH_CEILINGS, a file), those figures; otherwise they are measured now. Either way the
 * scenario's figures stand next to ceilings of the same machine in the same run.
 */
export async function ceilings(opts: CeilingOptions = {}): Promise<Ceilings> {
  const file = process.env.FAIR_BENCH_CEILINGS;
  if (file) {
    try {
      const found = JSON.parse(readFileSync(file, 'utf8')) as Ceilings;
      if (found?.http && found?.db) return found;
    } catch {
      // not written yet: measure and share
    }
  }
  const measured = await measureCeilings(opts);
  if (file) writeFileSync(file, JSON.stringify(measured));
  return measured;
}

/** Rows for a table: the ceilings, to print next to a scenario's own figures. */
export function ceilingRows(c: Ceilings): Cell[][] {
  const rows: Cell[][] = [];
  if (c.http.ok) {
    rows.push([`ceiling: ${c.http.what} (${c.http.connections} conn)`, c.http.requestsPerSec, 'req/s', c.http.latencyMs.p50, c.http.latencyMs.p99]);
  } else rows.push([`ceiling: ${c.http.what}: not measured (${c.http.reason})`, null, null, null, null]);
  if (c.db.ok) {
    rows.push([`ceiling: ${c.db.what} (${c.db.clients} clients)`, c.db.tps, 'tps', c.db.latencyMs.p50, c.db.latencyMs.p99]);
  } else rows.push([`ceiling: ${c.db.what}: not measured (${c.db.reason})`, null, null, null, null]);
  return rows;
}

export const FIGURE_HEADERS = ['what', 'rate', 'unit', 'p50 ms', 'p99 ms'];

/** Prints a scenario's rows (same columns) under the ceilings of the same run. */
export function printWithCeilings(title: string, c: Ceilings, rows: Cell[][], opts: { json?: boolean } = {}): void {
  printTable(title, FIGURE_HEADERS, [...rows, ...ceilingRows(c)], opts);
}
