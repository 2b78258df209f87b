import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ImportCsvDto {
  @ApiProperty({ description: 'CSV text (a text/csv request body is accepted too)' })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000_000)
  csv: string;
}
