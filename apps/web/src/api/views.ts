import type { components } from './schema';

/**
 * Response bodies, from the generated OpenAPI types. The interfaces below are the endpoints
 * (exhibitors, booths) whose controllers do not declare a response schema yet, described from
 * the services' return types (see docs/decisions/009-web-app.md).
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

export interface ExhibitorView {
  id: string;
  fairId: string;
  status: string;
  legalName: string;
  nameVi: string | null;
  nameEn: string | null;
  country: string;
  origin: string;
  email: string;
  phone: string;
  contactName: string;
  website: string | null;
  products: string | null;
  description: string | null;
  sectors: string[];
  boothRequests: Partial<Record<BoothKind, number>>;
  reviewNote: string | null;
  assignedBooths: string[];
  submittedAt: string | null;
  createdAt: string;
}

export interface CatalogueEntry {
  id: string;
  name: string;
  country: string;
  countryName: string;
  sectors: { code: string; name: string }[];
  products: string;
  description: string;
  website: string | null;
  boothCodes: string[];
}

export interface PlanBooth {
  id: string;
  code: string;
  hall: string;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isCorner: boolean;
  areaM2: number;
  priceVnd: number;
  status: 'available' | 'held' | 'assigned' | 'taken' | 'mine';
  occupant?: { exhibitorId: string; name: string; nameEn: string | null; country: string } | null;
  expiresAt?: string | null;
}

export interface FloorPlanView {
  fairId: string;
  halls: { id: string; code: string; nameVi: string; nameEn: string }[];
  counts: { available: number; held: number; assigned: number };
  booths: PlanBooth[];
}

export interface RoundView {
  id: string;
  status: 'open' | 'closed';
  turnMinutes: number;
  currentPosition: number | null;
  turnEndsAt: string | null;
  turns: { position: number; exhibitorId: string; status: string }[];
}

export interface SelectionView {
  exhibitorId: string;
  round: (RoundView & { myPosition: number; myTurnNow: boolean }) | null;
  booths: PlanBooth[];
}

export interface ProposalView {
  id: string;
  status: 'proposed' | 'applied' | 'discarded';
  changes: { boothId: string; booth: string; exhibitorId: string; exhibitor: string }[];
  score: Record<string, number> & { total?: number; bound: number; percentOfBound: number };
  unmet: { exhibitor: string; [k: string]: unknown }[];
  createdAt: string;
}

