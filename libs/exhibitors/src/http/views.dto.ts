import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { SessionDto } from '@fair/auth';
import { BOOTH_KINDS, type BoothKind } from '@fair/fairs';
import { EXHIBITOR_STATUSES, type ExhibitorStatus } from '../exhibitor-status';
import { PlacementDto } from './application.dto';

// Response bodies of the exhibitor endpoints (declared so the web app's types are generated from
// the OpenAPI document). They describe exhibitorView(), the catalogue and the other services.

const dateTime = { type: String, format: 'date-time' } as const;

/** `{ kind: count }` for the kinds asked for (kinds not asked for are absent). */
const boothCounts = (description: string, allKinds: boolean): ApiPropertyOptions => ({
  type: 'object',
  description,
  properties: Object.fromEntries(BOOTH_KINDS.map((k) => [k, { type: 'integer' }])),
  ...(allKinds ? { required: [...BOOTH_KINDS], selfRequired: true } : {}),
});

export class ExhibitorViewDto {
  @ApiProperty() id: string;
  @ApiProperty() fairId: string;
  @ApiProperty({ enum: EXHIBITOR_STATUSES }) status: ExhibitorStatus;
  @ApiProperty() legalName: string;
  @ApiProperty({ type: String, nullable: true }) nameVi: string | null;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ example: 'JP' }) country: string;
  @ApiProperty({ enum: ['international', 'domestic'] }) origin: 'international' | 'domestic';
  @ApiProperty({ description: 'an organiser set the origin by hand' }) originOverridden: boolean;
  @ApiProperty() taxId: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty({ description: 'empty when not given' }) products: string;
  @ApiProperty({ description: 'empty when not given' }) description: string;
  @ApiProperty({ type: String, nullable: true }) logoUrl: string | null;
  @ApiProperty() contactName: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'E.164' }) phone: string;
  @ApiProperty({ enum: ['vi', 'en'] }) lang: 'vi' | 'en';
  @ApiProperty(boothCounts('booths asked for, by kind', false)) boothRequests: Partial<Record<BoothKind, number>>;
  @ApiProperty({ type: PlacementDto }) placement: PlacementDto;
  @ApiProperty({ type: String, nullable: true, description: 'the last reason or note sent to the applicant' }) reviewNote: string | null;
  @ApiProperty({ enum: ['online', 'import'] }) source: 'online' | 'import';
  @ApiProperty({ description: 'an exhibitor account signs in to this application' }) hasAccount: boolean;
  @ApiProperty({ type: [String], description: 'codes of the booths assigned to it' }) assignedBooths: string[];
  @ApiProperty({ ...dateTime, nullable: true }) submittedAt: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) emailConfirmedAt: string | null;
  @ApiProperty({ ...dateTime, nullable: true }) decidedAt: string | null;
  @ApiProperty(dateTime) createdAt: string;
  @ApiProperty(dateTime) updatedAt: string;
}

export class ExhibitorListDto {
  @ApiProperty({ description: 'matching applications, all pages' }) total: number;
  @ApiProperty({ type: [ExhibitorViewDto] }) items: ExhibitorViewDto[];
}

export class ExhibitorTransitionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: EXHIBITOR_STATUSES, description: 'the status after the action' }) status: ExhibitorStatus;
}

export class ExhibitorImportResultDto {
  @ApiProperty() imported: number;
  @ApiProperty({ type: [String], description: 'ids of the created applications, in file order' }) ids: string[];
}

export class ApprovedRequestDto {
  @ApiProperty() exhibitorId: string;
  @ApiProperty() legalName: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: ['international', 'domestic'] }) origin: 'international' | 'domestic';
  @ApiProperty({ type: [String] }) sectors: string[];
  @ApiProperty(boothCounts('booths wanted, by kind (0 when none)', true)) requested: Record<BoothKind, number>;
  @ApiProperty({ enum: BOOTH_KINDS, isArray: true, description: 'its own area (international or domestic) plus the technical kinds' }) eligibleKinds: BoothKind[];
  @ApiProperty({ type: PlacementDto }) placement: PlacementDto;
}

export class ApprovedRequestsDto {
  @ApiProperty({ description: 'approved exhibitors' }) exhibitors: number;
  @ApiProperty(boothCounts('booths requested by approved exhibitors, summed by kind', true)) booths: Record<BoothKind, number>;
  @ApiProperty({ type: [ApprovedRequestDto] }) items: ApprovedRequestDto[];
}

export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() exhibitorId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'empty when not given' }) role: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty(dateTime) createdAt: string;
}

/** The session of the account the confirmation created or signed in to, and the application's new status. */
export class ConfirmedDto extends SessionDto {
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ enum: EXHIBITOR_STATUSES }) status: ExhibitorStatus;
}

export class MailRequestedDto {
  @ApiProperty({ description: 'always true, whether or not the address has an account' }) sent: boolean;
}

export class CatalogueSectorDto {
  @ApiProperty() code: string;
  @ApiProperty({ description: "the sector's name in the reader's language" }) name: string;
}

export class CatalogueEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: "the name in the reader's language, else the legal name" }) name: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ example: 'JP' }) country: string;
  @ApiProperty({ description: "the country's name in the reader's language" }) countryName: string;
  @ApiProperty({ type: [CatalogueSectorDto] }) sectors: CatalogueSectorDto[];
  @ApiProperty({ description: 'empty when not given' }) products: string;
  @ApiProperty({ description: 'empty when not given' }) description: string;
  @ApiProperty({ type: String, nullable: true }) logoUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: [String], description: 'codes of its assigned booths' }) boothCodes: string[];
}

export class CatalogueDto {
  @ApiProperty() total: number;
  @ApiProperty({ type: [CatalogueEntryDto] }) items: CatalogueEntryDto[];
}
