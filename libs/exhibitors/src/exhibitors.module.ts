import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FairsModule } from '@fair/fairs';
import { RateLimiter } from '@fair/jobs';
import { ApplicationEditService } from './application-edit.service';
import { ApplicationService } from './application.service';
import { CatalogueService } from './catalogue.service';
import { ExhibitorAccountService } from './exhibitor-account.service';
import { ExhibitorBoothCodes } from './exhibitor-booth-codes';
import { ExhibitorImportService } from './exhibitor-import.service';
import { ExhibitorStaffEntity } from './exhibitor-staff.entity';
import { ExhibitorTokenEntity } from './exhibitor-token.entity';
import { ExhibitorTokensService } from './exhibitor-tokens.service';
import { ExhibitorTransitionsService } from './exhibitor-transitions.service';
import { ExhibitorEntity } from './exhibitor.entity';
import { ExhibitorMailer } from './exhibitor.mailer';
import { ExhibitorsService } from './exhibitors.service';
import { PortalService } from './portal.service';
import { ReviewService } from './review.service';
import { ApplicationController } from './http/application.controller';
import { CatalogueController } from './http/catalogue.controller';
import { PortalController } from './http/portal.controller';
import { ReviewController } from './http/review.controller';

const SERVICES = [
  ApplicationEditService,
  ApplicationService,
  CatalogueService,
  ExhibitorAccountService,
  ExhibitorBoothCodes,
  ExhibitorImportService,
  ExhibitorTokensService,
  ExhibitorTransitionsService,
  ExhibitorMailer,
  ExhibitorsService,
  PortalService,
  ReviewService,
];

/**
 * Registration, review, accounts and the read side. Other domains use ExhibitorsService (read)
 * and ExhibitorBoothCodes (the hook for assigned booth codes); the rest serves the HTTP module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ExhibitorEntity, ExhibitorStaffEntity, ExhibitorTokenEntity]), FairsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class ExhibitorsModule {}

/** The HTTP routes; imported by apps/api only. */
@Module({
  imports: [ExhibitorsModule, FairsModule],
  providers: [RateLimiter],
  controllers: [ApplicationController, ReviewController, PortalController, CatalogueController],
})
export class ExhibitorsHttpModule {}
