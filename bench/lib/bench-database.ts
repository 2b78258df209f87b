/**
 * Throwaway databases for benchmarks on the real PostgreSQL. A guard refuses any database whose
 * name lacks "bench", so a wrong URL can never drop a real database.
 */
import { Client } from 'pg';

/** The server benchmarks use (the same one as the tests by default). */
export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_SERVER_URL ?? process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function assertBenchDatabaseName(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('bench')) {
    throw new Error(`refusing to use database "${name}" for a benchmark: its name must contain "bench" (a-z, 0-9, _)`);
  }
}

/** The URL of database `name` on the benchmark server. */
export function benchDatabaseUrl(name: string): string {
  assertBenchDatabaseName(name);
  const u = new URL(BENCH_SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: BENCH_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops (if left over) and creates an empty database; returns its URL. */
export async function createBenchDatabase(name: string, opts: { template?: string } = {}): Promise<string> {
  assertBenchDatabaseName(name);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"${opts.template ? ` TEMPLATE "${opts.template}"` : ''}`);
  });
  return benchDatabaseUrl(name);
}

export async function dropBenchDatabase(name: string): Promise<void> {
  assertBenchDatabaseName(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** `SHOW server_version` of the benchmark server, or null when it does not answer. */
export async function postgresServerVersion(): Promise<string | null> {
  try {
    return await admin(async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  } catch {
    return null;
  }
}
