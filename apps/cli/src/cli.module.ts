import { Module } from '@nestjs/common';
import { CoreModule } from '@fair/core';
import { DbModule } from '@fair/db';
import { AuthModule } from '@fair/auth';
import { FairsModule } from '@fair/fairs';

/** What operator commands need: the database and domain services (no queues, no HTTP). */
@Module({ imports: [CoreModule, DbModule, AuthModule, FairsModule] })
export class CliModule {}
