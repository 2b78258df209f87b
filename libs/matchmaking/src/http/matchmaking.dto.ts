import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPANY_SIZES } from '../participant-profile';

class WindowDto {
  @ApiProperty({ example: '2026-10-01T08:00:00+07:00' }) @IsISO8601() start: string;
  @ApiProperty({ example: '2026-10-01T12:00:00+07:00' }) @IsISO8601() end: string;
}

const terms = () => [IsArray(), ArrayMaxSize(30), IsString({ each: true }), MaxLength(80, { each: true })];
const apply = (ds: PropertyDecorator[]): PropertyDecorator => (t, k) => ds.forEach((d) => d(t, k));

export class ProfileDto {
  @ApiProperty({ type: [String], example: ['mechanical'] }) @apply(terms()) sectors: string[];
  @ApiProperty({ type: [String], example: ['CNC machining'] }) @apply(terms()) offers: string[];
  @ApiProperty({ type: [String], example: ['injection moulds'] }) @apply(terms()) seeks: string[];
  @ApiProperty({ enum: COMPANY_SIZES }) @IsIn(COMPANY_SIZES) companySize: (typeof COMPANY_SIZES)[number];
  @ApiProperty({ type: [String], example: ['JP', 'VN'] }) @IsArray() @ArrayMaxSize(50) @IsISO31661Alpha2({ each: true }) countries: string[];
  @ApiProperty({ type: [String], example: ['vi', 'en', 'ja'] }) @IsArray() @ArrayMaxSize(20) @Matches(/^[a-z]{2,3}$/, { each: true }) languages: string[];
  @ApiPropertyOptional({ type: [WindowDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WindowDto)
  availability?: WindowDto[];
}

export class OptInDto extends ProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() exhibitorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() visitorId?: string;
}

export class VisitorJoinDto extends ProfileDto {
  @ApiProperty({ description: 'the QR pass code from the pass email' }) @IsString() @MaxLength(200) passCode: string;
}

export class VisitorTokenReissueDto {
  @ApiProperty({ description: 'the QR pass code from the pass email, the one the visitor joined with or its current re-issue' }) @IsString() @MaxLength(200) passCode: string;
}

export class TableDto {
  @ApiProperty({ example: 'Table 21' }) @IsString() @Matches(/\S/) @MaxLength(100) name: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() boothId?: string;
}

export class CheckInScanDto {
  @ApiProperty({ description: 'the QR pass code scanned at the table' }) @IsString() @MaxLength(200) code: string;
}

class BreakDto {
  @ApiProperty({ example: '12:00' }) @Matches(/^\d\d:\d\d$/) start: string;
  @ApiProperty({ example: '13:00' }) @Matches(/^\d\d:\d\d$/) end: string;
}

class MatchmakingSessionDto {
  @ApiProperty({ example: '2026-10-01' }) @Matches(/^\d{4}-\d\d-\d\d$/) date: string;
  @ApiProperty({ example: '08:00' }) @Matches(/^\d\d:\d\d$/) start: string;
  @ApiProperty({ example: '17:00' }) @Matches(/^\d\d:\d\d$/) end: string;
  @ApiPropertyOptional({ type: [BreakDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => BreakDto) breaks?: BreakDto[];
}

export class SettingsDto {
  @ApiProperty({ example: 30 }) @IsInt() @Min(5) @Max(240) slotMinutes: number;
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(100) perDayLimit: number;
  @ApiProperty({ example: 72 }) @IsInt() @Min(1) @Max(2160) requestExpiryHours: number;
  @ApiProperty({ enum: ['immediate', 'batch'] }) @IsIn(['immediate', 'batch']) mode: 'immediate' | 'batch';
  @ApiPropertyOptional({ example: '+07:00' }) @IsOptional() @Matches(/^[+-]\d\d:\d\d$/) utcOffset?: string;
  @ApiProperty({ type: [MatchmakingSessionDto] }) @IsArray() @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => MatchmakingSessionDto) sessions: MatchmakingSessionDto[];
}

export class MeetingRequestDto {
  @ApiProperty() @IsUUID() to: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) message?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(5) @IsISO8601({}, { each: true }) preferredStarts?: string[];
}

// Response bodies (declared so the web app's types are generated from the OpenAPI document).

const UNPLACED = ['no-common-availability', 'day-limit', 'participant-busy', 'no-free-table'] as const;
const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const;
const dateTime = { type: String, format: 'date-time' } as const;

export class JoinedDto {
  @ApiProperty() participantId: string;
  @ApiProperty({ description: 'personal token for the participant endpoints (header x-participant-token); shown once' }) token: string;
}

export class RecommendationReasonDto {
  @ApiProperty() en: string;
  @ApiProperty() vi: string;
}

export class RecommendationDto {
  @ApiProperty() participantId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [RecommendationReasonDto] }) reasons: RecommendationReasonDto[];
}

export class MeetingRequestViewDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty({ description: 'the participant who asked' }) fromId: string;
  @ApiProperty({ description: 'the participant asked, who accepts or declines' }) toId: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [String], format: 'date-time', description: 'slot starts the asker prefers' }) preferredStarts: string[];
  @ApiProperty({ enum: REQUEST_STATUSES }) status: (typeof REQUEST_STATUSES)[number];
  @ApiProperty(dateTime) createdAt: string;
  @ApiProperty(dateTime) expiresAt: string;
  @ApiProperty({ ...dateTime, nullable: true, description: 'null while pending' }) answeredAt: string | null;
}

export class MyRequestDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction: 'in' | 'out';
  @ApiProperty() otherId: string;
  @ApiProperty() otherName: string;
  @ApiProperty() otherCompany: string;
  @ApiProperty() message: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: (typeof REQUEST_STATUSES)[number];
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
}

export class AgendaItemDto {
  @ApiProperty() meetingId: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() table: string;
  @ApiProperty() otherName: string;
  @ApiProperty() otherCompany: string;
  @ApiProperty() status: string;
}

export class AgendaDto {
  @ApiProperty() participantId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
  @ApiProperty() fairNameVi: string;
  @ApiProperty() fairNameEn: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: [AgendaItemDto] }) meetings: AgendaItemDto[];
}

export class MeetingTableDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) boothId: string | null;
  @ApiProperty({ type: String, nullable: true }) ownerParticipantId: string | null;
  @ApiProperty() active: boolean;
}

export class UnplacedDto {
  @ApiProperty() meetingId: string;
  @ApiProperty({ enum: UNPLACED }) reason: (typeof UNPLACED)[number];
}

export class SchedulerProposalDto {
  @ApiProperty() id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'accepted meetings without a slot that the run considered' }) considered: number;
  @ApiProperty() placed: number;
  @ApiProperty({ description: 'an upper bound on how many any schedule could place' }) upperBound: number;
  @ApiProperty({ type: [UnplacedDto] }) unplaced: UnplacedDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'reason → meetings left out' }) reasons: Partial<Record<(typeof UNPLACED)[number], number>>;
  @ApiProperty({ enum: ['open', 'published', 'discarded'] }) status: 'open' | 'published' | 'discarded';
}

class SessionOutDto extends MatchmakingSessionDto {}

export class SettingsViewDto {
  @ApiProperty() slotMinutes: number;
  @ApiProperty() perDayLimit: number;
  @ApiProperty() requestExpiryHours: number;
  @ApiProperty({ enum: ['immediate', 'batch'] }) mode: 'immediate' | 'batch';
  @ApiProperty() utcOffset: string;
  @ApiProperty({ type: [SessionOutDto] }) sessions: SessionOutDto[];
}

const counts = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class MeetingTalliesDto {
  @ApiProperty({ ...counts, description: 'event → count' }) total: Record<string, number>;
  @ApiProperty({ ...counts, description: "'YYYY-MM-DD|event' → count" }) byDay: Record<string, number>;
  @ApiProperty({ ...counts, description: "'sector|event' → count" }) bySector: Record<string, number>;
  @ApiProperty({ ...counts, description: "'JP-VN|event' → count" }) byCountryPair: Record<string, number>;
}

export class AcceptedMeetingDto {
  @ApiProperty() id: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ description: 'the participant who asked' }) aId: string;
  @ApiProperty({ description: 'the participant who accepted' }) bId: string;
  @ApiProperty({ enum: ['accepted', 'scheduled'], description: 'scheduled when placed at once (immediate mode), else accepted until a batch proposal is published' })
  status: 'accepted' | 'scheduled';
  @ApiProperty({ type: String, nullable: true }) tableId: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) startsAt: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) endsAt: string | null;
  @ApiProperty(dateTime) createdAt: string;
}

export class AcceptedDto {
  @ApiProperty({ type: MeetingRequestViewDto }) request: MeetingRequestViewDto;
  @ApiProperty({ type: AcceptedMeetingDto, description: 'the meeting, with its slot and table when placed at once' }) meeting: AcceptedMeetingDto;
}

export class AgendaEmailDto {
  @ApiProperty({ description: 'false when the same mail was already queued (deduplicated)' }) queued: boolean;
}

export class AgendasSentDto {
  @ApiProperty({ description: 'agenda emails queued' }) queued: number;
}

export class MeetingCheckInDto {
  @ApiProperty() meetingId: string;
  @ApiProperty({ enum: ['a', 'b'], description: 'the side that was checked in' }) side: 'a' | 'b';
  @ApiProperty({ enum: ['scheduled', 'held'], description: 'held once both sides are in' }) status: 'scheduled' | 'held';
  @ApiProperty() aCheckedIn: boolean;
  @ApiProperty() bCheckedIn: boolean;
}

export class TableRemovedDto {
  @ApiProperty({ enum: ['deleted', 'deactivated'], description: 'a table that ever had a meeting is deactivated, not deleted' }) removed: 'deleted' | 'deactivated';
}
