import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { VERDICTS, type Direction, type Verdict } from '../verdicts';

export class CreateGateDto {
  @ApiProperty({ example: 'A1' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/) code: string;
  @ApiProperty({ example: 'Cổng chính' }) @IsString() @MinLength(1) @MaxLength(200) nameVi: string;
  @ApiProperty({ example: 'Main gate' }) @IsString() @MinLength(1) @MaxLength(200) nameEn: string;
}

export class CreateDeviceDto {
  @ApiProperty({ example: 'Scanner 1' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class ScanDto {
  /** Oversized text is still answered with a verdict (invalid) up to this size; beyond it, 422. */
  @ApiProperty({ description: 'The scanned QR text' }) @IsString() @MaxLength(16_384) code: string;
  @ApiProperty({ description: 'Unique per scan on this device; a re-sent scan with the same nonce is stored once', example: 'k3j4h5g6f7d8' })
  @Matches(/^[A-Za-z0-9_-]{8,100}$/)
  nonce: string;
  @ApiPropertyOptional({ enum: ['in', 'out'] }) @IsOptional() @IsIn(['in', 'out']) direction?: Direction;
}

export class OfflineScanDto extends ScanDto {
  @ApiProperty({ description: 'When the gate scanned it (ISO 8601 with offset)' }) @IsISO8601({ strict: true }) scannedAt: string;
  @ApiProperty({ enum: VERDICTS, description: 'What the gate showed offline' }) @IsIn(VERDICTS) localVerdict: Verdict;
}

export class OfflineUploadDto {
  @ApiProperty({ type: [OfflineScanDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => OfflineScanDto)
  scans: OfflineScanDto[];
}
