import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '@fair/auth';
import { FairsService } from '../fairs.service';
import { BoothDto, CreateFairDto, CreateHallDto, FairDto, FairSummaryDto, HallDto, ImportCsvDto, ImportResultDto } from './fairs.dto';

@ApiTags('fairs')
@Controller('fairs')
export class FairsController {
  constructor(private readonly fairs: FairsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: [FairSummaryDto] })
  list(): Promise<FairSummaryDto[]> {
    return this.fairs.list();
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: FairDto })
  create(@Body() body: CreateFairDto, @CurrentActor() actor: Actor): Promise<FairDto> {
    return this.fairs.create(actor, body);
  }

  @Public()
  @Get(':fair')
  @ApiOkResponse({ type: FairDto })
  get(@Param('fair') fair: string): Promise<FairDto> {
    return this.fairs.get(fair);
  }

  @Public()
  @Get(':fair/halls')
  @ApiOkResponse({ type: [HallDto] })
  async halls(@Param('fair') fair: string): Promise<HallDto[]> {
    return this.fairs.halls((await this.fairs.get(fair)).id);
  }

  @Roles('organiser')
  @ApiBearerAuth()
  @Post(':fair/halls')
  @ApiCreatedResponse({ type: HallDto })
  async createHall(@Param('fair') fair: string, @Body() body: CreateHallDto, @CurrentActor() actor: Actor): Promise<HallDto> {
    return this.fairs.createHall(actor, (await this.fairs.get(fair)).id, body);
  }

  @Public()
  @Get(':fair/booths')
  @ApiOkResponse({ type: [BoothDto] })
  async booths(@Param('fair') fair: string): Promise<BoothDto[]> {
    return this.fairs.booths((await this.fairs.get(fair)).id);
  }

  /** Columns: hall, code, kind, area_m2, corner, price_vnd, x, y, width, height [, hall_name_vi, hall_name_en]. */
  @Roles('organiser')
  @ApiBearerAuth()
  @Post(':fair/floor-plan')
  @ApiConsumes('application/json', 'text/csv')
  @ApiCreatedResponse({ type: ImportResultDto })
  importFloorPlan(@Param('fair') fair: string, @Body() body: ImportCsvDto, @CurrentActor() actor: Actor): Promise<ImportResultDto> {
    return this.fairs.importFloorPlan(actor, fair, body.csv);
  }
}
