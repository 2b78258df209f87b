import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@fair/db';
import type { AppConfig } from '@fair/core';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded server when this process started it; no-op otherwise. */
  stop(): Promise<void>;
}

const infoFile = (config: AppConfig) => resolve(config.DATA_DIR, 'embedded-postgres.json');

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database this process should use: DATABASE_URL when set; otherwise the embedded PGlite
 * under DATA_DIR. A PGlite folder may be opened by one process only, so when `npm start` is
 * already serving it, CLI commands connect to that server instead of opening the folder twice.
 */
export async function openDatabase(config: AppConfig, options: { publish?: boolean } = {}): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const file = infoFile(config);
  if (existsSync(file)) {
    const info = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; url: string };
    if (info.pid !== process.pid && alive(info.pid) && (await reachable(info.url))) {
      return { url: info.url, embedded: true, stop: async () => undefined };
    }
    rmSync(file, { force: true });
  }
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: resolve(config.DATA_DIR, 'pglite') });
  writeFileSync(file, JSON.stringify({ pid: process.pid, url: server.url }));
  void options;
  return {
    url: server.url,
    embedded: true,
    async stop() {
      rmSync(file, { force: true });
      await server.stop();
    },
  };
}
