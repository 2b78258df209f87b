export * from './job.dispatcher';
export * from './outbox.relay';
export * from './jobs-worker.module';
