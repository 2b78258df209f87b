import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { LeadsExport } from '../leads-export';
import { LeadsService } from '../leads.service';
import { LeadDto, LeadScanDto, LeadScanResultDto } from './leads.dto';

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
  @ApiOkResponse({ type: LeadScanResultDto })
  scan(@Param('fair') fair: string, @Body() body: LeadScanDto, @CurrentActor() actor: Actor) {
    return this.leads.scan(actor, fair, body);
  }

  /** The signed-in exhibitor's leads (contact details only where the visitor consented). */
  @Roles('exhibitor')
  @Get('fairs/:fair')
  @ApiOkResponse({ type: [LeadDto] })
  list(@Param('fair') fair: string, @CurrentActor() actor: Actor) {
    return this.exporter.list(actor, fair);
  }

  @Roles('exhibitor')
  @Get('fairs/:fair/export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="leads.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the leads as CSV', content: { 'text/csv': { schema: { type: 'string' } } } })
  export(@Param('fair') fair: string, @CurrentActor() actor: Actor, @Query('lang') lang?: string) {
    return this.exporter.csv(actor, fair, lang === 'en' ? 'en' : actor.lang === 'en' ? 'en' : 'vi');
  }
}
