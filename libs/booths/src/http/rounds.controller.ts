import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { RoundsService } from '../rounds.service';
import { OpenRoundDto, PickBoothsDto } from './rounds.dto';
import { RoundViewDto } from './views.dto';

@ApiTags('booth allocation')
@ApiBearerAuth()
@Controller('fairs/:fair/booth-rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Roles('organiser')
  @Post()
  @ApiCreatedResponse({ type: RoundViewDto })
  open(@Param('fair') fair: string, @Body() body: OpenRoundDto, @CurrentActor() actor: Actor) {
    return this.rounds.open(actor, fair, body);
  }

  @Roles('organiser', 'exhibitor')
  @Get(':round')
  @ApiOkResponse({ type: RoundViewDto })
  get(@Param('fair') fair: string, @Param('round') round: string) {
    return this.rounds.get(fair, round);
  }

  @Roles('exhibitor')
  @Post(':round/pick')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundViewDto })
  pick(@Param('fair') fair: string, @Param('round') round: string, @Body() body: PickBoothsDto, @CurrentActor() actor: Actor) {
    return this.rounds.pick(actor, fair, round, body.booths);
  }
}
