import { Module } from '@nestjs/common';
import { TallyStore } from './tally.store';

/** Generic counters in Redis (the REDIS client comes from the global JobsModule). */
@Module({ providers: [TallyStore], exports: [TallyStore] })
export class TalliesModule {}
