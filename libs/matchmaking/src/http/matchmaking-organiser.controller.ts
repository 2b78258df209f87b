import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import { AgendaService } from '../agenda.service';
import { MeetingCheckinService } from '../meeting-checkin.service';
import { MeetingTalliesReader } from '../meeting-tallies';
import { ProposalsService } from '../proposals.service';
import { TablesService } from '../tables.service';
import { AgendasSentDto, CheckInScanDto, MeetingCheckInDto, MeetingTableDto, MeetingTalliesDto, SchedulerProposalDto, TableDto, TableRemovedDto } from './matchmaking.dto';

/** organiser side of matchmaking: meeting tables, batch scheduling, agendas, check-in at the tables, tallies */
@ApiTags('matchmaking')
@ApiBearerAuth()
@Controller('matchmaking/fairs/:fair')
export class MatchmakingOrganiserController {
  constructor(
    private readonly fairs: FairsService,
    private readonly tables: TablesService,
    private readonly proposals: ProposalsService,
    private readonly agendas: AgendaService,
    private readonly checkin: MeetingCheckinService,
    private readonly tallies: MeetingTalliesReader,
  ) {}

  @Roles('organiser')
  @Get('tables')
  @ApiOkResponse({ type: [MeetingTableDto] })
  listTables(@Param('fair') fair: string) {
    return this.tables.list(fair);
  }

  @Roles('organiser')
  @Post('tables')
  @ApiCreatedResponse({ type: MeetingTableDto })
  addTable(@Param('fair') fair: string, @Body() body: TableDto, @CurrentActor() actor: Actor) {
    return this.tables.add(actor, fair, body);
  }

  @Roles('organiser')
  @Delete('tables/:table')
  @ApiOkResponse({ type: TableRemovedDto })
  removeTable(@Param('fair') fair: string, @Param('table', ParseUUIDPipe) table: string, @CurrentActor() actor: Actor) {
    return this.tables.remove(actor, fair, table);
  }

  /** batch mode: run the scheduler over every accepted meeting without a slot; stores a proposal */
  @Roles('organiser')
  @Post('proposals')
  @ApiCreatedResponse({ type: SchedulerProposalDto })
  runScheduler(@Param('fair') fair: string, @CurrentActor() actor: Actor) {
    return this.proposals.run(actor, fair);
  }

  @Roles('organiser')
  @Get('proposals/:id')
  @ApiOkResponse({ type: SchedulerProposalDto })
  proposal(@Param('fair') fair: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.proposals.get(fair, id);
  }

  @Roles('organiser')
  @Post('proposals/:id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: SchedulerProposalDto })
  publish(@Param('fair') fair: string, @Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.proposals.publish(actor, fair, id);
  }

  @Roles('organiser')
  @Post('proposals/:id/discard')
  @HttpCode(200)
  @ApiOkResponse({ type: SchedulerProposalDto })
  discard(@Param('fair') fair: string, @Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.proposals.discard(actor, fair, id);
  }

  /** every participant with a scheduled meeting gets their agenda by email, with the .ics */
  @Roles('organiser')
  @Post('agendas/send')
  @HttpCode(200)
  @ApiOkResponse({ type: AgendasSentDto })
  sendAgendas(@Param('fair') fair: string, @CurrentActor() actor: Actor) {
    return this.agendas.emailAll(actor, fair);
  }

  /** staff at a meeting table scan one party's QR pass */
  @Roles('organiser', 'gate')
  @Post('meetings/:id/scan')
  @HttpCode(200)
  @ApiOkResponse({ type: MeetingCheckInDto })
  scan(@Param('fair') fair: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: CheckInScanDto) {
    return this.checkin.scan(fair, id, body.code);
  }

  @Roles('organiser')
  @Get('tallies')
  @ApiOkResponse({ type: MeetingTalliesDto })
  async meetingTallies(@Param('fair') fair: string) {
    return this.tallies.read((await this.fairs.get(fair)).id);
  }
}
