import { neighbourhoods } from './geometry';
import { DEFAULT_WEIGHTS, type SolverInput, type SolverWeights } from './solver-types';

/**
 * The instance in index form, shared by the construction, the local search, the score, the
 * bound and the exact MILP. Booth b, company c; owner[b] = c or -1.
 *
 * Objective (maximised), as in docs/booth-allocation.md:
 *   sum over placed (c, b):  booth + priority*(1 - rank_c/N) + hall*[hall_b = hall_c] + corner*[corner_b and c wants corners]
 * + sum over pairs of one company's booths sharing a wall:  adjacent
 * + sum over booth pairs (b of c, n of e, c != e) that are near:  rel(c, e) / (k_c * k_e)
 * where rel(c, e) = partner * (c or e asked to be near the other) - competitor * (c or e asked to be away)
 * and k_c is the number of booths c asked for in total (so a wish is worth at most its weight).
 */
export interface Model {
  weights: SolverWeights;
  nB: number;
  nC: number;
  kinds: string[];
  boothKind: Int32Array;
  boothHall: string[];
  boothCorner: Uint8Array;
  near: Int32Array[];
  adjacent: Uint8Array[];
  fixed: Uint8Array;
  /** requested[c][kind] */
  requested: Int32Array[];
  allowed: Uint8Array[];
  totalRequested: Int32Array;
  rank: Float64Array;
  hall: (string | null)[];
  wantsCorner: Uint8Array;
  /** symmetric pair weights between companies (already divided by k_c * k_e) */
  rel: Map<number, number>[];
  /** the raw wishes, for reporting */
  partnersOf: number[][];
  awayOf: number[][];
}

export function buildModel(input: SolverInput): { model: Model; initialOwner: Int32Array } {
  const weights = { ...DEFAULT_WEIGHTS, ...input.weights };
  const kinds = [...new Set([...input.booths.map((b) => b.kind), ...input.companies.flatMap((c) => Object.keys(c.requested))])];
  const kindIndex = new Map(kinds.map((k, i) => [k, i]));
  const companyIndex = new Map(input.companies.map((c, i) => [c.id, i]));
  const boothIndex = new Map(input.booths.map((b, i) => [b.id, i]));
  const { near, adjacent } = neighbourhoods(input.booths);
  const nB = input.booths.length;
  const nC = input.companies.length;
  const initialOwner = new Int32Array(nB).fill(-1);
  const fixed = new Uint8Array(nB);
  for (const f of input.fixed ?? []) {
    const b = boothIndex.get(f.boothId);
    const c = companyIndex.get(f.companyId);
    if (b === undefined) continue;
    fixed[b] = 1;
    initialOwner[b] = c ?? -2; // -2: occupied by someone outside the instance
  }
  const requested = input.companies.map((c) => {
    const r = new Int32Array(kinds.length);
    for (const [k, n] of Object.entries(c.requested)) r[kindIndex.get(k)!] = Math.max(0, Math.floor(n));
    return r;
  });
  const allowed = input.companies.map((c) => {
    const a = new Uint8Array(kinds.length);
    for (const k of c.allowedKinds) if (kindIndex.has(k)) a[kindIndex.get(k)!] = 1;
    return a;
  });
  // booths a company already has count towards k_c as well
  const totalRequested = new Int32Array(nC);
  input.companies.forEach((c, i) => (totalRequested[i] = Object.values(c.requested).reduce((s, n) => s + Math.max(0, n), 0)));
  for (let b = 0; b < nB; b++) if (initialOwner[b]! >= 0) totalRequested[initialOwner[b]!]++;
  const partnersOf = input.companies.map((c) => (c.nearPartners ?? []).map((id) => companyIndex.get(id)).filter((i): i is number => i !== undefined));
  const awayOf = input.companies.map((c) => (c.awayFrom ?? []).map((id) => companyIndex.get(id)).filter((i): i is number => i !== undefined));
  const rel: Map<number, number>[] = input.companies.map(() => new Map());
  const raw = new Map<string, { near: boolean; away: boolean }>();
  const note = (a: number, b: number, what: 'near' | 'away') => {
    if (a === b) return;
    const k = a < b ? `${a}:${b}` : `${b}:${a}`;
    const r = raw.get(k) ?? { near: false, away: false };
    r[what] = true;
    raw.set(k, r);
  };
  partnersOf.forEach((ps, c) => ps.forEach((e) => note(c, e, 'near')));
  awayOf.forEach((as, c) => as.forEach((e) => note(c, e, 'away')));
  for (const [k, r] of raw) {
    const [a, b] = k.split(':').map(Number) as [number, number];
    const denom = Math.max(1, totalRequested[a]!) * Math.max(1, totalRequested[b]!);
    const w = ((r.near ? weights.partner : 0) - (r.away ? weights.competitor : 0)) / denom;
    if (w !== 0) {
      rel[a]!.set(b, w);
      rel[b]!.set(a, w);
    }
  }
  return {
    initialOwner,
    model: {
      weights,
      nB,
      nC,
      kinds,
      boothKind: Int32Array.from(input.booths.map((b) => kindIndex.get(b.kind)!)),
      boothHall: input.booths.map((b) => b.hall),
      boothCorner: Uint8Array.from(input.booths.map((b) => (b.isCorner ? 1 : 0))),
      near,
      adjacent,
      fixed,
      requested,
      allowed,
      totalRequested,
      rank: Float64Array.from(input.companies.map((c) => c.rank)),
      hall: input.companies.map((c) => c.hall ?? null),
      wantsCorner: Uint8Array.from(input.companies.map((c) => (c.corner ? 1 : 0))),
      rel,
      partnersOf,
      awayOf,
    },
  };
}

/** Value of company c on booth b alone (0 for nobody). */
export function unary(m: Model, c: number, b: number): number {
  if (c < 0) return 0;
  const w = m.weights;
  return (
    w.booth +
    w.priority * (1 - m.rank[c]! / Math.max(1, m.nC)) +
    (m.hall[c] !== null && m.hall[c] === m.boothHall[b] ? w.hall : 0) +
    (m.wantsCorner[c] && m.boothCorner[b] ? w.corner : 0)
  );
}

/** Value of the pair (b owned by c, its i-th near booth owned by e). */
export function pairValue(m: Model, c: number, e: number, b: number, i: number): number {
  if (c < 0 || e < 0) return 0;
  if (c === e) return m.adjacent[b]![i] ? m.weights.adjacent : 0;
  return m.rel[c]!.get(e) ?? 0;
}

/** Everything booth b contributes with owner c, given the other owners. */
export function contribution(m: Model, owner: Int32Array, b: number, c: number): number {
  if (c < 0) return 0;
  let s = unary(m, c, b);
  const nb = m.near[b]!;
  for (let i = 0; i < nb.length; i++) s += pairValue(m, c, owner[nb[i]!]!, b, i);
  return s;
}
