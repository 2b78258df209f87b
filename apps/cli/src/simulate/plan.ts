import { seededRandom } from '@fair/core';
import type { BoothKind } from '@fair/fairs';

/** Every count of a simulated fair. The defaults reproduce the reference fair's published figures. */
export interface SimulationParams {
  /** exhibiting companies (each ends up holding at least one booth) */
  companies: number;
  /** of which foreign (international booths); one more company (the network operator) holds the technical booths */
  internationalCompanies: number;
  booths: Record<BoothKind, number>;
  /** visitors registering themselves on the public page */
  registeredVisitors: number;
  /** visitors imported by the organiser and invited by email */
  invitedVisitors: number;
  /** gate entries over the fair (admissions + re-entries) */
  visits: number;
  /** share of the visits that are re-entries after going out */
  reentryShare: number;
  days: number;
  gates: number;
  /** visitors opting into matchmaking */
  matchmakingVisitors: number;
  meetingsHeld: number;
  noShows: number;
  declined: number;
  /** requests left unanswered until they expire */
  expired: number;
  seed: number;
  /** parallel HTTP calls */
  concurrency: number;
}

export const REFERENCE_PARAMS: SimulationParams = {
  companies: 138,
  internationalCompanies: 55,
  booths: { international: 57, domestic: 83, 'technical-matchmaking': 20, 'technical-workshop': 20 },
  registeredVisitors: 1400,
  invitedVisitors: 1000,
  visits: 3029,
  reentryShare: 0.06,
  days: 3,
  gates: 6,
  matchmakingVisitors: 800,
  meetingsHeld: 3899,
  noShows: 180,
  declined: 150,
  expired: 60,
  seed: 2018,
  concurrency: 12,
};

/** A small deterministic generator (mulberry32), so a seed gives the same fair every time. */
export const rng = seededRandom;

export interface CompanyPlan {
  index: number;
  origin: 'international' | 'domestic';
  country: string;
  booths: Partial<Record<BoothKind, number>>;
  sectors: string[];
}

const FOREIGN = ['JP', 'KR', 'TW', 'TH', 'SG', 'DE', 'CN', 'US'];
const SIM_SECTORS = ['mechanical', 'electronics', 'supporting-industries', 'automation', 'plastics-rubber', 'moulds-dies', 'automotive-parts', 'materials', 'packaging', 'services'];

/** Why a set of parameters cannot produce the figures it asks for; empty when it can. */
export function checkParams(p: SimulationParams): string[] {
  const errors: string[] = [];
  const technical = p.booths['technical-matchmaking'] + p.booths['technical-workshop'];
  const domesticCompanies = p.companies - p.internationalCompanies - (technical > 0 ? 1 : 0);
  if (p.internationalCompanies > p.booths.international) errors.push('more international companies than international booths');
  if (p.internationalCompanies < (p.booths.international > 0 ? 1 : 0)) errors.push('international booths need at least one international company');
  if (domesticCompanies < (p.booths.domestic > 0 ? 1 : 0) || domesticCompanies > p.booths.domestic) errors.push('the domestic companies (companies - international - 1 network operator) must be between 1 and the domestic booths');
  if (p.days < 1 || p.days > 10) errors.push('days must be 1..10');
  if (p.gates < 1) errors.push('at least one gate');
  const visitors = p.registeredVisitors + p.invitedVisitors;
  const reentries = Math.round(p.visits * p.reentryShare);
  const visitorDays = p.visits - reentries;
  if (visitorDays > visitors * p.days) errors.push(`${p.visits} visits need more visitors (at most ${p.days} entries each plus re-entries)`);
  if (reentries > visitorDays) errors.push('too many re-entries');
  if (p.matchmakingVisitors > Math.min(visitors, visitorDays)) errors.push('more matchmaking visitors than visitors who come');
  const meetings = p.meetingsHeld + p.noShows + p.declined + p.expired;
  const exhibitors = p.companies;
  if (meetings > p.matchmakingVisitors * Math.min(exhibitors, 40)) errors.push('too many meetings for the matchmaking visitors and exhibitors');
  return errors;
}

export function companies(p: SimulationParams): CompanyPlan[] {
  const technical = p.booths['technical-matchmaking'] + p.booths['technical-workshop'];
  const domestic = p.companies - p.internationalCompanies - (technical > 0 ? 1 : 0);
  const out: CompanyPlan[] = [];
  const spread = (n: number, total: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
  for (let i = 0; i < p.internationalCompanies; i++) {
    out.push({ index: out.length, origin: 'international', country: FOREIGN[i % FOREIGN.length]!, booths: { international: spread(p.internationalCompanies, p.booths.international, i) }, sectors: [SIM_SECTORS[i % SIM_SECTORS.length]!] });
  }
  for (let i = 0; i < domestic; i++) {
    out.push({ index: out.length, origin: 'domestic', country: 'VN', booths: { domestic: spread(domestic, p.booths.domestic, i) }, sectors: [SIM_SECTORS[(i + 3) % SIM_SECTORS.length]!, 'supporting-industries'] });
  }
  if (technical > 0) {
    out.push({
      index: out.length,
      origin: 'domestic',
      country: 'VN',
      booths: { 'technical-matchmaking': p.booths['technical-matchmaking'], 'technical-workshop': p.booths['technical-workshop'] },
      sectors: ['supporting-industries', 'services'],
    });
  }
  return out;
}

export interface VisitorPlan {
  index: number;
  invited: boolean;
  email: string;
  country: string;
  visitorType: 'trade-buyer' | 'importer' | 'general' | 'press';
  /** fair day indexes (0-based) the visitor comes on */
  days: number[];
  /** fair days on which the visitor goes out and back in once */
  reentryDays: number[];
  matchmaking: boolean;
}

/**
 * Who comes on which days: `visits - reentries` admissions spread over the visitors (everyone
 * who comes once, then second and third days for some), the busiest first day, re-entries on
 * some of those days, matchmaking for the visitors who come most.
 */
export function visitors(p: SimulationParams, runId: string): VisitorPlan[] {
  const rand = rng(p.seed + 1);
  const total = p.registeredVisitors + p.invitedVisitors;
  const reentries = Math.round(p.visits * p.reentryShare);
  let admissions = p.visits - reentries;
  const out: VisitorPlan[] = [];
  const types = ['trade-buyer', 'trade-buyer', 'importer', 'general', 'general', 'press'] as const;
  const countries = ['VN', 'VN', 'VN', 'VN', 'JP', 'KR', 'CN', 'TH'];
  for (let i = 0; i < total; i++) {
    out.push({
      index: i,
      invited: i >= p.registeredVisitors,
      email: `sim-${runId}-v${i}@visitors.example`,
      country: countries[Math.floor(rand() * countries.length)]!,
      // general visitors get a once-per-day pass by default: the simulation uses re-entry passes for the ones that go out and back
      visitorType: types[i % types.length]!,
      days: [],
      reentryDays: [],
      matchmaking: false,
    });
  }
  const comers = p.days === 1 ? admissions : Math.min(total, Math.ceil(admissions / 1.25));
  const dayWeight = Array.from({ length: p.days }, (_, d) => 1 / (1 + 0.25 * d));
  const pickDay = (exclude: number[]) => {
    const choices = dayWeight.map((w, d) => (exclude.includes(d) ? 0 : w));
    let r = rand() * choices.reduce((a, b) => a + b, 0);
    for (let d = 0; d < choices.length; d++) if ((r -= choices[d]!) <= 0 && choices[d]! > 0) return d;
    return choices.findIndex((c) => c > 0);
  };
  for (let i = 0; i < comers; i++) out[i]!.days.push(pickDay([]));
  admissions -= comers;
  for (let round = 1; round < p.days && admissions > 0; round++) {
    for (let i = 0; i < comers && admissions > 0; i++) {
      if (out[i]!.days.length !== round) continue;
      out[i]!.days.push(pickDay(out[i]!.days));
      admissions--;
    }
  }
  for (const v of out) v.days.sort((a, b) => a - b);
  // re-entries: one per chosen visitor-day, spread over the comers whose pass allows going out and back in
  const visitorDays = out.filter(reentryPass).flatMap((v) => v.days.map((d) => [v, d] as const));
  for (let k = 0; k < reentries; k++) {
    const [v, d] = visitorDays[Math.floor((k * visitorDays.length) / Math.max(1, reentries))]!;
    v.reentryDays.push(d);
  }
  // matchmaking: the comers with most days, business types first
  const candidates = out.filter((v) => v.days.length > 0).sort((a, b) => b.days.length - a.days.length || Number(a.visitorType === 'general') - Number(b.visitorType === 'general') || a.index - b.index);
  for (const v of candidates.slice(0, p.matchmakingVisitors)) v.matchmaking = true;
  return out;
}

/** Invited visitors get re-entry passes (the import says so); self-registered ones the type's default (general: once per day). */
export function reentryPass(v: VisitorPlan): boolean {
  return v.invited || v.visitorType !== 'general';
}

export interface ArrivalPlan {
  /** minutes after midnight, fair-local */
  arrive: number;
  leave: number;
  /** out and back in (minutes), when the visitor re-enters that day */
  out?: number;
  back?: number;
}

/** Arrival with a morning peak (~09:45) and a midday peak (~13:30); stay 1.5 to 6 hours. */
export function arrival(rand: () => number, reentry: boolean): ArrivalPlan {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const r = rand();
  let arrive = r < 0.58 ? 585 + 45 * gauss() : r < 0.9 ? 810 + 40 * gauss() : 510 + rand() * 450;
  arrive = Math.round(Math.min(960, Math.max(480, arrive)));
  const leave = Math.min(1050, arrive + 90 + Math.round(rand() * 270));
  if (!reentry || leave - arrive < 60) return { arrive, leave: Math.max(leave, arrive + 60) };
  const out = arrive + 20 + Math.round(rand() * (leave - arrive - 50));
  return { arrive, leave: Math.max(leave, out + 30), out, back: out + 15 };
}
