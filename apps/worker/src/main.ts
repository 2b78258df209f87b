import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@fair/core';
import { JobDispatcher } from '@fair/jobs/worker';
import { WorkerModule } from './worker.module';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const jobs = app.get(JobDispatcher).handledJobs();
  new Logger('Worker').log(`ready: ${jobs.length} job types (${jobs.join(', ')})`);
}

main().catch((err) => {
  process.stderr.write(`worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
