import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ENTRY_POLICIES, VISITOR_TYPES, type EntryPolicy, type VisitorType } from '../visitor-types';

class VisitorFieldsDto {
  @ApiProperty({ example: 'Nguyễn Văn An' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'Công ty TNHH Cơ khí Hà Nội' }) @IsOptional() @IsString() @MaxLength(200) company?: string;
  @ApiProperty({ example: 'VN', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional({ example: '+84 912 345 678' }) @IsOptional() @Matches(/^\+?[0-9 ().-]{6,30}$/) phone?: string;
  @ApiProperty({ enum: VISITOR_TYPES }) @IsIn(VISITOR_TYPES) visitorType: VisitorType;
  @ApiPropertyOptional({ type: [String], example: ['mechanical'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^[a-z0-9-]{2,40}$/, { each: true })
  sectors?: string[];
  @ApiProperty({ enum: ['vi', 'en'] }) @IsIn(['vi', 'en']) lang: 'vi' | 'en';
}

export class RegisterVisitorDto extends VisitorFieldsDto {
  @ApiProperty({ description: 'Must be true: the visitor agrees to the processing of their data' }) @IsBoolean() consent: boolean;
}

export class AddVisitorDto extends VisitorFieldsDto {
  @ApiPropertyOptional({ enum: ENTRY_POLICIES }) @IsOptional() @IsIn(ENTRY_POLICIES) entryPolicy?: EntryPolicy;
  @ApiPropertyOptional({ description: 'Mail the pass at once' }) @IsOptional() @IsBoolean() sendInvitation?: boolean;
}

export class ImportVisitorsDto {
  @ApiProperty({ description: 'CSV: name,email,country,visitor_type[,company,phone,sectors,lang,entry_policy]' })
  @IsString()
  @MaxLength(20 * 1024 * 1024)
  csv: string;
}

export class SendInvitationsDto {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50_000) @IsUUID('all', { each: true }) visitorIds?: string[];
  @ApiPropertyOptional({ enum: VISITOR_TYPES, isArray: true }) @IsOptional() @IsArray() @IsIn(VISITOR_TYPES, { each: true }) visitorTypes?: VisitorType[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @Matches(/^[a-z0-9-]{2,40}$/, { each: true }) sectors?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(300) @IsISO31661Alpha2({ each: true }) countries?: string[];
  @ApiPropertyOptional({ description: 'Mail again visitors already invited for their current pass' }) @IsOptional() @IsBoolean() resend?: boolean;
}

export class ReissueDto {
  @ApiPropertyOptional({ description: 'Mail the new pass (default true)' }) @IsOptional() @IsBoolean() sendInvitation?: boolean;
}

export class CancelPassDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

// Response bodies (declared so the web app's types are generated from the OpenAPI document).

export class PublicPassDto {
  @ApiProperty() serial: number;
  @ApiProperty() name: string;
  @ApiProperty() company: string;
  @ApiProperty({ enum: VISITOR_TYPES }) visitorType: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validUntil: string;
  @ApiProperty({ enum: ['active', 'revoked', 'replaced'] }) status: 'active' | 'revoked' | 'replaced';
}

export class RegisteredDto {
  @ApiProperty() visitorId: string;
  @ApiProperty() passSerial: number;
}

export class InvitationsQueuedDto {
  @ApiProperty() batchId: string;
  @ApiProperty() queued: number;
  @ApiProperty() matched: number;
}

export class BatchFailureDto {
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() attempts: number;
}

export class BatchProgressDto {
  @ApiProperty() batchId: string;
  @ApiProperty() fairId: string;
  @ApiProperty() total: number;
  @ApiProperty() queued: number;
  @ApiProperty() sending: number;
  @ApiProperty() sent: number;
  @ApiProperty() failed: number;
  @ApiProperty() done: boolean;
  @ApiProperty({ type: [BatchFailureDto] }) failures: BatchFailureDto[];
}

export class VisitorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'empty when not given' }) company: string;
  @ApiProperty({ example: 'VN' }) country: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: VISITOR_TYPES }) visitorType: VisitorType;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
  @ApiProperty({ enum: ['registration', 'organiser', 'import', 'exhibitor'] }) source: 'registration' | 'organiser' | 'import' | 'exhibitor';
  @ApiProperty() passId: string;
  @ApiProperty() passSerial: number;
  @ApiProperty({ description: 'how many times the pass was issued (a reissue adds one)' }) passIssue: number;
  @ApiProperty({ enum: ['active', 'revoked'] }) passStatus: 'active' | 'revoked';
  @ApiProperty({ enum: ENTRY_POLICIES }) entryPolicy: EntryPolicy;
}

export class VisitorListDto {
  @ApiProperty({ description: 'matching visitors, all pages' }) total: number;
  @ApiProperty({ type: [VisitorDto] }) items: VisitorDto[];
}

export class VisitorImportResultDto {
  @ApiProperty() imported: number;
}

export class ReissuedPassDto {
  @ApiProperty() passId: string;
  @ApiProperty() serial: number;
  @ApiProperty({ description: 'the new issue number; codes of earlier issues are revoked' }) issue: number;
}

export class PassRevocationDto {
  @ApiProperty() serial: number;
  @ApiProperty() issue: number;
  @ApiProperty({ enum: ['reissued', 'cancelled'] }) reason: 'reissued' | 'cancelled';
  @ApiProperty({ type: String, format: 'date-time' }) revokedAt: string;
}

export class RevocationListDto {
  @ApiProperty() fairId: string;
  @ApiProperty({ type: [PassRevocationDto] }) revocations: PassRevocationDto[];
}

export class PassPublicKeyDto {
  @ApiProperty() keyId: number;
  @ApiProperty({ description: 'raw Ed25519 public key, base64' }) publicKey: string;
  @ApiProperty({ description: 'signs new passes; retired keys still verify' }) active: boolean;
}

export class PassPublicKeysDto {
  @ApiProperty() fairId: string;
  @ApiProperty({ type: [PassPublicKeyDto] }) keys: PassPublicKeyDto[];
}
