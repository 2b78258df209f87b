import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { LeadsExport } from '../leads-export';
import { LeadsService } from '../leads.service';
import { LeadScanDto } from './leads.dto';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly exporter: LeadsExport,
  ) {}

  @Roles('exhibitor')
  @Post('fairs/:fair/scans')
  @HttpCode(200)
  scan(@Param('fair') fair: string, @Body() body: LeadScanDto, @CurrentActor() actor: Actor) {
    return this.leads.scan(actor, fair, body);
  }

  @Roles('exhibitor')
  @Get('fairs/:fair/export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="leads.csv"')
  @ApiProduces('text/csv')
  export(@Param('fair') fair: string, @CurrentActor() actor: Actor, @Query('lang') lang?: string) {
    return this.exporter.csv(actor, fair, lang === 'en' ? 'en' : actor.lang === 'en' ? 'en' : 'vi');
  }
}
