import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { SelfSelectionService } from '../self-selection.service';
import { SelectionViewDto } from './views.dto';

@ApiTags('booth allocation')
@ApiBearerAuth()
@Controller('fairs/:fair/booth-selection')
export class SelectionController {
  constructor(private readonly selection: SelfSelectionService) {}

  /** The signed-in exhibitor's view for self-selection: booths free / taken / its own, and its turn. */
  @Roles('exhibitor')
  @Get()
  @ApiOkResponse({ type: SelectionViewDto })
  view(@Param('fair') fair: string, @CurrentActor() actor: Actor) {
    return this.selection.view(actor, fair);
  }
}
