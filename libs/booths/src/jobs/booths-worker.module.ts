import { Module } from '@nestjs/common';
import { BoothsModule } from '../booths.module';
import { BoothMailTemplates } from './booth-mail.templates';
import { HoldExpiryJob } from './hold-expiry.job';
import { TurnExpiryJob } from './turn-expiry.job';

/** Booth jobs (hold expiry, missed turns) and the booth email template. Imported by apps/worker only. */
@Module({ imports: [BoothsModule], providers: [BoothMailTemplates, HoldExpiryJob, TurnExpiryJob] })
export class BoothsWorkerModule {}
