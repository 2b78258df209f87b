/** Prints JSON with --json, else the human text. */
export function print(opts: { json?: boolean }, data: unknown, human: () => string): void {
  process.stdout.write((opts.json ? JSON.stringify(data, null, 2) : human()) + '\n');
}
