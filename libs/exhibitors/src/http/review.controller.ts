import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { ExhibitorBoothCodes } from '../exhibitor-booth-codes';
import type { ExhibitorEntity } from '../exhibitor.entity';
import { ExhibitorImportService } from '../exhibitor-import.service';
import { ExhibitorTransitionsService } from '../exhibitor-transitions.service';
import { exhibitorView } from '../exhibitor.view';
import { ExhibitorsService } from '../exhibitors.service';
import { FairsService } from '@fair/fairs';
import { ImportCsvDto } from '@fair/fairs';
import { ReviewService } from '../review.service';
import { ApplicationQueryDto, DecisionDto, OriginDto, ReasonDto } from './review.dto';
import { ApprovedRequestsDto, ExhibitorImportResultDto, ExhibitorListDto, ExhibitorTransitionDto, ExhibitorViewDto } from './views.dto';

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
    private readonly boothCodes: ExhibitorBoothCodes,
  ) {}

  /** Applications as organisers see them, with the booths assigned to each (one lookup for all). */
  private async views(rows: ExhibitorEntity[]) {
    const codes = rows.length ? await this.boothCodes.codes(rows[0]!.fairId, rows.map((e) => e.id)) : new Map<string, string[]>();
    return rows.map((e) => exhibitorView(e, codes.get(e.id) ?? []));
  }

  @Get('fairs/:fair/exhibitor-applications')
  @ApiOkResponse({ type: ExhibitorListDto })
  async list(@Param('fair') fair: string, @Query() query: ApplicationQueryDto) {
    const { total, items } = await this.review.list(fair, query);
    return { total, items: await this.views(items) };
  }

  @Get('exhibitor-applications/:id')
  @ApiOkResponse({ type: ExhibitorViewDto })
  async get(@Param('id') id: string) {
    return (await this.views([await this.review.get(id)]))[0];
  }

  @Post('exhibitor-applications/:id/start-review')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  startReview(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'start-review');
  }

  @Post('exhibitor-applications/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  approve(@Param('id') id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'approve', { reason: body.note });
  }

  @Post('exhibitor-applications/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  reject(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'reject', { reason: body.reason });
  }

  @Post('exhibitor-applications/:id/request-changes')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  requestChanges(@Param('id') id: string, @Body() body: ReasonDto, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'request-changes', { reason: body.reason });
  }

  @Patch('exhibitor-applications/:id/origin')
  @ApiOkResponse({ type: ExhibitorViewDto })
  async origin(@Param('id') id: string, @Body() body: OriginDto, @CurrentActor() actor: Actor) {
    return (await this.views([await this.review.overrideOrigin(actor, id, body.origin)]))[0];
  }

  /** Columns: legal_name, country, tax_id, address, contact_name, email, phone, sectors (a|b) [, name_vi, name_en, website, products, lang, booths_international, booths_domestic, booths_technical_matchmaking, booths_technical_workshop]. */
  @Post('fairs/:fair/exhibitors/import')
  @ApiConsumes('application/json', 'text/csv')
  @ApiCreatedResponse({ type: ExhibitorImportResultDto })
  import(@Param('fair') fair: string, @Body() body: ImportCsvDto, @CurrentActor() actor: Actor) {
    return this.importer.import(actor, fair, body.csv);
  }

  /** Approved exhibitors and the booths they asked for: what booth allocation starts from. */
  @Get('fairs/:fair/exhibitor-requests')
  @ApiOkResponse({ type: ApprovedRequestsDto })
  async requests(@Param('fair') fair: string) {
    const fairId = (await this.fairs.get(fair)).id;
    const [totals, exhibitors] = await Promise.all([this.exhibitors.approvedTotals(fairId), this.exhibitors.approvedRequests(fairId)]);
    return { ...totals, items: exhibitors };
  }
}
