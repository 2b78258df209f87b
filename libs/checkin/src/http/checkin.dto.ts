import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { FastCheck } from '@fair/core';
import { VERDICTS, type Direction, type Verdict } from '../verdicts';

export class CreateGateDto {
  @ApiProperty({ example: 'A1' }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/) code: string;
  @ApiProperty({ example: 'Cổng chính' }) @IsString() @MinLength(1) @MaxLength(200) nameVi: string;
  @ApiProperty({ example: 'Main gate' }) @IsString() @MinLength(1) @MaxLength(200) nameEn: string;
}

export class CreateDeviceDto {
  @ApiProperty({ example: 'Scanner 1' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

const CODE_MAX = 16_384;
const NONCE = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * The gate scan is the hottest endpoint, so a plainly valid body skips class-validator (see
 * FastCheck). True only for what the rules below accept: a plain object with code and nonce and
 * at most direction besides. The code's UTF-16 length is at least its count of code points
 * (what MaxLength counts), so the length test is never looser. Anything else takes the full path.
 */
function isPlainScan(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // An array or binary view stays one without its prototype, and class-transformer and the pipe treat those apart.
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  let required = 0;
  for (const key of Object.keys(value)) {
    if (key === 'code' || key === 'nonce') required++;
    else if (key !== 'direction') return false;
  }
  if (required !== 2) return false;
  const { code, nonce, direction } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    code.length <= CODE_MAX &&
    typeof nonce === 'string' &&
    NONCE.test(nonce) &&
    (direction === undefined || direction === 'in' || direction === 'out')
  );
}

@FastCheck(isPlainScan)
export class ScanDto {
  /** Oversized text is still answered with a verdict (invalid) up to this size; beyond it, 422. */
  @ApiProperty({ description: 'The scanned QR text' }) @IsString() @MaxLength(CODE_MAX) code: string;
  @ApiProperty({ description: 'Unique per scan on this device; a re-sent scan with the same nonce is stored once', example: 'k3j4h5g6f7d8' })
  @Matches(NONCE)
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

// Response bodies (declared so the web app's types are generated from the OpenAPI document).

export class GateDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty() code: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
}

export class GateDeviceDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty() gateId: string;
  @ApiProperty() name: string;
}

export class ScanVisitorDto {
  @ApiProperty() name: string;
  @ApiProperty() company: string;
  @ApiProperty() visitorType: string;
}

export class ScanOutcomeDto {
  @ApiProperty() scanId: string;
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ description: 'the same nonce was sent before: the stored outcome' }) replayed: boolean;
  @ApiProperty() conflict: boolean;
  @ApiProperty({ type: ScanVisitorDto, nullable: true }) visitor: ScanVisitorDto | null;
  @ApiProperty({ type: Number, nullable: true }) serial: number | null;
}

const counts = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class VisitTalliesDto {
  @ApiProperty({ ...counts, description: "fair-local hour 'YYYY-MM-DDTHH' → entries" }) byHour: Record<string, number>;
  @ApiProperty({ ...counts, description: 'gate id → entries' }) byGate: Record<string, number>;
  @ApiProperty(counts) byVisitorType: Record<string, number>;
  @ApiProperty() insideNow: number;
}

export class OfflineKeyDto {
  @ApiProperty() keyId: number;
  @ApiProperty({ description: 'raw Ed25519 public key, base64' }) publicKey: string;
  @ApiProperty() active: boolean;
}

export class OfflineRevocationDto {
  @ApiProperty() serial: number;
  @ApiProperty() issue: number;
  @ApiProperty() reason: string;
  @ApiProperty() revokedAt: string;
}

export class OfflineKitDto {
  @ApiProperty() fairId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [OfflineKeyDto] }) keys: OfflineKeyDto[];
  @ApiProperty({ type: [OfflineRevocationDto] }) revocations: OfflineRevocationDto[];
}

export class OfflineResultDto extends ScanOutcomeDto {
  @ApiProperty() nonce: string;
}

export class OfflineUploadResultDto {
  @ApiProperty() stored: number;
  @ApiProperty() duplicates: number;
  @ApiProperty() conflicts: number;
  @ApiProperty({ type: [OfflineResultDto] }) results: OfflineResultDto[];
}

export class PresenceDto {
  @ApiProperty({ description: 'people inside now' }) inside: number;
  @ApiProperty({ ...counts, description: 'visitor type → people inside' }) byVisitorType: Record<string, number>;
}

/** A scan that contradicts an earlier one (found when offline scans are uploaded). Ids and serials are PostgreSQL bigints, sent as strings. */
export class CheckinConflictDto {
  @ApiProperty({ description: 'bigint as a string' }) id: string;
  @ApiProperty({ enum: ['double-admission', 'admitted-while-invalid'] }) kind: 'double-admission' | 'admitted-while-invalid';
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'pass serial (the number printed on the badge)' }) serial: number;
  @ApiProperty() visitorName: string;
  @ApiProperty() visitorType: string;
  @ApiProperty({ type: String, format: 'date-time' }) scannedAt: string;
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty({ description: 'gate code of the scan' }) gate: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) earlierScannedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'gate code of the earlier scan' }) earlierGate: string | null;
}
