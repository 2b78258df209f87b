import type { Command } from 'commander';
import { runMigrations } from '../data-source';
import { withDatabase } from '../runtime/context';
import { print } from '../runtime/output';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Run pending database migrations / Chạy các migration còn thiếu')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const applied = await withDatabase((db) => runMigrations(db.url));
      print(opts, { applied }, () => (applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.'));
    });
}
