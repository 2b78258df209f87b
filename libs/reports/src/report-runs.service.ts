import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, AuditService } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { OutboxService } from '@fair/jobs';
import { queryReturning } from '@fair/db';
import { PostFairReportBuilder } from './post-fair-report';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';
import type { Lang } from './report-labels';
import { ReportErrors } from './reports.errors';

export interface ReportRunView {
  id: string;
  fairId: string;
  lang: Lang;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIEW = `id, fair_id, lang, status, progress, step, error, created_at, finished_at`;
const view = (r: Record<string, unknown>): ReportRunView => ({
  id: r.id as string,
  fairId: r.fair_id as string,
  lang: r.lang as Lang,
  status: r.status as ReportRunView['status'],
  progress: Number(r.progress),
  step: r.step as string,
  error: (r.error as string | null) ?? null,
  createdAt: new Date(r.created_at as string).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at as string).toISOString() : null,
});

/** Post-fair report runs: queued by the organiser, built by the `reports.generate` job with progress. */
@Injectable()
export class ReportRunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly builder: PostFairReportBuilder,
  ) {}

  async start(actor: Actor, fairRef: string, lang: Lang): Promise<ReportRunView> {
    const fair = await this.fairs.get(fairRef);
    return this.db.transaction(async (m) => {
      const [row] = await queryReturning<Record<string, unknown>>(m, `INSERT INTO report_runs (fair_id, lang, created_by) VALUES ($1, $2, $3) RETURNING ${VIEW}`, [fair.id, lang, actor.userId]);
      await this.outbox.enqueue(m, 'reports.generate', { runId: row!.id as string }, { dedupeKey: `report:${row!.id}` });
      await this.audit.record(m, actor, { action: 'report.generate', entity: 'report_run', entityId: row!.id as string, fairId: fair.id, after: { lang } });
      return view(row!);
    });
  }

  async get(runId: string): Promise<ReportRunView> {
    if (!UUID.test(runId)) throw ReportErrors.REPORT_NOT_FOUND();
    const [row] = await this.db.query(`SELECT ${VIEW} FROM report_runs WHERE id = $1`, [runId]);
    if (!row) throw ReportErrors.REPORT_NOT_FOUND();
    return view(row);
  }

  async output(runId: string, what: 'report' | 'csv' | 'pdf'): Promise<unknown> {
    const run = await this.get(runId);
    if (run.status !== 'done') throw ReportErrors.REPORT_NOT_READY({ status: run.status, progress: run.progress });
    const [row] = await this.db.query(`SELECT ${what} AS out FROM report_runs WHERE id = $1`, [runId]);
    return row.out;
  }

  /** The job: builds every output, writing progress between sections; a rerun starts over. */
  async generate(runId: string): Promise<void> {
    const [run] = await this.db.query(`SELECT fair_id, lang, status FROM report_runs WHERE id = $1`, [runId]);
    if (!run || run.status === 'done') return;
    const fair = await this.fairs.get(run.fair_id);
    const progress = async (step: string, done: number) => {
      // sections are 0..100 of the data; rendering takes the last part
      await this.db.query(`UPDATE report_runs SET status = 'running', step = $2, progress = $3 WHERE id = $1 AND status <> 'done'`, [runId, step, Math.round(done * 0.8)]);
    };
    try {
      const report = await this.builder.build(fair, run.lang, progress);
      await progress('csv', 100);
      const csv = reportCsv(report);
      await this.db.query(`UPDATE report_runs SET step = 'pdf', progress = 90 WHERE id = $1`, [runId]);
      const pdf = await reportPdf(report);
      await this.db.query(
        `UPDATE report_runs SET status = 'done', step = 'done', progress = 100, report = $2, csv = $3, pdf = $4, error = NULL, finished_at = now() WHERE id = $1`,
        [runId, JSON.stringify(report), csv, pdf],
      );
    } catch (err) {
      await this.db.query(`UPDATE report_runs SET error = $2 WHERE id = $1`, [runId, String((err as Error).message ?? err).slice(0, 2000)]);
      throw err;
    }
  }
}
