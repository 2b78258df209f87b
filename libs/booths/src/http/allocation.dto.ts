import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class HoldBoothDto {
  @ApiProperty() @IsUUID() exhibitorId: string;
  @ApiProperty({ description: 'When the hold ends by itself (ISO 8601, must be in the future)' }) @IsISO8601() expiresAt: string;
  @ApiPropertyOptional({ description: 'Reason for giving a booth of a kind the exhibitor is not eligible for (audited)' })
  @IsOptional() @IsString() @MaxLength(1000) overrideReason?: string;
}

export class AssignBoothDto {
  @ApiProperty() @IsUUID() exhibitorId: string;
  @ApiPropertyOptional({ description: 'Reason for giving a booth of a kind the exhibitor is not eligible for (audited)' })
  @IsOptional() @IsString() @MaxLength(1000) overrideReason?: string;
}

export class ReleaseBoothDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class AllocationViewDto {
  @ApiProperty() booth: string;
  @ApiProperty() boothId: string;
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ enum: ['held', 'assigned'] }) status: 'held' | 'assigned';
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
}
