import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfigOrExit } from '@fair/core';
import { registerFairs } from './commands/fairs.command';
import { registerMigrate } from './commands/migrate.command';
import { registerSeed } from './commands/seed.command';
import { registerSimulate } from './commands/simulate.command';
import { registerStart } from './commands/start.command';
import { registerUserCreate } from './commands/user-create.command';

async function main(): Promise<void> {
  loadConfigOrExit();
  const program = new Command()
    .name('cli')
    .description('Fair management: operator commands / Lệnh vận hành hệ thống hội chợ')
    .showHelpAfterError();
  for (const register of [registerStart, registerMigrate, registerSeed, registerUserCreate, registerFairs, registerSimulate]) register(program);
  await program.parseAsync(process.argv);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? '' : 'error: '}${(err as Error).message}\n`);
  process.exit(1);
});
