import { Module } from '@nestjs/common';
import { TalliesModule } from '@fair/tallies';
import { MatchmakingModule } from '../matchmaking.module';
import { MatchmakingMailTemplates } from './matchmaking-mail.templates';
import { MeetingCloseJob, MeetingTallyJob, RequestExpiryJob } from './matchmaking.jobs';

/** Matchmaking jobs (request expiry, no-show at the end of a slot, tallies) and emails. Imported by apps/worker only. */
@Module({ imports: [MatchmakingModule, TalliesModule], providers: [MatchmakingMailTemplates, RequestExpiryJob, MeetingCloseJob, MeetingTallyJob] })
export class MatchmakingWorkerModule {}
