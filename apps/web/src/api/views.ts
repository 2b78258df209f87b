import type { components } from './schema';

/**
 * Names for the request and response bodies the pages use, all from the generated OpenAPI types
 * (`npm run web:api-types`; every controller declares its response schema, which
 * apps/api/src/http/openapi-responses.spec.ts enforces). No body type is written by hand here.
 */
export type Fair = components['schemas']['FairDto'];
export type Booth = components['schemas']['BoothDto'];
export type Session = components['schemas']['SessionDto'];
export type ApplyBody = components['schemas']['ApplyDto'];
export type RegisterVisitorBody = components['schemas']['RegisterVisitorDto'];
export type BoothKind = components['schemas']['BoothRequestDto']['kind'];
export type VisitorType = components['schemas']['RegisterVisitorDto']['visitorType'];
export const BOOTH_KINDS: BoothKind[] = ['international', 'domestic', 'technical-matchmaking', 'technical-workshop'];
export const VISITOR_TYPES: VisitorType[] = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'];
export type Verdict = components['schemas']['ScanOutcomeDto']['verdict'];
type S = components['schemas'];
export type BatchProgress = S['BatchProgressDto'];
export type Gate = S['GateDto'];
export type GateDevice = S['GateDeviceDto'];
export type CheckinConflict = S['CheckinConflictDto'];
export type ScanOutcome = S['ScanOutcomeDto'];
export type OfflineKit = S['OfflineKitDto'];
export type VisitTallies = S['VisitTalliesDto'];
export type LiveFigures = S['LiveFiguresDto'];
export type PostFairReport = S['PostFairReportDto'];
export type ReportRun = S['ReportRunDto'];
export type MeetingTable = S['MeetingTableDto'];
export type SchedulerProposal = S['SchedulerProposalDto'];
export type MatchmakingSettings = S['SettingsViewDto'];
export type Recommendation = S['RecommendationDto'];
export type MyRequest = S['MyRequestDto'];
export type Agenda = S['AgendaDto'];
export type Lead = S['LeadDto'];
export type PublicPass = S['PublicPassDto'];

export type ExhibitorView = S['ExhibitorViewDto'];
export type ExhibitorList = S['ExhibitorListDto'];
export type CatalogueEntry = S['CatalogueEntryDto'];
export type StaffMember = S['StaffMemberDto'];
export type FloorPlanView = S['FloorPlanViewDto'];
export type RoundView = S['RoundViewDto'];
export type SelectionView = S['SelectionViewDto'];
export type ProposalView = S['ProposalViewDto'];
export type ReleasedBooth = S['ReleasedBoothDto'];
/** A booth as the floor plan draws it: the organiser's view (status, occupant) or the exhibitor's (available / taken / mine). */
export type PlanBooth = FloorPlanBooth | S['SelectionBoothDto'];
export type FloorPlanBooth = S['FloorPlanBoothDto'];
