import { Module } from '@nestjs/common';
import { AuthModule } from '@fair/auth';
import { CheckinModule } from '@fair/checkin';
import { FairsModule } from '@fair/fairs';
import { MatchmakingModule } from '@fair/matchmaking';
import { LiveFiguresService } from './live-figures.service';
import { PostFairReportBuilder } from './post-fair-report';
import { ReconciliationService } from './reconciliation.service';
import { ReportRunsService } from './report-runs.service';
import { ReportsController } from './http/reports.controller';

const SERVICES = [LiveFiguresService, ReconciliationService, PostFairReportBuilder, ReportRunsService];

/** Read models over several domains: live figures, tally reconciliation, the post-fair report. */
@Module({ imports: [AuthModule, FairsModule, CheckinModule, MatchmakingModule], providers: SERVICES, exports: SERVICES })
export class ReportsModule {}

@Module({ imports: [ReportsModule, FairsModule], controllers: [ReportsController] })
export class ReportsHttpModule {}
