import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobDispatcher } from './job.dispatcher';
import { OutboxRelay } from './outbox.relay';
import { queueProcessors } from './queue.processors';
import { SystemJobs } from './system.jobs';

/** Worker side of the job system: processors, dispatcher, outbox relay. Imported by apps/worker only. */
@Module({
  imports: [DiscoveryModule],
  providers: [JobDispatcher, OutboxRelay, SystemJobs, ...queueProcessors()],
  exports: [JobDispatcher, OutboxRelay],
})
export class JobsWorkerModule {}
