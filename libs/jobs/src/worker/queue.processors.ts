import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { appConfig, configSchema } from '@fair/core';
import type { QueueName } from '../job-types';
import { JobDispatcher } from './job.dispatcher';

/** One @nestjs/bullmq processor per queue, all handing jobs to the dispatcher. */
function processorFor(queue: QueueName, extra: Record<string, unknown> = {}) {
  @Processor(queue, { concurrency: setting('WORKER_CONCURRENCY'), ...extra })
  class QueueProcessor extends WorkerHost {
    constructor(readonly dispatcher: JobDispatcher) {
      super();
    }
    process(job: Job): Promise<unknown> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0]!.toUpperCase()}${queue.slice(1)}QueueProcessor` });
  return QueueProcessor;
}

/**
 * Decorator options are read when this file is imported, which can be before main() validates
 * the configuration (the CLI imports the worker module): a bad value falls back to the default
 * here, and main() then stops with its one-line message.
 */
function setting(name: 'WORKER_CONCURRENCY' | 'MAIL_RATE_PER_SECOND'): number {
  try {
    return appConfig()[name];
  } catch {
    return configSchema.shape[name].parse(undefined);
  }
}

export function queueProcessors() {
  return [
    // The mail queue's limiter holds every worker process to the SMTP rate together.
    processorFor('mail', { limiter: { max: setting('MAIL_RATE_PER_SECOND'), duration: 1000 } }),
    processorFor('tallies'),
    processorFor('booths'),
    processorFor('reports'),
    processorFor('matchmaking'),
  ];
}
