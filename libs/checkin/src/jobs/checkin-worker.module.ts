import { Module } from '@nestjs/common';
import { TalliesModule } from '@fair/tallies';
import { VisitTallyJob } from './visit-tally.job';

/** Worker side of check-in: the visit tally job. */
@Module({ imports: [TalliesModule], providers: [VisitTallyJob] })
export class CheckinWorkerModule {}
