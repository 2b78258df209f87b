import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BOOTH_KINDS, type BoothKind } from '../booth-kind';

export class SectorDto {
  @ApiProperty({ example: 'mechanical' }) @Matches(/^[a-z0-9-]{2,40}$/) code: string;
  @ApiProperty({ example: 'Cơ khí chế tạo' }) @IsString() @MinLength(1) @MaxLength(100) vi: string;
  @ApiProperty({ example: 'Mechanical engineering' }) @IsString() @MinLength(1) @MaxLength(100) en: string;
}

export class CreateFairDto {
  @ApiProperty({ example: 'hanoi-gift-fair-2026', description: 'lower-case letters, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,79}$/)
  slug: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) nameVi: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) nameEn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) venueVi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) venueEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) organiserVi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) organiserEn?: string;
  @ApiProperty({ example: '2026-12-10' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2026-12-13' }) @IsDateString({ strict: true }) endsOn: string;
  @ApiPropertyOptional({ type: [SectorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SectorDto)
  sectors?: SectorDto[];
}

export class CreateHallDto {
  @ApiProperty({ example: 'A' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) nameVi: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) nameEn: string;
}

export class ImportCsvDto {
  @ApiProperty({ description: 'CSV text (a text/csv request body is accepted too)' })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000_000)
  csv: string;
}

export class FairSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() booths: number;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(BOOTH_KINDS.map((k) => [k, { type: 'integer' }])),
    required: [...BOOTH_KINDS],
    selfRequired: true,
    example: { international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 },
  })
  boothsByKind: Record<BoothKind, number>;
}

export class FairDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() venueVi: string;
  @ApiProperty() venueEn: string;
  @ApiProperty() organiserVi: string;
  @ApiProperty() organiserEn: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: [SectorDto] }) sectors: SectorDto[];
}

export class HallDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty() code: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
}

export class BoothDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty() hallId: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: BOOTH_KINDS }) kind: BoothKind;
  @ApiProperty() areaM2: number;
  @ApiProperty() isCorner: boolean;
  @ApiProperty({ description: 'VND' }) priceVnd: number;
  @ApiProperty() x: number;
  @ApiProperty() y: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class ImportResultDto {
  @ApiProperty() imported: number;
  @ApiProperty() hallsCreated: number;
}
