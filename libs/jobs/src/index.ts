export * from './job-types';
export * from './outbox.entity';
export * from './outbox.service';
export * from './job.producer';
export * from './jobs.module';
export * from './handles-job.decorator';
export * from './redis-options';
export * from './rate-limiter';
