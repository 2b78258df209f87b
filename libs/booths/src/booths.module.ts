import { Module } from '@nestjs/common';
import { FairsModule } from '@fair/fairs';
import { ExhibitorsModule } from '@fair/exhibitors';
import { AllocationService } from './allocation.service';
import { BoothCodesProvider } from './booth-codes.provider';
import { BoothLedger } from './booth-ledger';
import { BoothMailer } from './booth-mailer';
import { FloorPlanService } from './floor-plan.service';
import { ProposalsService } from './proposals.service';
import { RoundsService } from './rounds.service';
import { SelfSelectionService } from './self-selection.service';
import { WaitlistService } from './waitlist.service';
import { AllocationController } from './http/allocation.controller';
import { ProposalsController } from './http/proposals.controller';
import { RoundsController } from './http/rounds.controller';
import { SelectionController } from './http/selection.controller';

const SERVICES = [AllocationService, BoothLedger, BoothMailer, FloorPlanService, ProposalsService, RoundsService, SelfSelectionService, WaitlistService];

/** Booth allocation: holds, assignments, proposals from the solver, self-selection rounds, waitlist. */
@Module({
  imports: [FairsModule, ExhibitorsModule],
  providers: [...SERVICES, BoothCodesProvider],
  exports: SERVICES,
})
export class BoothsModule {}

/** The HTTP routes; imported by apps/api only. */
@Module({ imports: [BoothsModule], controllers: [AllocationController, ProposalsController, RoundsController, SelectionController] })
export class BoothsHttpModule {}
