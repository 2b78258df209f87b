import { Module } from '@nestjs/common';
import { FairsModule } from '@fair/fairs';
import { VisitorsModule } from '@fair/visitors';
import { LeadsExport } from './leads-export';
import { LeadsService } from './leads.service';
import { LeadsController } from './http/leads.controller';

@Module({ imports: [FairsModule, VisitorsModule], providers: [LeadsService, LeadsExport], exports: [LeadsService, LeadsExport] })
export class LeadsModule {}

@Module({ imports: [LeadsModule, FairsModule], controllers: [LeadsController] })
export class LeadsHttpModule {}
