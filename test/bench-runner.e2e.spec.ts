import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);

function hasPgbench(): boolean {
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run bench -- ceiling --json` end to end, shortened to 1 s per measurement: the runner
 * loads TypeScript with the @fair/* paths, the scenario measures both ceilings on this machine,
 * and stdout is exactly one JSON object. Figures are checked for being real, not for speed.
 */
describe('bench runner: ceiling scenario', () => {
  it('prints one JSON object with both ceilings measured', async () => {
    const { stdout } = await run(process.execPath, ['scripts/run-bench.mjs', 'ceiling', '--json'], {
      env: { ...process.env, BENCH_DURATION_SEC: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    const result = JSON.parse(stdout);
    expect(result.scenario).toBe('ceiling');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.ceilings.http).toMatchObject({ ok: true, non2xx: 0 });
    expect(result.ceilings.http.requests).toBeGreaterThan(0);
    expect(result.ceilings.http.latencyMs.p99).toBeGreaterThanOrEqual(result.ceilings.http.latencyMs.p50);
    if (hasPgbench()) {
      expect(result.ceilings.db).toMatchObject({ ok: true, clients: 8 });
      expect(result.ceilings.db.transactions).toBeGreaterThan(0);
      expect(result.ceilings.db.latencyMs.p99).toBeGreaterThanOrEqual(result.ceilings.db.latencyMs.p50);
    } else {
      // a machine without pgbench gets a reason in the JSON, not a crash
      expect(result.ceilings.db).toMatchObject({ ok: false, reason: expect.stringContaining('pgbench not found') });
    }
  });

  it('refuses an unknown scenario with the list of known ones', async () => {
    const err = await run(process.execPath, ['scripts/run-bench.mjs', 'no-such-scenario']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('available: ceiling');
  });
});
