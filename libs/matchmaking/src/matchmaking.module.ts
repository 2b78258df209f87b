import { Module } from '@nestjs/common';
import { FairsModule } from '@fair/fairs';
import { ImmediatePlacement } from './immediate-placement';
import { MatchmakingSettingsService } from './matchmaking-settings.service';
import { MeetingRequestsService } from './meeting-requests.service';
import { ParticipantsService } from './participants.service';
import { MatchmakingController } from './http/matchmaking.controller';

const SERVICES = [ParticipantsService, MatchmakingSettingsService, MeetingRequestsService, ImmediatePlacement];

@Module({ imports: [FairsModule], providers: SERVICES, exports: SERVICES })
export class MatchmakingModule {}

@Module({ imports: [MatchmakingModule, FairsModule], controllers: [MatchmakingController] })
export class MatchmakingHttpModule {}
