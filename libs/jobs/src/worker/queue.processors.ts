import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { appConfig } from '@fair/core';
import type { QueueName } from '../job-types';
import { JobDispatcher } from './job.dispatcher';

/** One @nestjs/bullmq processor per queue, all handing jobs to the dispatcher. */
function processorFor(queue: QueueName, extra: Record<string, unknown> = {}) {
  @Processor(queue, { concurrency: appConfig().WORKER_CONCURRENCY, ...extra })
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

export function queueProcessors() {
  const config = appConfig();
  return [
    // The mail queue's limiter holds every worker process to the SMTP rate together.
    processorFor('mail', { limiter: { max: config.MAIL_RATE_PER_SECOND, duration: 1000 } }),
    processorFor('tallies'),
    processorFor('booths'),
    processorFor('reports'),
    processorFor('matchmaking'),
  ];
}
