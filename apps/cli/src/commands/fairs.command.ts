import type { Command } from 'commander';
import { FairsService } from '@fair/fairs';
import { withCliContext } from '../runtime/context';
import { print } from '../runtime/output';

export function registerFairs(program: Command): void {
  program
    .command('fairs')
    .description('List fairs with their booth counts by kind / Danh sách hội chợ')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const fairs = await withCliContext((ctx) => ctx.get(FairsService).list());
      print(opts, fairs, () =>
        fairs.length === 0
          ? 'No fairs yet (run: npm run cli -- seed).'
          : fairs
              .map(
                (f) =>
                  `${f.slug}  ${f.nameEn}  ${f.startsOn}..${f.endsOn}  booths ${f.booths}: ` +
                  Object.entries(f.boothsByKind)
                    .map(([k, n]) => `${k} ${n}`)
                    .join(', '),
              )
              .join('\n'),
      );
    });
}
