import { Module } from '@nestjs/common';
import { ExhibitorsModule } from '@fair/exhibitors';
import { FairsModule } from '@fair/fairs';
import { TalliesModule } from '@fair/tallies';
import { VisitorsModule } from '@fair/visitors';
import { AgendaService } from './agenda.service';
import { ImmediatePlacement } from './immediate-placement';
import { MatchmakingSettingsService } from './matchmaking-settings.service';
import { MeetingCheckinService } from './meeting-checkin.service';
import { MeetingEffects } from './meeting-effects';
import { MeetingRequestsService } from './meeting-requests.service';
import { MeetingTalliesReader } from './meeting-tallies';
import { ParticipantsService } from './participants.service';
import { ParticipantRequestsService } from './participant-requests.service';
import { PassProof } from './pass-proof';
import { ProposalsService } from './proposals.service';
import { TablesService } from './tables.service';
import { MatchmakingController } from './http/matchmaking.controller';
import { MatchmakingOrganiserController } from './http/matchmaking-organiser.controller';

const SERVICES = [
  ParticipantsService,
  MatchmakingSettingsService,
  MeetingRequestsService,
  ImmediatePlacement,
  MeetingEffects,
  TablesService,
  PassProof,
  ProposalsService,
  AgendaService,
  MeetingCheckinService,
  MeetingTalliesReader,
  ParticipantRequestsService,
];

@Module({ imports: [FairsModule, ExhibitorsModule, VisitorsModule, TalliesModule], providers: SERVICES, exports: SERVICES })
export class MatchmakingModule {}

@Module({ imports: [MatchmakingModule, FairsModule], controllers: [MatchmakingController, MatchmakingOrganiserController] })
export class MatchmakingHttpModule {}
