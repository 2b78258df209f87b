import type { Command } from 'commander';
import { ReferenceFairSeeder } from '@fair/fairs';
import { withCliContext } from '../runtime/context';
import { print } from '../runtime/output';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description("Create the reference fair (Hanoi Manufacturers' Network 2018, 180 booths); idempotent")
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const result = await withCliContext((ctx) => ctx.get(ReferenceFairSeeder).seed());
      print(opts, result, () =>
        result.created || result.boothsCreated
          ? `Seeded the reference fair (${result.boothsCreated} booths).`
          : 'The reference fair already exists; nothing changed.',
      );
    });
}
