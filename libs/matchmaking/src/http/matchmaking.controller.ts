import { Body, Controller, Get, Header, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { MatchmakingErrors } from '../matchmaking.errors';
import { MatchmakingSettingsService } from '../matchmaking-settings.service';
import { MeetingRequestsService } from '../meeting-requests.service';
import { ParticipantsService } from '../participants.service';
import { AgendaService } from '../agenda.service';
import { agendaIcs } from '../agenda-ics';
import { MeetingCheckinService } from '../meeting-checkin.service';
import { ParticipantRequestsService } from '../participant-requests.service';
import { AcceptedDto, AgendaDto, AgendaEmailDto, JoinedDto, MeetingCheckInDto, MeetingRequestDto, MeetingRequestViewDto, MyRequestDto, OptInDto, ProfileDto, RecommendationDto, SettingsDto, SettingsViewDto, VisitorJoinDto, VisitorTokenReissueDto } from './matchmaking.dto';

/** participant endpoints authenticate with the personal token given at opt-in: header x-participant-token */
@ApiTags('matchmaking')
@Controller('matchmaking')
export class MatchmakingController {
  constructor(
    private readonly fairs: FairsService,
    private readonly participants: ParticipantsService,
    private readonly settings: MatchmakingSettingsService,
    private readonly requests: MeetingRequestsService,
    private readonly agendas: AgendaService,
    private readonly checkin: MeetingCheckinService,
    private readonly mine: ParticipantRequestsService,
  ) {}

  @Roles('organiser')
  @ApiBearerAuth()
  @Put('fairs/:fair/settings')
  @ApiOkResponse({ type: SettingsViewDto })
  setSettings(@Param('fair') fair: string, @Body() body: SettingsDto, @CurrentActor() actor: Actor) {
    return this.settings.set(actor, fair, { ...body, utcOffset: body.utcOffset ?? '+07:00' });
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Get('fairs/:fair/settings')
  @ApiOkResponse({ type: SettingsViewDto })
  async getSettings(@Param('fair') fair: string) {
    return this.settings.get((await this.fairs.get(fair)).id);
  }

  /** organisers opt participants in (exhibitor portal and visitor app call the same service) */
  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/participants')
  @ApiCreatedResponse({ type: JoinedDto })
  async optIn(@Param('fair') fair: string, @Body() body: OptInDto) {
    if (!body.exhibitorId === !body.visitorId) throw MatchmakingErrors.MM_SUBJECT_NOT_FOUND();
    const { exhibitorId, visitorId, availability, ...profile } = body;
    const r = await this.participants.optIn(fair, { exhibitorId, visitorId }, { ...profile, availability: availability ?? [] });
    return { participantId: r.participant.id, token: r.token };
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Get('recommendations')
  @ApiOkResponse({ type: [RecommendationDto] })
  async recommendations(@Headers('x-participant-token') token: string | undefined) {
    return this.participants.recommendations(await this.participants.byToken(token));
  }

  /** my requests, received (in) and sent (out), newest first */
  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Get('requests')
  @ApiOkResponse({ type: [MyRequestDto] })
  async myRequests(@Headers('x-participant-token') token: string | undefined) {
    return this.mine.list(await this.participants.byToken(token));
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests')
  @ApiCreatedResponse({ type: MeetingRequestViewDto })
  async request(@Headers('x-participant-token') token: string | undefined, @Body() body: MeetingRequestDto): Promise<MeetingRequestViewDto> {
    const me = await this.participants.byToken(token);
    return this.requests.request(me, body.to, body);
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedDto })
  async accept(@Headers('x-participant-token') token: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<AcceptedDto> {
    return this.requests.accept(await this.participants.byToken(token), id);
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingRequestViewDto })
  async decline(@Headers('x-participant-token') token: string | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingRequestViewDto> {
    return this.requests.decline(await this.participants.byToken(token), id);
  }

  /** a signed-in exhibitor opts its company in */
  @Roles('exhibitor')
  @ApiBearerAuth()
  @Post('fairs/:fair/join/exhibitor')
  @ApiCreatedResponse({ type: JoinedDto })
  async joinAsExhibitor(@Param('fair') fair: string, @Body() body: ProfileDto, @CurrentActor() actor: Actor) {
    const { availability, ...profile } = body;
    const r = await this.participants.joinAsExhibitor(actor, fair, { ...profile, availability: availability ?? [] });
    return { participantId: r.participant.id, token: r.token };
  }

  /**
   * the signed-in exhibitor, already joined, uses matchmaking on another device: a new token for
   * its participant; the previous token stops working
   */
  @Roles('exhibitor')
  @ApiBearerAuth()
  @Post('fairs/:fair/join/exhibitor/reissue')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinedDto })
  async reissueExhibitorToken(@Param('fair') fair: string, @CurrentActor() actor: Actor) {
    const r = await this.participants.reissueExhibitorToken(actor, fair);
    return { participantId: r.participant.id, token: r.token };
  }

  /** a registered visitor opts in with the QR pass code from their pass email */
  @Public()
  @Post('fairs/:fair/join/visitor')
  @ApiCreatedResponse({ type: JoinedDto })
  async joinAsVisitor(@Param('fair') fair: string, @Body() body: VisitorJoinDto) {
    const { passCode, availability, ...profile } = body;
    const r = await this.participants.joinAsVisitor(fair, passCode, { ...profile, availability: availability ?? [] });
    return { participantId: r.participant.id, token: r.token };
  }

  /**
   * a visitor who joined uses matchmaking on another device: the pass code proves who they are
   * again; a new token for their own participant, the previous token stops working
   */
  @Public()
  @Post('fairs/:fair/join/visitor/reissue')
  @HttpCode(200)
  @ApiOkResponse({ type: JoinedDto })
  async reissueVisitorToken(@Param('fair') fair: string, @Body() body: VisitorTokenReissueDto) {
    const r = await this.participants.reissueVisitorToken(fair, body.passCode);
    return { participantId: r.participant.id, token: r.token };
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Get('agenda')
  @ApiOkResponse({ type: AgendaDto })
  async agenda(@Headers('x-participant-token') token: string | undefined) {
    return this.agendas.agenda(await this.participants.byToken(token));
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Get('agenda.ics')
  @ApiProduces('text/calendar')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="agenda.ics"')
  @ApiOkResponse({ description: 'iCalendar file', content: { 'text/calendar': { schema: { type: 'string' } } } })
  async agendaIcs(@Headers('x-participant-token') token: string | undefined) {
    return agendaIcs(await this.agendas.agenda(await this.participants.byToken(token)));
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('agenda/email')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendaEmailDto })
  async emailAgenda(@Headers('x-participant-token') token: string | undefined) {
    return this.agendas.email(await this.participants.byToken(token));
  }

  /** a participant confirms in the app that the meeting is taking place */
  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('meetings/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingCheckInDto })
  async confirm(@Headers('x-participant-token') token: string | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.checkin.confirm(await this.participants.byToken(token), id);
  }
}
