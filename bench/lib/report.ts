/**
 * Output of a benchmark scenario: a table for humans, and with `--json` exactly one JSON object.
 * Progress and logs go to stderr so stdout stays machine-readable.
 */
import { writeFileSync } from 'node:fs';

export interface BenchOptions {
  json: boolean;
  /** the arguments after the scenario name, flags removed */
  args: string[];
}

export function benchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  return { json: argv.includes('--json'), args: argv.filter((a) => !a.startsWith('--')) };
}

/**
 * Seconds a measurement runs: `defaultSec`, or BENCH_DURATION_SEC when set (a short smoke run,
 * e.g. the runner's own test, sets it to 1).
 */
export function benchDurationSec(defaultSec: number): number {
  const v = Number(process.env.BENCH_DURATION_SEC);
  return Number.isFinite(v) && v > 0 ? v : defaultSec;
}

/** A progress or log line: always stderr. */
export function log(...parts: unknown[]): void {
  process.stderr.write(parts.map(String).join(' ') + '\n');
}

export type Cell = string | number | null | undefined;

function formatCell(v: Cell): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : 1 });
  }
  return v;
}

/**
 * Prints an aligned table. Numbers are right-aligned with thousands separators. In --json mode
 * the table goes to stderr so that stdout holds only the JSON object.
 */
export function printTable(title: string, headers: string[], rows: Cell[][], opts: { json?: boolean } = {}): void {
  const cells = rows.map((r) => r.map(formatCell));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [
    title,
    line(headers),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((r) => line(headers.map((_, i) => r[i] ?? ''))),
    '',
  ].join('\n');
  (opts.json ? process.stderr : process.stdout).write(out + '\n');
}

/**
 * Emits the scenario's one JSON object. Under `npm run bench` the runner passes a file
 * (FAIR_BENCH_JSON_OUT) and prints it itself, so a stray stdout line from a library cannot
 * break the JSON; run directly, the object goes to stdout.
 */
export function emitJson(value: unknown): void {
  const text = JSON.stringify(value, null, 2);
  const file = process.env.FAIR_BENCH_JSON_OUT;
  if (file) writeFileSync(file, text);
  else process.stdout.write(text + '\n');
}

/** Rounds for display and JSON: figures with more digits than the noise are misleading. */
export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
