import type { Lang } from '@fair/core';
import type { BoothKind } from '@fair/fairs';

/** What a company sends when it applies (HTTP body or one CSV row), before normalisation. */
export interface ApplicationInput {
  legalName: string;
  nameVi?: string;
  nameEn?: string;
  country: string;
  taxId: string;
  address: string;
  website?: string;
  sectors: string[];
  products?: string;
  contactName: string;
  email: string;
  phone: string;
  booths: { kind: string; count: number }[];
  placement?: PlacementWishes;
  consent: boolean;
  lang?: Lang;
}

/** Wishes the booth allocation reads; people place exhibitors, so these are hints, not rules. */
export interface PlacementWishes {
  /** Companies (names as written by the applicant) it wants to be near. */
  nearPartners?: string[];
  /** Competitors it wants to be away from. */
  awayFrom?: string[];
  /** A hall code it prefers, e.g. "A". */
  hall?: string;
  corner?: boolean;
  note?: string;
}

export type Origin = 'international' | 'domestic';

/** The application as stored: checked against the fair, normalised, origin derived. */
export interface NormalisedApplication {
  legalName: string;
  nameVi: string | null;
  nameEn: string | null;
  country: string;
  origin: Origin;
  taxId: string;
  address: string;
  website: string | null;
  sectors: string[];
  products: string;
  contactName: string;
  email: string;
  phone: string;
  boothRequests: Partial<Record<BoothKind, number>>;
  placement: PlacementWishes;
  lang: Lang;
}

/** Same shape as the API's per-field validation errors, so both answer alike. */
export interface FieldIssue {
  field: string;
  constraint: string;
  en: string;
  vi: string;
}

/** What the rules need to know about the fair. */
export interface FairFacts {
  sectorCodes: string[];
  boothsByKind: Record<BoothKind, number>;
}
