import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class StartReportDto {
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of the report (default vi)' }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
}
