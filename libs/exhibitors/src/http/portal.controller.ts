import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { ApplicationEditService } from '../application-edit.service';
import { ExhibitorTransitionsService } from '../exhibitor-transitions.service';
import { PortalService } from '../portal.service';
import { ApplicationEditDto } from './application.dto';
import { ProfilePatchDto, StaffDto } from './portal.dto';
import { ExhibitorTransitionDto, ExhibitorViewDto, StaffMemberDto } from './views.dto';

/** The exhibitor's own portal. Every route is scoped to records linked to the signed-in user. */
@ApiTags('exhibitor portal')
@ApiBearerAuth()
@Roles('exhibitor')
@Controller('exhibitors')
export class PortalController {
  constructor(
    private readonly portal: PortalService,
    private readonly transitions: ExhibitorTransitionsService,
    private readonly edits: ApplicationEditService,
  ) {}

  @Get('mine')
  @ApiOkResponse({ type: [ExhibitorViewDto] })
  mine(@CurrentActor() actor: Actor) {
    return this.portal.mine(actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: ExhibitorViewDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.portal.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ExhibitorViewDto })
  update(@Param('id') id: string, @Body() body: ProfilePatchDto, @CurrentActor() actor: Actor) {
    return this.portal.updateProfile(actor, id, body);
  }

  @Get(':id/staff')
  @ApiOkResponse({ type: [StaffMemberDto] })
  staff(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.portal.staff(actor, id);
  }

  @Post(':id/staff')
  @ApiCreatedResponse({ type: StaffMemberDto })
  addStaff(@Param('id') id: string, @Body() body: StaffDto, @CurrentActor() actor: Actor) {
    return this.portal.addStaff(actor, id, body);
  }

  @Delete(':id/staff/:staffId')
  @HttpCode(204)
  @ApiNoContentResponse()
  removeStaff(@Param('id') id: string, @Param('staffId') staffId: string, @CurrentActor() actor: Actor) {
    return this.portal.removeStaff(actor, id, staffId);
  }

  /** After a change request: replaces the whole application (same checks as applying), then resubmit. */
  @Put(':id/application')
  @ApiOkResponse({ type: ExhibitorViewDto })
  editApplication(@Param('id') id: string, @Body() body: ApplicationEditDto, @CurrentActor() actor: Actor) {
    return this.edits.edit(id, body, { actor });
  }

  /** After a change request: the applicant has edited its profile and sends it back for review. */
  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  resubmit(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'resubmit', { ownerUserId: actor.userId! });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ExhibitorTransitionDto })
  withdraw(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.transitions.apply(actor, id, 'withdraw', { ownerUserId: actor.userId! });
  }
}
