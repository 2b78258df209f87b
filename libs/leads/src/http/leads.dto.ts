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

export class LeadVisitorDto {
  @ApiProperty() name: string;
  @ApiProperty() company: string;
  @ApiProperty() country: string;
  @ApiProperty() visitorType: string;
}

export class LeadScanResultDto {
  @ApiProperty() leadId: string;
  @ApiProperty({ description: 'false when this visitor was already scanned today (the lead was updated)' }) created: boolean;
  @ApiProperty() scans: number;
  @ApiProperty({ type: LeadVisitorDto }) visitor: LeadVisitorDto;
}

export class LeadDto {
  @ApiProperty({ example: '2026-10-01' }) day: string;
  @ApiProperty() firstScannedAt: string;
  @ApiProperty() scans: number;
  @ApiProperty() name: string;
  @ApiProperty() company: string;
  @ApiProperty() country: string;
  @ApiProperty() visitorType: string;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true, description: 'only where the visitor consented at the booth' }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
}
