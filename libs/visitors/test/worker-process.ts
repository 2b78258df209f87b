import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestSystem } from '@fair/testing';

const ROOT = resolve(import.meta.dirname, '../../..');
export const WORKER_MAIN = resolve(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

/** Builds the worker as production runs it (nest build → dist), so the test kills a real process. */
export function buildWorker(): void {
  execFileSync('npx', ['nest', 'build', 'worker'], { cwd: ROOT, stdio: 'pipe', timeout: 180_000 });
  if (!existsSync(WORKER_MAIN)) throw new Error(`worker build produced no ${WORKER_MAIN}`);
}

/** Starts `node dist/.../main.js` against the test system's database, Redis prefix and SMTP sink. */
export function spawnWorker(sys: TestSystem, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: sys.db.url,
      REDIS_PREFIX: sys.redisPrefix,
      SMTP_URL: sys.smtp!.url,
      LOG_LEVEL: 'error',
      OUTBOX_POLL_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d}`));
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}
