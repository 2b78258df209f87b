import type { Model } from './model';

/**
 * An upper bound on the objective that ignores competition between companies: every booth
 * placeable (capped by supply per kind), every company in its hall, on corners, with its booths
 * as adjacent as the layout's degree allows, near every partner and away from every competitor.
 * The true optimum is at most this; solver score / bound is a lower estimate of its quality.
 *
 * Booths already held by companies of the instance (`owner[b] >= 0`, fixed) are scored like any
 * other, so the bound is taken on the relaxation where they are free again and their holders ask
 * for them on top of their remaining requests (of that kind, allowed or not): every assignment
 * that keeps them is one of that problem's, so score <= bound holds with fixed booths too.
 * Booths held by someone outside the instance (-2) score nothing and are left out.
 */
export function upperBound(m: Model, owner: Int32Array): { total: number; wishes: number } {
  const w = m.weights;
  const supply = new Int32Array(m.kinds.length);
  const corners = new Int32Array(m.kinds.length);
  const degree = new Int32Array(m.kinds.length);
  const hallKind = new Map<string, number>();
  const requested = m.requested.map((r) => Int32Array.from(r));
  const allowed = m.allowed.map((a) => Uint8Array.from(a));
  for (let b = 0; b < m.nB; b++) {
    const c = owner[b]!;
    if (c < -1) continue;
    const k = m.boothKind[b]!;
    if (c >= 0) {
      requested[c]![k]!++;
      allowed[c]![k] = 1;
    }
    supply[k]++;
    if (m.boothCorner[b]) corners[k]++;
    degree[k] = Math.max(degree[k]!, m.adjacent[b]!.reduce((s: number, a) => s + a, 0));
    hallKind.set(`${m.boothHall[b]}|${k}`, (hallKind.get(`${m.boothHall[b]}|${k}`) ?? 0) + 1);
  }
  const demand = new Int32Array(m.kinds.length);
  for (let c = 0; c < m.nC; c++) for (let k = 0; k < m.kinds.length; k++) if (allowed[c]![k]) demand[k] += requested[c]![k]!;
  let booths = 0;
  for (let k = 0; k < m.kinds.length; k++) booths += Math.min(supply[k]!, demand[k]!) * w.booth;
  let wishes = 0;
  for (let c = 0; c < m.nC; c++) {
    let total = 0;
    let deg = 0;
    for (let k = 0; k < m.kinds.length; k++) {
      const n = allowed[c]![k] ? Math.min(requested[c]![k]!, supply[k]!) : 0;
      if (!n) continue;
      wishes += n * w.priority * (1 - m.rank[c]! / Math.max(1, m.nC));
      if (m.hall[c] !== null) wishes += Math.min(n, hallKind.get(`${m.hall[c]}|${k}`) ?? 0) * w.hall;
      if (m.wantsCorner[c]) wishes += Math.min(n, corners[k]!) * w.corner;
      total += n;
      deg = Math.max(deg, degree[k]!);
    }
    // its booths, of whatever kinds, share at most min(n(n-1)/2, n*degree/2) walls
    wishes += Math.min((total * (total - 1)) / 2, Math.floor((total * deg) / 2)) * w.adjacent;
    for (const [e, r] of m.rel[c]!) if (e > c && r > 0) wishes += r * Math.max(1, m.totalRequested[c]!) * Math.max(1, m.totalRequested[e]!);
  }
  return { total: booths + wishes, wishes };
}
