import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '@fair/auth';
import { StaffPassesService } from '../staff-passes.service';

class IssuedStaffPassDto {
  @ApiProperty() staffId: string;
  @ApiProperty() name: string;
  @ApiProperty() passSerial: number;
}

class SkippedStaffDto {
  @ApiProperty() staffId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['no-email', 'has-pass'] }) reason: 'no-email' | 'has-pass';
}

class StaffPassesResultDto {
  @ApiProperty({ type: [IssuedStaffPassDto] }) issued: IssuedStaffPassDto[];
  @ApiProperty({ type: [SkippedStaffDto] }) skipped: SkippedStaffDto[];
}

/** The exhibitor portal's "issue passes to my staff" (the passes are visitors' passes). */
@ApiTags('exhibitor portal')
@ApiBearerAuth()
@Controller('exhibitors')
export class StaffPassesController {
  constructor(private readonly staffPasses: StaffPassesService) {}

  @Roles('exhibitor')
  @Post(':id/staff-passes')
  @ApiCreatedResponse({ type: StaffPassesResultDto })
  issue(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StaffPassesResultDto> {
    return this.staffPasses.issue(actor, id);
  }
}
