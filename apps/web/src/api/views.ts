import type { components } from './schema';

/**
 * Response bodies. Where the API declares its response schema they come from the generated
 * OpenAPI types; the rest are endpoints that do not declare one yet (see docs/decisions/014-web-app.md),
 * described here from the services' return types until their controllers gain @ApiOkResponse.
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
export type Verdict = 'admitted' | 're-entry' | 'already-inside' | 'not-valid-yet' | 'expired' | 'revoked' | 'invalid' | 'exited' | 'not-inside';

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

export interface BatchProgress {
  batchId: string;
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  done: boolean;
  failures: { email: string; error: string | null; attempts: number }[];
}

export interface Gate {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface GateDevice {
  id: string;
  fairId: string;
  gateId: string;
  name: string;
}

export interface ScanOutcome {
  scanId: string;
  verdict: Verdict;
  reason: string | null;
  replayed: boolean;
  conflict: boolean;
  visitor: { name: string; company: string; visitorType: string } | null;
  serial: number | null;
}

export interface OfflineKit {
  fairId: string;
  generatedAt: string;
  keys: { keyId: number; publicKey: string; active: boolean }[];
  revocations: { serial: number; issue: number; reason: string; revokedAt: string }[];
}

export interface VisitTallies {
  byHour: Record<string, number>;
  byGate: Record<string, number>;
  byVisitorType: Record<string, number>;
  insideNow: number;
}
