import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOBS, type JobName, type JobPayloads, type QueueName } from './job-types';

/**
 * Adds jobs straight to BullMQ (for work whose loss is harmless or that is re-derivable,
 * like tallies). Work that must happen once goes through OutboxService instead.
 */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue('mail') mail: Queue,
    @InjectQueue('tallies') tallies: Queue,
    @InjectQueue('booths') booths: Queue,
    @InjectQueue('reports') reports: Queue,
    @InjectQueue('matchmaking') matchmaking: Queue,
  ) {
    this.queues = { mail, tallies, booths, reports, matchmaking };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  allQueues(): Queue[] {
    return Object.values(this.queues);
  }

  /** Job options from the job list; a jobId makes the add idempotent while the job exists. */
  optionsFor(name: JobName, extra: JobsOptions = {}): JobsOptions {
    const spec = JOBS[name];
    return {
      attempts: spec.attempts,
      backoff: { type: 'exponential', delay: spec.backoffMs },
      removeOnComplete: { age: 3600, count: 10000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      ...extra,
    };
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], extra: JobsOptions = {}): Promise<string | undefined> {
    const job = await this.queues[JOBS[name].queue].add(name, payload, this.optionsFor(name, extra));
    return job.id;
  }
}
