import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { ReportRunsService } from '../report-runs.service';

@Injectable()
export class ReportGenerateJob {
  constructor(private readonly runs: ReportRunsService) {}

  @HandlesJob('reports.generate')
  async handle(payload: JobPayloads['reports.generate']): Promise<void> {
    await this.runs.generate(payload.runId);
  }
}
