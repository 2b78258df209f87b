/**
 * Gate scans driven by wrk (C, Debian package `wrk`) with bench/lib/wrk-scans.lua. On two shared
 * cores the load generator's own CPU is taken from the server: autocannon spends ~80 µs of CPU
 * per request, wrk a few, which is also how pgbench (C) drives the database ceiling it is compared
 * with. Latencies are wrk's per-request histogram (microseconds).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { round } from './report';
import { runCommand } from './run-command';

export interface WrkScanResult {
  gates: number;
  scansPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  scans: number;
  failures: number;
  /** wrk's own CPU (user + system) per answered scan, µs. */
  loadGeneratorUsPerScan: number;
}

/** wrk's version line, or null when wrk is not installed (`apt-get install wrk`). */
export async function wrkVersion(): Promise<string | null> {
  const r = await runCommand('wrk', ['--version']);
  const line = `${r.stdout}${r.stderr}`.split('\n')[0] ?? '';
  return /^wrk /.test(line) ? line.replace(/ Copyright.*/, '').trim() : null;
}

/**
 * `devices.length` gates as concurrent keep-alive connections (closed loop, like gates waiting for
 * the answer before the next scan) for `durationSec`. Non-200 answers count as failures.
 */
export async function wrkScanLoad(baseUrl: string, devices: { id: string; token: string }[], codes: string[], durationSec: number): Promise<WrkScanResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fair-wrk-'));
  try {
    const file = join(dir, 'scans.txt');
    await writeFile(file, [String(devices.length), ...devices.map((d) => `${d.id} ${d.token}`), ...codes].join('\n'));
    const threads = Math.min(2, devices.length);
    // `times` after wrk prints the CPU its children used: wrk's own cost per scan.
    const script = `wrk -t ${threads} -c ${devices.length} -d ${durationSec}s -s "$WRK_SCRIPT" "$WRK_URL" && times`;
    const r = await runCommand('bash', ['-c', script], {
      env: {
        ...process.env,
        WRK_SCRIPT: resolve(__dirname, 'wrk-scans.lua'),
        WRK_URL: baseUrl,
        SCAN_FILE: file,
        WRK_THREADS: String(threads),
        NONCE_PREFIX: randomBytes(6).toString('base64url'),
      },
    });
    if (r.code !== 0) throw new Error(`wrk failed (${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
    const lines = r.stdout.trim().split('\n');
    const json = lines.find((l) => l.startsWith('{"requests"'));
    if (!json) throw new Error(`wrk printed no figures: ${r.stdout}`);
    const j = JSON.parse(json) as { requests: number; durationUs: number; non2xx: number; socketErrors: number; p50Us: number; p99Us: number; maxUs: number };
    const ok = j.requests - j.non2xx;
    return {
      gates: devices.length,
      scansPerSec: round(ok / (j.durationUs / 1e6), 1),
      p50Ms: round(j.p50Us / 1000),
      p99Ms: round(j.p99Us / 1000),
      maxMs: round(j.maxUs / 1000),
      scans: ok,
      failures: j.non2xx + j.socketErrors,
      loadGeneratorUsPerScan: ok ? Math.round((childCpuSeconds(lines.at(-1) ?? '') * 1e6) / ok) : 0,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** bash `times` second line: "0m1.234s 0m0.567s" (children's user and system time). */
function childCpuSeconds(line: string): number {
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return parts.length === 2 ? parts[0]! + parts[1]! : 0;
}
