#!/usr/bin/env node
/**
 * `npm run bench -- [scenario ...] [--json]`: runs bench/<scenario>.ts (every scenario when none is
 * named; "ceiling" first, so the others quote the ceilings of the same run instead of measuring
 * them again). TypeScript runs through @swc-node/register, which honours the decorators, their
 * metadata and the `@fair/*` paths of tsconfig.json.
 *
 * With --json, stdout holds exactly one JSON object: the scenario's own object when one scenario
 * runs, `{ "scenarios": { name: object } }` when several do. Everything else goes to stderr.
 * Scenarios are not timed tests: a slow machine gives small figures, not a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const flags = argv.filter((a) => a.startsWith('--'));
const named = argv.filter((a) => !a.startsWith('--'));

const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort((a, b) => (a === 'ceiling' ? -1 : b === 'ceiling' ? 1 : a.localeCompare(b)));

if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(`usage: npm run bench -- [scenario ...] [--json]\nscenarios: ${available.join(', ')}\n`);
  process.exit(0);
}
const unknown = named.filter((n) => !available.includes(n));
if (unknown.length) {
  process.stderr.write(`bench: unknown scenario ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const scenarios = named.length ? named : available;

const work = mkdtempSync(join(tmpdir(), 'fair-bench-'));
const env = {
  ...process.env,
  SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
  FAIR_BENCH_CEILINGS: join(work, 'ceilings.json'),
};

function runScenario(name) {
  const out = join(work, `${name}.json`);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(benchDir, `${name}.ts`), ...flags], {
    cwd: root,
    env: { ...env, ...(json ? { FAIR_BENCH_JSON_OUT: out } : {}) },
    // with --json the scenario's stdout (its table, a library's stray line) goes to stderr
    stdio: ['ignore', json ? 2 : 'inherit', 'inherit'],
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      let result;
      if (json && existsSync(out)) result = JSON.parse(readFileSync(out, 'utf8'));
      resolve({ name, code: code ?? (signal ? 1 : 0), result });
    });
  });
}

let failed = 0;
const results = {};
try {
  for (const name of scenarios) {
    process.stderr.write(`bench: ${name}\n`);
    const r = await runScenario(name);
    if (r.code !== 0) {
      failed++;
      process.stderr.write(`bench: ${name} exited with code ${r.code}\n`);
    }
    results[name] = r.result ?? { scenario: name, error: `exited with code ${r.code} without a result` };
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (json) {
  const value = scenarios.length === 1 ? results[scenarios[0]] : { scenarios: results };
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
process.exit(failed ? 1 : 0);
