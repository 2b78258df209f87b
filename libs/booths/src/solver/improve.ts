import { seededRandom } from '@fair/core';
import { contribution, pairValue, type Model } from './model';

/** A small seeded generator, so a run can be repeated. */
export const rng = seededRandom;

/** Change in the objective if booths a and b (same kind) swap owners; either may be free. */
export function swapDelta(m: Model, owner: Int32Array, a: number, b: number): number {
  const ca = owner[a]!;
  const cb = owner[b]!;
  const ia = m.near[a]!.indexOf(b);
  const before = contribution(m, owner, a, ca) + contribution(m, owner, b, cb) - (ia >= 0 ? pairValue(m, ca, cb, a, ia) : 0);
  owner[a] = cb;
  owner[b] = ca;
  const after = contribution(m, owner, a, cb) + contribution(m, owner, b, ca) - (ia >= 0 ? pairValue(m, cb, ca, a, ia) : 0);
  owner[a] = ca;
  owner[b] = cb;
  return after - before;
}

/**
 * Local search by swaps (a move is a swap with a free booth), first improvement, until no swap
 * helps or time is up. Candidates for a company's booth: booths beside its other booths, near
 * its partners, in its hall, corners, and a few random ones of the same kind.
 */
export function improve(m: Model, owner: Int32Array, deadline: number, random: () => number): number {
  const byKind: number[][] = m.kinds.map(() => []);
  for (let b = 0; b < m.nB; b++) if (!m.fixed[b]) byKind[m.boothKind[b]!]!.push(b);
  const byKindHall = new Map<string, number[]>();
  const cornersOfKind: number[][] = m.kinds.map(() => []);
  for (let b = 0; b < m.nB; b++) {
    if (m.fixed[b]) continue;
    const key = `${m.boothKind[b]}|${m.boothHall[b]}`;
    (byKindHall.get(key) ?? byKindHall.set(key, []).get(key)!).push(b);
    if (m.boothCorner[b]) cornersOfKind[m.boothKind[b]!]!.push(b);
  }
  const boothsOf: number[][] = Array.from({ length: m.nC }, () => []);
  for (let b = 0; b < m.nB; b++) if (owner[b]! >= 0) boothsOf[owner[b]!]!.push(b);
  const sample = (list: number[] | undefined, n: number, out: number[]) => {
    if (!list?.length) return;
    if (list.length <= n) out.push(...list);
    else for (let i = 0; i < n; i++) out.push(list[Math.floor(random() * list.length)]!);
  };
  const candidatesFor = (c: number, b: number): number[] => {
    const k = m.boothKind[b]!;
    const out: number[] = [];
    for (const mine of boothsOf[c]!) {
      if (mine === b) continue;
      const nb = m.near[mine]!;
      for (let i = 0; i < nb.length; i++) if (m.adjacent[mine]![i]) out.push(nb[i]!);
    }
    for (const e of m.partnersOf[c]!) for (const pb of boothsOf[e]!) out.push(...m.near[pb]!);
    if (m.hall[c] !== null && m.hall[c] !== m.boothHall[b]) sample(byKindHall.get(`${k}|${m.hall[c]}`), 12, out);
    if (m.wantsCorner[c] && !m.boothCorner[b]) sample(cornersOfKind[k], 12, out);
    if (m.awayOf[c]!.length) sample(byKind[k], 12, out);
    sample(byKind[k], 3, out);
    return out.filter((t) => t !== b && !m.fixed[t] && m.boothKind[t] === k && owner[t] !== c && owner[t] !== -2);
  };
  const hasWork = (c: number) =>
    boothsOf[c]!.length > 1 || m.hall[c] !== null || m.wantsCorner[c] || m.partnersOf[c]!.length > 0 || m.awayOf[c]!.length > 0;
  let moves = 0;
  let improved = true;
  while (improved && Date.now() < deadline) {
    improved = false;
    for (let c = 0; c < m.nC && Date.now() < deadline; c++) {
      if (!hasWork(c)) continue;
      for (const b of [...boothsOf[c]!]) {
        if (m.fixed[b]) continue;
        for (const t of candidatesFor(c, b)) {
          if (swapDelta(m, owner, b, t) <= 1e-9) continue;
          const d = owner[t]!;
          owner[t] = c;
          owner[b] = d;
          const mine = boothsOf[c]!;
          mine[mine.indexOf(b)] = t;
          if (d >= 0) {
            const theirs = boothsOf[d]!;
            theirs[theirs.indexOf(t)] = b;
          }
          moves++;
          improved = true;
          break;
        }
      }
    }
  }
  return moves;
}
