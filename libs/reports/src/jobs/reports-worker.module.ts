import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports.module';
import { ReportGenerateJob } from './report-generate.job';

/** Worker side of reports: the post-fair report job. */
@Module({ imports: [ReportsModule], providers: [ReportGenerateJob] })
export class ReportsWorkerModule {}
