import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { LiveFiguresService } from '../live-figures.service';
import { PostFairReportBuilder } from '../post-fair-report';
import { ReconciliationService } from '../reconciliation.service';
import { ReportRunsService } from '../report-runs.service';
import { LiveFiguresDto, PostFairReportDto, ReconciliationDto, ReportRunDto, StartReportDto } from './reports.dto';

const lang = (l?: string) => (l === 'en' ? 'en' : 'vi');

@ApiTags('reports')
@ApiBearerAuth()
@Roles('organiser')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly fairs: FairsService,
    private readonly live: LiveFiguresService,
    private readonly reconciliation: ReconciliationService,
    private readonly builder: PostFairReportBuilder,
    private readonly runs: ReportRunsService,
  ) {}

  /** Live figures: visits, inside, arrivals per hour, gates, types, countries, booths, exhibitors, meetings, leads. */
  @Get('fairs/:fair/live')
  @ApiOkResponse({ type: LiveFiguresDto })
  async liveFigures(@Param('fair') fair: string) {
    return this.live.read((await this.fairs.get(fair)).id);
  }

  /** The Redis tallies against a recount of the source tables, counter by counter. */
  @Get('fairs/:fair/reconciliation')
  @ApiOkResponse({ type: ReconciliationDto })
  async reconcile(@Param('fair') fair: string) {
    const f = await this.fairs.get(fair);
    return this.reconciliation.check(f.id, f.timeZone);
  }

  /** The post-fair report as JSON, built now (for the web page; big fairs use a run). */
  @Get('fairs/:fair/post-fair')
  @ApiOkResponse({ type: PostFairReportDto })
  async postFair(@Param('fair') fair: string, @Query('lang') l?: string) {
    return this.builder.build(await this.fairs.get(fair), lang(l));
  }

  /** Queues a post-fair report run (JSON + CSV + PDF) as a background job; poll the run for progress. */
  @Post('fairs/:fair/post-fair/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ReportRunDto })
  start(@Param('fair') fair: string, @Body() body: StartReportDto, @CurrentActor() actor: Actor) {
    return this.runs.start(actor, fair, body.lang ?? 'vi');
  }

  @Get('runs/:run')
  @ApiOkResponse({ type: ReportRunDto })
  run(@Param('run') run: string) {
    return this.runs.get(run);
  }

  @Get('runs/:run/report.json')
  @ApiOkResponse({ type: PostFairReportDto })
  report(@Param('run') run: string) {
    return this.runs.output(run, 'report');
  }

  @Get('runs/:run/report.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="post-fair-report.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the report as CSV (UTF-8 with a BOM)', content: { 'text/csv': { schema: { type: 'string' } } } })
  csv(@Param('run') run: string) {
    return this.runs.output(run, 'csv');
  }

  @Get('runs/:run/report.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the report as PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async pdf(@Param('run') run: string) {
    const pdf = (await this.runs.output(run, 'pdf')) as Buffer;
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: 'attachment; filename="post-fair-report.pdf"' });
  }
}
