/**
 * HTTP load generation with autocannon, and starting a server under test in its own process (on a
 * 2-core machine the load generator and the server must not share one event loop).
 */
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { log, round } from './report';

export interface LoadTestOptions {
  /** concurrent connections (default 50) */
  connections?: number;
  /** measured seconds (default 10) */
  durationSec?: number;
  /** seconds of unmeasured load first, so the JIT and pools are warm (default 2) */
  warmupSec?: number;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  pipelining?: number;
}

export interface LoadTestResult {
  url: string;
  connections: number;
  durationSec: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { avg: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon against `url` and returns the figures (never throws because a machine is slow). */
export async function loadTest(url: string, opts: LoadTestOptions = {}): Promise<LoadTestResult> {
  const connections = opts.connections ?? 50;
  const durationSec = opts.durationSec ?? 10;
  const base = {
    url,
    connections,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    pipelining: opts.pipelining ?? 1,
  };
  const warmupSec = opts.warmupSec ?? 2;
  if (warmupSec > 0) {
    log(`  warm-up ${warmupSec}s: ${url}`);
    await autocannon({ ...base, duration: warmupSec });
  }
  log(`  load ${durationSec}s, ${connections} connections: ${url}`);
  const r = await autocannon({ ...base, duration: durationSec });
  const completed = r['2xx'] + r.non2xx;
  return {
    url,
    connections,
    durationSec: round(r.duration, 1),
    requests: completed,
    requestsPerSec: Math.round(completed / r.duration),
    latencyMs: {
      avg: round(r.latency.average),
      p50: round(r.latency.p50),
      p90: round(r.latency.p90),
      p99: round(r.latency.p99),
      max: round(r.latency.max),
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Forks `modulePath` (a .ts file; the child inherits the TypeScript loader from this process) and
 * waits until it sends `{ port }` over IPC, e.g. `process.send?.({ port })` after `listen`.
 */
export function forkServer(modulePath: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  // the child's stdout goes to our stderr: a log line must not break the --json output
  const child = fork(modulePath, [], { env: { ...process.env, ...env }, stdio: ['ignore', 2, 2, 'ipc'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${modulePath} did not report a port within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${modulePath} exited with code ${code} before it was ready`));
    });
    child.on('message', (m: { port?: number }) => {
      if (typeof m?.port !== 'number') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${m.port}`, child, stop });
    });
  });
}
