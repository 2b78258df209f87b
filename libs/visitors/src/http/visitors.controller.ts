import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { InvitationsService } from '../invitations.service';
import { PassesService } from '../passes.service';
import { PassLookupService } from '../pass-lookup.service';
import { QrKeysService } from '../qr-keys.service';
import { VisitorsService } from '../visitors.service';
import { VISITOR_TYPES, type VisitorType } from '../visitor-types';
import { VisitorErrors } from '../visitors.errors';
import {
  AddVisitorDto,
  BatchProgressDto,
  CancelPassDto,
  ImportVisitorsDto,
  InvitationsQueuedDto,
  PassPublicKeysDto,
  PublicPassDto,
  RegisteredDto,
  RegisterVisitorDto,
  ReissueDto,
  ReissuedPassDto,
  RevocationListDto,
  SendInvitationsDto,
  VisitorDto,
  VisitorImportResultDto,
  VisitorListDto,
} from './visitors.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('visitors')
@Controller('visitors')
export class VisitorsController {
  constructor(
    private readonly visitors: VisitorsService,
    private readonly passes: PassesService,
    private readonly invitations: InvitationsService,
    private readonly keys: QrKeysService,
    private readonly fairs: FairsService,
    private readonly passLookup: PassLookupService,
  ) {}

  /** The "my pass" page: badge details (name, company, type, validity) for a pass code signed by the fair. */
  @Public()
  @Get('fairs/:fair/my-pass')
  @ApiOkResponse({ type: PublicPassDto })
  async myPass(@Param('fair') fairRef: string, @Query('code') code?: string) {
    if (!code) throw VisitorErrors.PASS_NOT_FOUND();
    return this.passLookup.byCode((await this.fairs.get(fairRef)).id, code);
  }

  @Public()
  @Post('fairs/:fair/register')
  @ApiCreatedResponse({ type: RegisteredDto })
  register(@Param('fair') fair: string, @Body() body: RegisterVisitorDto) {
    return this.visitors.register(fair, { ...body, company: body.company ?? '', phone: body.phone ?? null, sectors: body.sectors ?? [] });
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair')
  @ApiCreatedResponse({ type: VisitorDto })
  add(@Param('fair') fair: string, @Body() body: AddVisitorDto, @CurrentActor() actor: Actor) {
    return this.visitors.add(actor, fair, { ...body, company: body.company ?? '', phone: body.phone ?? null, sectors: body.sectors ?? [] });
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/import')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiOkResponse({ type: VisitorImportResultDto })
  import(@Param('fair') fair: string, @Body() body: ImportVisitorsDto, @CurrentActor() actor: Actor) {
    return this.visitors.importCsv(actor, fair, body.csv);
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Get('fairs/:fair')
  @ApiOkResponse({ type: VisitorListDto })
  list(@Param('fair') fair: string, @Query('type') type?: string, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const visitorType = VISITOR_TYPES.includes(type as VisitorType) ? (type as VisitorType) : undefined;
    const lim = Math.min(Math.max(Number(limit) || 100, 1), 1000);
    return this.visitors.list(fair, { visitorType, limit: lim, offset: Math.max(Number(offset) || 0, 0) });
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/passes/:pass/reissue')
  @HttpCode(200)
  @ApiOkResponse({ type: ReissuedPassDto })
  async reissue(@Param('fair') fairRef: string, @Param('pass') passId: string, @Body() body: ReissueDto, @CurrentActor() actor: Actor) {
    if (!UUID.test(passId)) throw VisitorErrors.PASS_NOT_FOUND();
    const fair = await this.fairs.get(fairRef);
    const pass = await this.passes.reissue(actor, passId, fair, async (m, p) => {
      if (body.sendInvitation !== false) await this.invitations.queueForPasses(m, fair, [p.id]);
    });
    return { passId: pass.id, serial: Number(pass.serial), issue: pass.issue };
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/passes/:pass/cancel')
  @HttpCode(204)
  @ApiNoContentResponse()
  async cancel(@Param('fair') fairRef: string, @Param('pass') passId: string, @Body() body: CancelPassDto, @CurrentActor() actor: Actor) {
    if (!UUID.test(passId)) throw VisitorErrors.PASS_NOT_FOUND();
    const fair = await this.fairs.get(fairRef);
    await this.passes.cancel(actor, passId, fair.id, body.reason);
  }

  /** For gates: what to refuse even when the signature is good. */
  @Roles('organiser', 'gate')
  @ApiBearerAuth()
  @Get('fairs/:fair/revocations')
  @ApiOkResponse({ type: RevocationListDto })
  async revocations(@Param('fair') fairRef: string) {
    const fair = await this.fairs.get(fairRef);
    return { fairId: fair.id, revocations: await this.passes.revocations(fair.id) };
  }

  /** Public keys are public: anyone may verify a pass, nobody can mint one from these. */
  @Public()
  @Get('fairs/:fair/public-keys')
  @ApiOkResponse({ type: PassPublicKeysDto })
  async publicKeys(@Param('fair') fairRef: string) {
    const fair = await this.fairs.get(fairRef);
    return { fairId: fair.id, keys: await this.keys.publicKeys(fair.id) };
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/keys/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: PassPublicKeysDto })
  async rotate(@Param('fair') fairRef: string, @CurrentActor() actor: Actor) {
    const fair = await this.fairs.get(fairRef);
    return { fairId: fair.id, keys: await this.keys.rotate(actor, fair.id) };
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/invitations')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InvitationsQueuedDto })
  async sendInvitations(@Param('fair') fairRef: string, @Body() body: SendInvitationsDto, @CurrentActor() actor: Actor) {
    const fair = await this.fairs.get(fairRef);
    return this.invitations.send(actor, fair, body);
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Get('invitation-batches/:batch')
  @ApiOkResponse({ type: BatchProgressDto })
  progress(@Param('batch') batch: string) {
    return this.invitations.progress(batch);
  }
}
