/** Inputs and outputs of the booth allocation solver (pure: no database, no Nest). */

export interface SolverBooth {
  id: string;
  code: string;
  kind: string;
  hall: string;
  x: number;
  y: number;
  width: number;
  height: number;
  isCorner: boolean;
}

export interface SolverCompany {
  id: string;
  name: string;
  /** Booths still wanted, by kind. */
  requested: Record<string, number>;
  /** Kinds it may be given (hard rule). */
  allowedKinds: string[];
  /** 0 = first: priority points or application order. */
  rank: number;
  /** Company ids it wants to be near, and to be away from. */
  nearPartners?: string[];
  awayFrom?: string[];
  hall?: string | null;
  corner?: boolean;
}

export interface SolverWeights {
  /** per booth given (coverage); large so that a booth more always beats any wish */
  booth: number;
  /** per booth, times (1 - rank/companies): earlier companies first when booths are short */
  priority: number;
  /** per pair of one company's booths that share a wall */
  adjacent: number;
  /** per near-partner wish whose booths are near (shared out over booth pairs) */
  partner: number;
  /** per competitor pair placed near (a penalty, shared out over booth pairs) */
  competitor: number;
  /** per booth in the company's preferred hall */
  hall: number;
  /** per corner booth for a company that wants corners */
  corner: number;
}

export const DEFAULT_WEIGHTS: SolverWeights = { booth: 1000, priority: 1, adjacent: 10, partner: 6, competitor: 8, hall: 3, corner: 2 };

/** Booth centres closer than this (metres, same hall) are "near" for partner and competitor wishes. */
export const NEAR_METRES = 8;

export interface SolverInput {
  booths: SolverBooth[];
  companies: SolverCompany[];
  /** Booths already held or assigned: they keep their owner and count for adjacency and wishes. */
  fixed?: { boothId: string; companyId: string }[];
  weights?: Partial<SolverWeights>;
  /** Local search stops after this long (default 2000 ms). */
  timeLimitMs?: number;
  seed?: number;
}

export interface ScoreBreakdown {
  total: number;
  /** everything but the per-booth coverage term: what the wishes earned */
  wishes: number;
  booths: number;
  priority: number;
  adjacent: number;
  partner: number;
  competitor: number;
  hall: number;
  corner: number;
}

export interface UnmetWish {
  companyId: string;
  wish: 'booths' | 'adjacent' | 'partner' | 'competitor' | 'hall' | 'corner';
  reason: string;
  detail?: Record<string, unknown>;
}

export interface SolverResult {
  /** New placements only (fixed booths are not repeated). */
  assignment: { boothId: string; companyId: string }[];
  score: ScoreBreakdown;
  unmet: UnmetWish[];
  stats: { constructMs: number; improveMs: number; moves: number };
}
