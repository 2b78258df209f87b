/**
 * HTTP load generation with autocannon, and starting a server under test in its own process (on a
 * 2-core machine the load generator and the server must not share one event loop).
 */
import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { benchDurationSec, log, round } from './report';

export interface LoadTestOptions {
  /** concurrent connections (default 50) */
  connections?: number;
  /** measured seconds (default 10, or BENCH_DURATION_SEC) */
  durationSec?: number;
  /** seconds of unmeasured load first, so the JIT and pools are warm (default 2, at most a fifth of the run) */
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
  const durationSec = opts.durationSec ?? benchDurationSec(10);
  const base = {
    url,
    connections,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    pipelining: opts.pipelining ?? 1,
  };
  const warmupSec = opts.warmupSec ?? Math.min(2, durationSec / 5);
  if (warmupSec > 0) {
    log(`  warm-up ${warmupSec}s: ${url}`);
    await autocannon({ ...base, duration: warmupSec });
  }
  log(`  load ${durationSec}s, ${connections} connections: ${url}`);
  // autocannon's own histogram has 1 ms resolution; its per-response times are exact, so the
  // percentiles come from those
  const samples = new LatencySamples();
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...base, duration: durationSec }, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) samples.add(responseTimeMs);
    });
  });
  const completed = r['2xx'] + r.non2xx;
  return {
    url,
    connections,
    durationSec: round(r.duration, 1),
    requests: completed,
    requestsPerSec: Math.round(completed / r.duration),
    latencyMs: {
      avg: round(samples.mean()),
      p50: round(samples.percentile(50)),
      p90: round(samples.percentile(90)),
      p99: round(samples.percentile(99)),
      max: round(samples.percentile(100)),
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Latencies in ms, kept exactly (a growable Float64Array), for percentiles without binning. */
export class LatencySamples {
  private values = new Float64Array(1 << 16);
  private count = 0;
  private sorted = false;

  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
    this.sorted = false;
  }

  get size(): number {
    return this.count;
  }

  mean(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.values[i];
    return this.count ? sum / this.count : NaN;
  }

  /** Nearest-rank percentile (p in 0..100); NaN when empty. */
  percentile(p: number): number {
    if (!this.count) return NaN;
    if (!this.sorted) {
      this.values.subarray(0, this.count).sort();
      this.sorted = true;
    }
    const rank = Math.min(this.count, Math.max(1, Math.ceil((p / 100) * this.count)));
    return this.values[rank - 1];
  }
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
