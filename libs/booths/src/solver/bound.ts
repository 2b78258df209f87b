import type { Model } from './model';

/**
 * An upper bound on the objective that ignores competition between companies: every booth
 * placeable (capped by supply per kind), every company in its hall, on corners, with its booths
 * as adjacent as the layout's degree allows, near every partner and away from every competitor.
 * The true optimum is at most this; solver score / bound is a lower estimate of its quality.
 */
export function upperBound(m: Model, owner: Int32Array): { total: number; wishes: number } {
  const w = m.weights;
  const supply = new Int32Array(m.kinds.length);
  const corners = new Int32Array(m.kinds.length);
  const degree = new Int32Array(m.kinds.length);
  const hallKind = new Map<string, number>();
  for (let b = 0; b < m.nB; b++) {
    if (owner[b] !== -1) continue;
    const k = m.boothKind[b]!;
    supply[k]++;
    if (m.boothCorner[b]) corners[k]++;
    degree[k] = Math.max(degree[k]!, m.adjacent[b]!.reduce((s: number, a) => s + a, 0));
    hallKind.set(`${m.boothHall[b]}|${k}`, (hallKind.get(`${m.boothHall[b]}|${k}`) ?? 0) + 1);
  }
  const demand = new Int32Array(m.kinds.length);
  for (let c = 0; c < m.nC; c++) for (let k = 0; k < m.kinds.length; k++) if (m.allowed[c]![k]) demand[k] += m.requested[c]![k]!;
  let booths = 0;
  for (let k = 0; k < m.kinds.length; k++) booths += Math.min(supply[k]!, demand[k]!) * w.booth;
  let wishes = 0;
  for (let c = 0; c < m.nC; c++) {
    let total = 0;
    let deg = 0;
    for (let k = 0; k < m.kinds.length; k++) {
      const n = m.allowed[c]![k] ? Math.min(m.requested[c]![k]!, supply[k]!) : 0;
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
