import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntity } from './outbox.entity';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { QUEUES } from './job-types';
import { JobProducer } from './job.producer';
import { OutboxService } from './outbox.service';
import { redisOptions } from './redis-options';

/** A plain ioredis client for counters and health (keys must start with REDIS_PREFIX). */
export const REDIS = Symbol('REDIS');

/** Queues (producer side) and the outbox writer, for api, worker and cli alike. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.REDIS_URL) as ConnectionOptions,
        prefix: config.REDIS_PREFIX,
      }),
    }),
    BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
    TypeOrmModule.forFeature([OutboxEntity]),
  ],
  providers: [
    JobProducer,
    OutboxService,
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new Redis(redisOptions(config.REDIS_URL)),
    },
  ],
  exports: [JobProducer, OutboxService, BullModule, REDIS],
})
export class JobsModule implements OnModuleDestroy {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
