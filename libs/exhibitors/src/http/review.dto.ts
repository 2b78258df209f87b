import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BOOTH_KINDS, type BoothKind } from '@fair/fairs';
import { EXHIBITOR_STATUSES, type ExhibitorStatus } from '../exhibitor-status';

export class ApplicationQueryDto {
  @ApiPropertyOptional({ enum: EXHIBITOR_STATUSES }) @IsOptional() @IsIn(EXHIBITOR_STATUSES) status?: ExhibitorStatus;
  @ApiPropertyOptional({ example: 'JP' }) @IsOptional() @Matches(/^[A-Za-z]{2}$/) country?: string;
  @ApiPropertyOptional({ enum: ['international', 'domestic'] }) @IsOptional() @IsIn(['international', 'domestic']) origin?: 'international' | 'domestic';
  @ApiPropertyOptional({ enum: BOOTH_KINDS, description: 'requests at least one booth of this kind' }) @IsOptional() @IsIn(BOOTH_KINDS) kind?: BoothKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) sector?: string;
  @ApiPropertyOptional({ example: '2018-04-01' }) @IsOptional() @IsDateString({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2018-05-01' }) @IsOptional() @IsDateString({ strict: true }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional({ enum: ['vi', 'en'] }) @IsOptional() @IsIn(['vi', 'en']) lang?: string;
}

export class DecisionDto {
  @ApiPropertyOptional({ description: 'a note for the applicant' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'sent to the applicant in the email' }) @IsString() @MinLength(3) @MaxLength(2000) reason: string;
}

export class OriginDto {
  @ApiProperty({ enum: ['international', 'domestic'] }) @IsIn(['international', 'domestic']) origin: 'international' | 'domestic';
}
