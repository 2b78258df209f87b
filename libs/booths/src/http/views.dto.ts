import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOTH_KINDS, type BoothKind } from '@fair/fairs';

// Response bodies of the booth allocation endpoints (declared so the web app's types are
// generated from the OpenAPI document): FloorPlanService, SelfSelectionService, RoundsService,
// ProposalsService and AllocationService.release.

const dateTime = { type: String, format: 'date-time' } as const;

/** What every view of a booth on the plan carries: where it is drawn and what it costs. */
class PlanBoothBaseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'A01' }) code: string;
  @ApiProperty({ description: 'hall code', example: 'A' }) hall: string;
  @ApiProperty({ enum: BOOTH_KINDS }) kind: BoothKind;
  @ApiProperty({ description: 'metres from the hall origin' }) x: number;
  @ApiProperty() y: number;
  @ApiProperty({ description: 'metres' }) width: number;
  @ApiProperty({ description: 'metres' }) height: number;
  @ApiProperty() isCorner: boolean;
  @ApiProperty() areaM2: number;
  @ApiProperty() priceVnd: number;
}

export class BoothOccupantDto {
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ description: 'legal name' }) name: string;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
  @ApiProperty({ example: 'JP' }) country: string;
}

export class FloorPlanBoothDto extends PlanBoothBaseDto {
  @ApiProperty({ enum: ['available', 'held', 'assigned'] }) status: 'available' | 'held' | 'assigned';
  @ApiProperty({ type: BoothOccupantDto, nullable: true, description: 'who holds or has it; null when available' }) occupant: BoothOccupantDto | null;
  @ApiProperty({ ...dateTime, nullable: true, description: 'when a hold ends by itself' }) expiresAt: string | null;
}

export class FloorPlanHallDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() nameVi: string;
  @ApiProperty() nameEn: string;
}

export class FloorPlanCountsDto {
  @ApiProperty() available: number;
  @ApiProperty() held: number;
  @ApiProperty() assigned: number;
}

export class FloorPlanViewDto {
  @ApiProperty() fairId: string;
  @ApiProperty({ type: [FloorPlanHallDto] }) halls: FloorPlanHallDto[];
  @ApiProperty({ type: FloorPlanCountsDto }) counts: FloorPlanCountsDto;
  @ApiProperty({ type: [FloorPlanBoothDto] }) booths: FloorPlanBoothDto[];
}

export class RoundTurnDto {
  @ApiProperty({ description: '0 picks first' }) position: number;
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ enum: ['waiting', 'picking', 'picked', 'missed'] }) status: 'waiting' | 'picking' | 'picked' | 'missed';
}

export class RoundViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() turnMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'whose turn it is; null once the round is closed' }) currentPosition: number | null;
  @ApiProperty({ ...dateTime, nullable: true }) turnEndsAt: string | null;
  @ApiProperty({ type: [RoundTurnDto] }) turns: RoundTurnDto[];
}

export class SelectionRoundDto extends RoundViewDto {
  @ApiProperty({ description: "the signed-in exhibitor's place in the order" }) myPosition: number;
  @ApiProperty({ description: 'it is picking now, within its window' }) myTurnNow: boolean;
}

/** A booth as an exhibitor sees it: free, free but not of a kind it asked for, taken (by anyone else, or held) or its own, never who holds it. */
export class SelectionBoothDto extends PlanBoothBaseDto {
  @ApiProperty({
    enum: ['available', 'not-requested', 'enough', 'taken', 'mine'],
    description:
      'not-requested = free, but of a kind its application did not ask for (or its area may not have): a pick of it is refused (KIND_NOT_REQUESTED); enough = free, of a kind it asked for, but it already holds as many of that kind as it asked for: a pick of it is refused (TOO_MANY_BOOTHS); mine = assigned to it; a booth held for it shows as taken',
  })
  status: 'available' | 'not-requested' | 'enough' | 'taken' | 'mine';
}

export class SelectionViewDto {
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ type: SelectionRoundDto, nullable: true, description: 'the latest open round in which it has a turn' }) round: SelectionRoundDto | null;
  @ApiProperty({ type: [SelectionBoothDto] }) booths: SelectionBoothDto[];
}

export class ProposalChangeDto {
  @ApiProperty() boothId: string;
  @ApiProperty({ description: 'booth code' }) booth: string;
  @ApiProperty() exhibitorId: string;
  @ApiProperty({ description: 'legal name' }) exhibitor: string;
}

export class ProposalScoreDto {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'everything but the per-booth coverage term' }) wishes: number;
  @ApiProperty() booths: number;
  @ApiProperty() priority: number;
  @ApiProperty() adjacent: number;
  @ApiProperty() partner: number;
  @ApiProperty() competitor: number;
  @ApiProperty() hall: number;
  @ApiProperty() corner: number;
  @ApiProperty({ description: 'upper bound of the total' }) bound: number;
  @ApiProperty({ description: 'total as a percentage of the bound (2 decimals)' }) percentOfBound: number;
}

export class UnmetWishDto {
  @ApiProperty({ description: 'the exhibitor id' }) companyId: string;
  @ApiProperty({ description: 'legal name' }) exhibitor: string;
  @ApiProperty({ enum: ['booths', 'adjacent', 'partner', 'competitor', 'hall', 'corner'] }) wish: 'booths' | 'adjacent' | 'partner' | 'competitor' | 'hall' | 'corner';
  @ApiProperty({ description: 'why it is unmet (English, for organisers)' }) reason: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'e.g. { kind, requested, got } for booths' }) detail?: Record<string, unknown>;
}

export class ProposalViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['proposed', 'applied', 'discarded'] }) status: 'proposed' | 'applied' | 'discarded';
  @ApiProperty({ type: [ProposalChangeDto], description: 'new placements (booths already held or assigned are not repeated)' }) changes: ProposalChangeDto[];
  @ApiProperty({ type: ProposalScoreDto }) score: ProposalScoreDto;
  @ApiProperty({ type: [UnmetWishDto] }) unmet: UnmetWishDto[];
  @ApiProperty(dateTime) createdAt: string;
}

export class ReleasedBoothDto {
  @ApiProperty({ description: 'booth code' }) booth: string;
  @ApiProperty({ enum: ['available', 'held'], description: 'what the booth is now: available, or held at once for the first waiting exhibitor that can take it (a waitlist offer)' })
  status: 'available' | 'held';
  @ApiProperty({ type: String, nullable: true, description: 'the waitlisted exhibitor the booth is now held for; null when available' }) offeredTo: string | null;
  @ApiProperty({ ...dateTime, nullable: true, description: 'when the offer (hold) ends by itself unless accepted; null when available' }) expiresAt: string | null;
}
