import { contribution, type Model } from './model';

/**
 * Greedy construction. Companies in order; for each kind it asks for, a company takes the best
 * free booth (its value with what is placed so far), then grows from the booths it has along
 * shared walls, preferring booths with room around them while it still needs more.
 */
export function construct(m: Model, owner: Int32Array, order: number[]): void {
  const byKind: number[][] = m.kinds.map(() => []);
  const sweep = [...Array(m.nB).keys()];
  for (const b of sweep) byKind[m.boothKind[b]!]!.push(b);
  const pointer = new Int32Array(m.kinds.length);
  const boothsOf: number[][] = Array.from({ length: m.nC }, () => []);
  for (let b = 0; b < m.nB; b++) if (owner[b]! >= 0) boothsOf[owner[b]!]!.push(b);
  const free = (b: number) => owner[b] === -1;
  const freeNeighbours = (b: number, k: number) => {
    let n = 0;
    const nb = m.near[b]!;
    for (let i = 0; i < nb.length; i++) if (m.adjacent[b]![i] && free(nb[i]!) && m.boothKind[nb[i]!] === k) n++;
    return n;
  };
  const firstFree = (k: number, count: number): number[] => {
    const list = byKind[k]!;
    while (pointer[k]! < list.length && !free(list[pointer[k]!]!)) pointer[k]++;
    const out: number[] = [];
    for (let i = pointer[k]!; i < list.length && out.length < count; i++) if (free(list[i]!)) out.push(list[i]!);
    return out;
  };
  const seeds = (c: number, k: number, needMore: boolean): number[] => {
    const list = byKind[k]!;
    if (list.length - pointer[k]! <= 400) return list.slice(pointer[k]!).filter(free);
    const wishes = m.hall[c] !== null || m.wantsCorner[c] || m.partnersOf[c]!.length || m.awayOf[c]!.length;
    if (!wishes && !needMore) return firstFree(k, 1);
    const out = new Set(firstFree(k, needMore ? 60 : 20));
    if (wishes) {
      let taken = 0;
      for (let i = pointer[k]!; i < list.length && taken < 300; i++) {
        const b = list[i]!;
        if (!free(b)) continue;
        if ((m.hall[c] !== null && m.boothHall[b] === m.hall[c]) || (m.wantsCorner[c] && m.boothCorner[b])) {
          out.add(b);
          taken++;
        }
      }
      for (const e of m.partnersOf[c]!) for (const pb of boothsOf[e]!) for (const n of m.near[pb]!) if (free(n) && m.boothKind[n] === k) out.add(n);
    }
    return [...out];
  };

  for (const c of order) {
    for (let k = 0; k < m.kinds.length; k++) {
      let need = m.allowed[c]![k] ? m.requested[c]![k]! : 0;
      while (need > 0) {
        const frontier = new Set<number>();
        for (const mine of boothsOf[c]!) {
          const nb = m.near[mine]!;
          for (let i = 0; i < nb.length; i++) if (m.adjacent[mine]![i] && free(nb[i]!) && m.boothKind[nb[i]!] === k) frontier.add(nb[i]!);
        }
        const candidates = frontier.size ? [...frontier] : seeds(c, k, need > 1);
        let best = -1;
        let bestValue = -Infinity;
        for (const b of candidates) {
          const room = need > 1 ? 0.5 * m.weights.adjacent * Math.min(need - 1, freeNeighbours(b, k)) : 0;
          const v = contribution(m, owner, b, c) + room;
          if (v > bestValue) {
            bestValue = v;
            best = b;
          }
        }
        if (best < 0) break; // none of this kind left
        owner[best] = c;
        boothsOf[c]!.push(best);
        need--;
      }
    }
  }
}

/**
 * Who goes first. When every kind has enough free booths, the big and demanding companies go
 * first (they need room); when booths are short, priority decides, as organisers promise.
 */
export function constructionOrder(m: Model, owner: Int32Array): number[] {
  const supply = new Int32Array(m.kinds.length);
  const demand = new Int32Array(m.kinds.length);
  for (let b = 0; b < m.nB; b++) if (owner[b] === -1) supply[m.boothKind[b]!]++;
  for (let c = 0; c < m.nC; c++) for (let k = 0; k < m.kinds.length; k++) if (m.allowed[c]![k]) demand[k] += m.requested[c]![k]!;
  const short = [...supply].some((s, k) => s < demand[k]!);
  const companies = [...Array(m.nC).keys()];
  const size = (c: number) => m.requested[c]!.reduce((s, n) => s + n, 0);
  const wishes = (c: number) => (m.hall[c] !== null ? 1 : 0) + m.wantsCorner[c]! + m.partnersOf[c]!.length + m.awayOf[c]!.length;
  return short ? companies.sort((a, b) => m.rank[a]! - m.rank[b]!) : companies.sort((a, b) => size(b) - size(a) || wishes(b) - wishes(a) || m.rank[a]! - m.rank[b]!);
}
