import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { AllocationService } from '../allocation.service';
import { FloorPlanService, type FloorPlanView } from '../floor-plan.service';
import { AllocationViewDto, AssignBoothDto, HoldBoothDto, ReleaseBoothDto } from './allocation.dto';
import { FloorPlanViewDto, ReleasedBoothDto } from './views.dto';

@ApiTags('booth allocation')
@ApiBearerAuth()
@Controller('fairs/:fair')
export class AllocationController {
  constructor(
    private readonly allocations: AllocationService,
    private readonly floor: FloorPlanService,
  ) {}

  @Roles('organiser')
  @Post('booths/:booth/hold')
  @HttpCode(200)
  @ApiOkResponse({ type: AllocationViewDto })
  hold(@Param('fair') fair: string, @Param('booth') booth: string, @Body() body: HoldBoothDto, @CurrentActor() actor: Actor) {
    return this.allocations.hold(actor, fair, booth, { exhibitorId: body.exhibitorId, expiresAt: new Date(body.expiresAt), overrideReason: body.overrideReason });
  }

  @Roles('organiser')
  @Post('booths/:booth/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: AllocationViewDto })
  assign(@Param('fair') fair: string, @Param('booth') booth: string, @Body() body: AssignBoothDto, @CurrentActor() actor: Actor) {
    return this.allocations.assign(actor, fair, booth, body);
  }

  @Roles('organiser')
  @Post('booths/:booth/release')
  @HttpCode(200)
  @ApiOkResponse({ type: ReleasedBoothDto })
  release(@Param('fair') fair: string, @Param('booth') booth: string, @Body() body: ReleaseBoothDto, @CurrentActor() actor: Actor) {
    return this.allocations.release(actor, fair, booth, body.reason);
  }

  /** The exhibitor takes a booth held for it (a waitlist offer or an organiser's hold). */
  @Roles('exhibitor')
  @Post('booths/:booth/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AllocationViewDto })
  accept(@Param('fair') fair: string, @Param('booth') booth: string, @CurrentActor() actor: Actor) {
    return this.allocations.accept(actor, fair, booth);
  }

  /** Every booth with geometry, status and occupant: what the web UI draws. */
  @Roles('organiser')
  @Get('booth-allocation/floor-plan')
  @ApiOkResponse({ type: FloorPlanViewDto })
  floorPlan(@Param('fair') fair: string): Promise<FloorPlanView> {
    return this.floor.floorPlan(fair);
  }

  @Roles('organiser')
  @Get('booth-allocation/export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="booth-allocation.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one line per booth (free ones too), UTF-8 with a BOM', content: { 'text/csv': { schema: { type: 'string' } } } })
  exportCsv(@Param('fair') fair: string): Promise<string> {
    return this.floor.exportCsv(fair);
  }
}
