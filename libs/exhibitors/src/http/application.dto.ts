import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BOOTH_KINDS, type BoothKind } from '@fair/fairs';
import { LIMITS } from '../application.rules';

export class BoothRequestDto {
  @ApiProperty({ enum: BOOTH_KINDS }) @IsIn(BOOTH_KINDS) kind: BoothKind;
  @ApiProperty({ minimum: 1, example: 2 }) @IsInt() @Min(1) @Max(10_000) count: number;
}

export class PlacementDto {
  @ApiPropertyOptional({ type: [String], description: 'companies it wants to be near' })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.placementList) @IsString({ each: true }) @MaxLength(LIMITS.placementName, { each: true })
  nearPartners?: string[];

  @ApiPropertyOptional({ type: [String], description: 'competitors it wants to be away from' })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.placementList) @IsString({ each: true }) @MaxLength(LIMITS.placementName, { each: true })
  awayFrom?: string[];

  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsString() @MaxLength(20) hall?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() corner?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.placementNote) note?: string;
}

/** The public application form. Text is stored as typed (markup included) and never rendered as HTML. */
export class ApplyDto {
  @ApiProperty({ example: 'Tanaka Seiki Co., Ltd.' }) @IsString() @MinLength(1) @MaxLength(LIMITS.legalName) legalName: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.nameVi) nameVi?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.nameEn) nameEn?: string;
  @ApiProperty({ example: 'JP', description: 'ISO 3166-1 alpha-2; VN means domestic' }) @IsISO31661Alpha2() country: string;
  @ApiProperty({ example: '0101234567', description: 'tax or business registration number' }) @IsString() @MinLength(1) @MaxLength(LIMITS.taxId) taxId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(LIMITS.address) address: string;
  @ApiPropertyOptional({ example: 'https://example.jp' }) @IsOptional() @IsString() @MaxLength(LIMITS.website) website?: string;
  @ApiProperty({ type: [String], example: ['mechanical'], description: "codes from the fair's sectors" })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(LIMITS.sectors) @IsString({ each: true }) @MaxLength(40, { each: true })
  sectors: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.products) products?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(LIMITS.contactName) contactName: string;
  @ApiProperty() @IsEmail() @MaxLength(LIMITS.email) email: string;
  @ApiProperty({ example: '+81 3-1234-5678', description: 'without +country it is read as a number of `country`' })
  @IsString() @MinLength(3) @MaxLength(LIMITS.phone) phone: string;
  @ApiProperty({ type: [BoothRequestDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(BOOTH_KINDS.length) @ValidateNested({ each: true }) @Type(() => BoothRequestDto)
  booths: BoothRequestDto[];
  @ApiPropertyOptional({ type: PlacementDto }) @IsOptional() @ValidateNested() @Type(() => PlacementDto) placement?: PlacementDto;
  @ApiProperty({ description: 'consent to the processing of contact data; must be true' }) @IsBoolean() @Equals(true) consent: boolean;
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'language of the emails; default from Accept-Language' }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
  @ApiPropertyOptional({ minLength: 10, description: 'password of the exhibitor account, set when the email is confirmed' })
  @IsOptional() @IsString() @MinLength(10) @MaxLength(200) password?: string;
  @ApiPropertyOptional({ description: 'save as draft; submit later with the returned resumeToken' }) @IsOptional() @IsBoolean() draft?: boolean;
}

/** The whole application sent again to change it; checked exactly like ApplyDto. */
export class ApplicationEditDto extends OmitType(ApplyDto, ['password', 'draft'] as const) {}

/** A draft is changed by whoever holds its resume token (there is no account yet). */
export class DraftEditDto extends ApplicationEditDto {
  @ApiProperty({ description: 'the resumeToken returned when the draft was saved' }) @IsString() @MaxLength(200) resumeToken: string;
}

export class ApplyResultDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: string;
  @ApiProperty({ enum: ['international', 'domestic'] }) origin: string;
  @ApiPropertyOptional({ description: 'drafts only: the secret that submits or edits the draft later' }) resumeToken?: string;
}

export class SubmitDraftDto {
  @ApiProperty() @IsString() @MaxLength(200) resumeToken: string;
}

export class ConfirmEmailDto {
  @ApiProperty({ description: 'the token of the link in the confirmation email' }) @IsString() @MaxLength(200) token: string;
  @ApiPropertyOptional({ minLength: 10 }) @IsOptional() @IsString() @MinLength(10) @MaxLength(200) password?: string;
}

export class MagicLinkRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
}

export class MagicLinkRedeemDto {
  @ApiProperty() @IsString() @MaxLength(200) token: string;
}
