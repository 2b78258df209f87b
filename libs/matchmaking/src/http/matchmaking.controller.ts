import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '@fair/auth';
import { MatchmakingErrors } from '../matchmaking.errors';
import { MatchmakingSettingsService } from '../matchmaking-settings.service';
import { MeetingRequestsService } from '../meeting-requests.service';
import { ParticipantsService } from '../participants.service';
import { MeetingRequestDto, OptInDto, SettingsDto } from './matchmaking.dto';

/** participant endpoints authenticate with the personal token given at opt-in: header x-participant-token */
@ApiTags('matchmaking')
@Controller('matchmaking')
export class MatchmakingController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly settings: MatchmakingSettingsService,
    private readonly requests: MeetingRequestsService,
  ) {}

  @Roles('organiser')
  @ApiBearerAuth()
  @Put('fairs/:fair/settings')
  setSettings(@Param('fair') fair: string, @Body() body: SettingsDto, @CurrentActor() actor: Actor) {
    return this.settings.set(actor, fair, { ...body, utcOffset: body.utcOffset ?? '+07:00' });
  }

  /** organisers opt participants in (exhibitor portal and visitor app call the same service) */
  @Roles('organiser')
  @ApiBearerAuth()
  @Post('fairs/:fair/participants')
  async optIn(@Param('fair') fair: string, @Body() body: OptInDto) {
    if (!body.exhibitorId === !body.visitorId) throw MatchmakingErrors.MM_SUBJECT_NOT_FOUND();
    const { exhibitorId, visitorId, availability, ...profile } = body;
    const r = await this.participants.optIn(fair, { exhibitorId, visitorId }, { ...profile, availability: availability ?? [] });
    return { participantId: r.participant.id, token: r.token };
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Get('recommendations')
  async recommendations(@Headers('x-participant-token') token: string | undefined) {
    return this.participants.recommendations(await this.participants.byToken(token));
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests')
  async request(@Headers('x-participant-token') token: string | undefined, @Body() body: MeetingRequestDto) {
    const me = await this.participants.byToken(token);
    return this.requests.request(me, body.to, body);
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests/:id/accept')
  @HttpCode(200)
  async accept(@Headers('x-participant-token') token: string | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.accept(await this.participants.byToken(token), id);
  }

  @Public()
  @ApiHeader({ name: 'x-participant-token' })
  @Post('requests/:id/decline')
  @HttpCode(200)
  async decline(@Headers('x-participant-token') token: string | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.decline(await this.participants.byToken(token), id);
  }
}
