import { Module } from '@nestjs/common';
import { CoreModule } from '@fair/core';
import { DbModule } from '@fair/db';
import { JobsModule } from '@fair/jobs';
import { JobsWorkerModule } from '@fair/jobs/worker';
import { MailModule, MailWorkerModule } from '@fair/mail';
import { AuthModule } from '@fair/auth';
import { VisitorsWorkerModule } from '@fair/visitors';
import { CheckinWorkerModule } from '@fair/checkin';
import { ExhibitorsWorkerModule } from '@fair/exhibitors';
import { BoothsWorkerModule } from '@fair/booths';
import { MatchmakingWorkerModule } from '@fair/matchmaking';
import { ReportsWorkerModule } from '@fair/reports';

/** The worker: every domain's job handlers, the mail sender and the outbox relay. No HTTP. */
@Module({
  imports: [CoreModule, DbModule, JobsModule, AuthModule, MailModule, JobsWorkerModule, MailWorkerModule, VisitorsWorkerModule, CheckinWorkerModule, ExhibitorsWorkerModule, BoothsWorkerModule, MatchmakingWorkerModule, ReportsWorkerModule],
})
export class WorkerModule {}
