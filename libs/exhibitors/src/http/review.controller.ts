import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { ExhibitorImportService } from '../exhibitor-import.service';
import { ExhibitorTransitionsService } from '../exhibitor-transitions.service';
import { exhibitorView } from '../exhibitor.view';
import { ExhibitorsService } from '../exhibitors.service';
import { FairsService } from '@fair/fairs';
import { ImportCsvDto } from '@fair/fairs';
import { ReviewService } from '../review.service';
import { ApplicationQueryDto, DecisionDto, OriginDto, ReasonDto } from './review.dto';

/** Organisers review applications: list, open, decide; import lists; read the request totals. */
@ApiTags('exhibitor review')
@ApiBearerAuth()
@Roles('organiser')
@Controller()
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly transitions: ExhibitorTransitionsService,
    private readonly importer: ExhibitorImportService,
    private readonly exhibitors: ExhibitorsService,
    private readonly fairs: FairsService,
  ) {}

  @Get('fairs/:fair/exhibitor-applications')
  async list(@Param('fair') fair: string, @Query() query: ApplicationQueryDto) {
    const { total, items } = await this.review.list(fair, query);
    return { total, items: items.map((e) => exhibitorView(e)) };
  }

  @Get('exhibitor-applications/:id')
  async get(@Param('id') id: string) {
    return exhibitorView(await this.review.get(id));
  }

  @Post('exhibitor-applications/:id/start-review')
  @HttpCode(200)
  startReview(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'start-review');
  }

  @Post('exhibitor-applications/:id/approve')
  @HttpCode(200)
  approve(@Param('id') id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'approve', { reason: body.note });
  }

  @Post('exhibitor-applications/:id/reject')
  @HttpCode(200)
  reject(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'reject', { reason: body.reason });
  }

  @Post('exhibitor-applications/:id/request-changes')
  @HttpCode(200)
  requestChanges(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'request-changes', { reason: body.reason });
  }

  @Patch('exhibitor-applications/:id/origin')
  async origin(@Param('id') id: string, @Body() body: OriginDto, @CurrentActor() actor: Actor) {
    return exhibitorView(await this.review.overrideOrigin(actor, id, body.origin));
  }

  /** Columns: legal_name, country, tax_id, address, contact_name, email, phone, sectors (a|b) [, name_vi, name_en, website, products, lang, booths_international, booths_domestic, booths_technical_matchmaking, booths_technical_workshop]. */
  @Post('fairs/:fair/exhibitors/import')
  @ApiConsumes('application/json', 'text/csv')
  import(@Param('fair') fair: string, @Body() body: ImportCsvDto, @CurrentActor() actor: Actor) {
    return this.importer.import(actor, fair, body.csv);
  }

  /** Approved exhibitors and the booths they asked for: what booth allocation starts from. */
  @Get('fairs/:fair/exhibitor-requests')
  async requests(@Param('fair') fair: string) {
    const fairId = (await this.fairs.get(fair)).id;
    const [totals, exhibitors] = await Promise.all([this.exhibitors.approvedTotals(fairId), this.exhibitors.approvedRequests(fairId)]);
    return { ...totals, items: exhibitors };
  }
}
