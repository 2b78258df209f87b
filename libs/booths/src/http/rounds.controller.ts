import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { RoundsService } from '../rounds.service';
import { OpenRoundDto, PickBoothsDto } from './rounds.dto';

@ApiTags('booth allocation')
@ApiBearerAuth()
@Controller('fairs/:fair/booth-rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Roles('organiser')
  @Post()
  open(@Param('fair') fair: string, @Body() body: OpenRoundDto, @CurrentActor() actor: Actor) {
    return this.rounds.open(actor, fair, body);
  }

  @Roles('organiser', 'exhibitor')
  @Get(':round')
  get(@Param('fair') fair: string, @Param('round') round: string) {
    return this.rounds.get(fair, round);
  }

  @Roles('exhibitor')
  @Post(':round/pick')
  @HttpCode(200)
  pick(@Param('fair') fair: string, @Param('round') round: string, @Body() body: PickBoothsDto, @CurrentActor() actor: Actor) {
    return this.rounds.pick(actor, fair, round, body.booths);
  }
}
