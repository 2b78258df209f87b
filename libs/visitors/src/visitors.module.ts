import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExhibitorsModule } from '@fair/exhibitors';
import { FairsModule } from '@fair/fairs';
import { VISITOR_ENTITIES } from './entities';
import { InvitationsService } from './invitations.service';
import { PassesService } from './passes.service';
import { PassLookupService } from './pass-lookup.service';
import { QrKeysService } from './qr-keys.service';
import { VisitorsService } from './visitors.service';
import { VisitorsController } from './http/visitors.controller';
import { StaffPassesController } from './http/staff-passes.controller';
import { StaffPassesService } from './staff-passes.service';

@Module({
  imports: [TypeOrmModule.forFeature(VISITOR_ENTITIES), FairsModule],
  providers: [QrKeysService, PassesService, InvitationsService, VisitorsService, PassLookupService],
  exports: [QrKeysService, PassesService, InvitationsService, VisitorsService, PassLookupService],
})
export class VisitorsModule {}

@Module({
  imports: [VisitorsModule, FairsModule, ExhibitorsModule],
  controllers: [VisitorsController, StaffPassesController],
  providers: [StaffPassesService],
})
export class VisitorsHttpModule {}
