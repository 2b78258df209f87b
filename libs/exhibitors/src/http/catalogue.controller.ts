import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { pickLang } from '@fair/core';
import { Public } from '@fair/auth';
import { CatalogueService } from '../catalogue.service';
import { CatalogueDto } from './views.dto';

export class CatalogueQueryDto {
  @ApiPropertyOptional({ description: 'words in the name, products or description' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) sector?: string;
  @ApiPropertyOptional({ example: 'JP' }) @IsOptional() @Matches(/^[A-Za-z]{2}$/) country?: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'] }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/** The public exhibitor catalogue of a fair: approved exhibitors only. */
@ApiTags('exhibitor catalogue')
@Public()
@Controller('fairs/:fair/catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOkResponse({ type: CatalogueDto })
  list(@Param('fair') fair: string, @Query() query: CatalogueQueryDto, @Req() req: { headers: Record<string, string | undefined> }) {
    const { lang, ...filter } = query;
    return this.catalogue.list(fair, pickLang(req.headers['accept-language'], lang), filter);
  }
}
