import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class StartReportDto {
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of the report (default vi)' }) @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
}

// Response bodies (declared so the web app's types are generated from the OpenAPI document).

export class HourVisitsDto {
  @ApiProperty({ example: '2026-10-01T09', description: "fair-local hour 'YYYY-MM-DDTHH'" }) hour: string;
  @ApiProperty() visits: number;
}

export class GateVisitsDto {
  @ApiProperty() gateId: string;
  @ApiProperty() code: string;
  @ApiProperty() visits: number;
}

const counts = { type: 'object', additionalProperties: { type: 'number' } } as const;

export class LiveVisitsDto {
  @ApiProperty({ description: 'entries so far (admissions and re-entries)' }) total: number;
  @ApiProperty() insideNow: number;
  @ApiProperty({ type: [HourVisitsDto] }) arrivalsByHour: HourVisitsDto[];
  @ApiProperty({ type: [GateVisitsDto] }) byGate: GateVisitsDto[];
  @ApiProperty(counts) byVisitorType: Record<string, number>;
  @ApiProperty(counts) byCountry: Record<string, number>;
}

export class LiveExhibitorsDto {
  @ApiProperty(counts) byStatus: Record<string, number>;
  @ApiProperty(counts) byCountry: Record<string, number>;
  @ApiProperty(counts) byOrigin: Record<string, number>;
}

export class ExhibitorLeadsDto {
  @ApiProperty() exhibitorId: string;
  @ApiProperty() name: string;
  @ApiProperty() leads: number;
}

export class LiveLeadsDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [ExhibitorLeadsDto] }) byExhibitor: ExhibitorLeadsDto[];
}

export class LiveFiguresDto {
  @ApiProperty() fairId: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: LiveVisitsDto }) visits: LiveVisitsDto;
  @ApiProperty({ type: 'object', additionalProperties: counts, description: 'booth kind → status → count' }) booths: Record<string, Record<string, number>>;
  @ApiProperty({ type: LiveExhibitorsDto }) exhibitors: LiveExhibitorsDto;
  @ApiProperty({ ...counts, description: 'requested / accepted / scheduled / held / no-show' }) meetings: Record<string, number>;
  @ApiProperty({ type: LiveLeadsDto }) leads: LiveLeadsDto;
}

export class ReportFairDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() venue: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
}

export class HeadlineBoothsDto {
  @ApiProperty() total: number;
  @ApiProperty() international: number;
  @ApiProperty() domestic: number;
  @ApiProperty() technical: number;
  @ApiProperty() technicalMatchmaking: number;
  @ApiProperty() technicalWorkshop: number;
}

export class HeadlineDto {
  @ApiProperty() companies: number;
  @ApiProperty({ type: HeadlineBoothsDto }) booths: HeadlineBoothsDto;
  @ApiProperty() visits: number;
  @ApiProperty() tradeMeetings: number;
}

export class SectorLineDto {
  @ApiProperty() sector: string;
  @ApiProperty() label: string;
  @ApiProperty() exhibitors: number;
  @ApiProperty() visitors: number;
}

export class CountryLineDto {
  @ApiProperty() country: string;
  @ApiProperty() exhibitors: number;
  @ApiProperty() visits: number;
}

export class MeetingsDayDto {
  @ApiProperty() day: string;
  @ApiProperty() scheduled: number;
  @ApiProperty() held: number;
  @ApiProperty() noShow: number;
}

export class OccupancyDto {
  @ApiProperty() kind: string;
  @ApiProperty() label: string;
  @ApiProperty() total: number;
  @ApiProperty() assigned: number;
  @ApiProperty() rate: number;
}

export class PostFairReportDto {
  @ApiProperty({ type: ReportFairDto }) fair: ReportFairDto;
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: HeadlineDto }) headline: HeadlineDto;
  @ApiProperty({ type: [String] }) headlineText: string[];
  @ApiProperty({ type: [HourVisitsDto] }) arrivalCurve: HourVisitsDto[];
  @ApiProperty({ type: [SectorLineDto] }) topSectors: SectorLineDto[];
  @ApiProperty({ type: [CountryLineDto] }) topCountries: CountryLineDto[];
  @ApiProperty({ type: [MeetingsDayDto] }) meetingsPerDay: MeetingsDayDto[];
  @ApiProperty({ type: [OccupancyDto] }) boothOccupancy: OccupancyDto[];
}

export class ReportRunDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty({ description: '0-100' }) progress: number;
  @ApiProperty() step: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

export class TallyDifferenceDto {
  @ApiProperty({ enum: ['visits', 'meetings'] }) tally: 'visits' | 'meetings';
  @ApiProperty({ example: 'visits.byGate|<gate id>' }) key: string;
  @ApiProperty({ description: 'the Redis counter' }) tallied: number;
  @ApiProperty({ description: 'recounted from the source tables' }) recounted: number;
}

export class ReconciliationDto {
  @ApiProperty() fairId: string;
  @ApiProperty({ description: 'no difference' }) ok: boolean;
  @ApiProperty({ description: 'counters compared' }) compared: number;
  @ApiProperty({ type: [TallyDifferenceDto] }) differences: TallyDifferenceDto[];
  @ApiProperty({ description: 'tally jobs still waiting: differences are expected until they ran' }) pendingTallyJobs: number;
}
