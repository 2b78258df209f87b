import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FairsModule } from '@fair/fairs';
import { TalliesModule } from '@fair/tallies';
import { VisitorsModule } from '@fair/visitors';
import { CHECKIN_ENTITIES } from './entities';
import { CheckinService } from './checkin.service';
import { GatesService } from './gates.service';
import { ScanRecorder } from './scan-recorder';
import { VisitTalliesReader } from './visit-tallies';
import { CheckinController } from './http/checkin.controller';

@Module({
  imports: [TypeOrmModule.forFeature(CHECKIN_ENTITIES), FairsModule, VisitorsModule, TalliesModule],
  providers: [GatesService, ScanRecorder, CheckinService, VisitTalliesReader],
  exports: [GatesService, CheckinService, VisitTalliesReader],
})
export class CheckinModule {}

@Module({ imports: [CheckinModule, FairsModule], controllers: [CheckinController] })
export class CheckinHttpModule {}
