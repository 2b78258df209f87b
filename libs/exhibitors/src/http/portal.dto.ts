import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export class ProfilePatchDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) nameVi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(300) website?: string;
  @ApiPropertyOptional({ description: 'catalogue text; plain text, never rendered as HTML' }) @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) products?: string;
  @ApiPropertyOptional({ example: 'https://example.jp/logo.png' }) @IsOptional() @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(500) logoUrl?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(40, { each: true }) sectors?: string[];
}

export class StaffDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'Sales manager' }) @IsOptional() @IsString() @MaxLength(100) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}
