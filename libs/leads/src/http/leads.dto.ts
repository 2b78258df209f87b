import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class LeadScanDto {
  @ApiProperty({ description: "The visitor's QR pass code as scanned" }) @IsString() @MaxLength(16_384) code: string;
  @ApiPropertyOptional({ example: 'Quan tâm khuôn ép nhựa' }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 5 }) @IsOptional() @IsInt() @Min(0) @Max(5) rating?: number;
  @ApiPropertyOptional({ description: 'The visitor agreed to share email and phone with this exhibitor' })
  @IsOptional()
  @IsBoolean()
  contactConsent?: boolean;
}
