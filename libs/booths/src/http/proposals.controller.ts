import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { ProposalsService } from '../proposals.service';
import { ProposalViewDto } from './views.dto';

export class ProposeDto {
  @ApiPropertyOptional({ description: 'How long the solver may improve the proposal (ms, default 2000)' })
  @IsOptional() @IsInt() @Min(50) @Max(30000) timeLimitMs?: number;
}

@ApiTags('booth allocation')
@ApiBearerAuth()
@Roles('organiser')
@Controller('fairs/:fair/booth-proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  /** Runs the solver on approved requests and free booths; stores the proposal for review. */
  @Post()
  @ApiCreatedResponse({ type: ProposalViewDto })
  propose(@Param('fair') fair: string, @Body() body: ProposeDto, @CurrentActor() actor: Actor) {
    return this.proposals.propose(actor, fair, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProposalViewDto })
  get(@Param('fair') fair: string, @Param('id') id: string) {
    return this.proposals.get(fair, id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalViewDto })
  apply(@Param('fair') fair: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.proposals.apply(actor, fair, id);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalViewDto })
  discard(@Param('fair') fair: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.proposals.discard(actor, fair, id);
  }
}
