import { Module } from '@nestjs/common';
import { CoreModule } from '@fair/core';
import { DbModule } from '@fair/db';
import { JobsModule } from '@fair/jobs';
import { MailModule } from '@fair/mail';
import { AuthHttpModule, AuthModule } from '@fair/auth';
import { FairsHttpModule } from '@fair/fairs';
import { ExhibitorsHttpModule } from '@fair/exhibitors';
import { VisitorsHttpModule } from '@fair/visitors';
import { CheckinHttpModule } from '@fair/checkin';
import { MatchmakingHttpModule } from '@fair/matchmaking';
import { BoothsHttpModule } from '@fair/booths';
import { LeadsHttpModule } from '@fair/leads';
import { ReportsHttpModule } from '@fair/reports';
import { HealthController } from './health.controller';

/** The HTTP app: every domain's HTTP module, on the shared core, database and queues. */
@Module({
  imports: [CoreModule, DbModule, JobsModule, MailModule, AuthModule, AuthHttpModule, FairsHttpModule, VisitorsHttpModule, CheckinHttpModule, ExhibitorsHttpModule, MatchmakingHttpModule, BoothsHttpModule, LeadsHttpModule, ReportsHttpModule],
  controllers: [HealthController],
})
export class ApiModule {}
