import type { Model } from './model';
import type { ScoreBreakdown, UnmetWish } from './solver-types';

/** The objective, term by term (each pair counted once). */
export function scoreOf(m: Model, owner: Int32Array): ScoreBreakdown {
  const w = m.weights;
  const s: ScoreBreakdown = { total: 0, wishes: 0, booths: 0, priority: 0, adjacent: 0, partner: 0, competitor: 0, hall: 0, corner: 0 };
  for (let b = 0; b < m.nB; b++) {
    const c = owner[b]!;
    if (c < 0) continue;
    s.booths += w.booth;
    s.priority += w.priority * (1 - m.rank[c]! / Math.max(1, m.nC));
    if (m.hall[c] !== null && m.hall[c] === m.boothHall[b]) s.hall += w.hall;
    if (m.wantsCorner[c] && m.boothCorner[b]) s.corner += w.corner;
    const nb = m.near[b]!;
    for (let i = 0; i < nb.length; i++) {
      const n = nb[i]!;
      if (n < b) continue;
      const e = owner[n]!;
      if (e < 0) continue;
      if (e === c) {
        if (m.adjacent[b]![i]) s.adjacent += w.adjacent;
      } else {
        const r = m.rel[c]!.get(e) ?? 0;
        if (r > 0) s.partner += r;
        else s.competitor += r;
      }
    }
  }
  s.wishes = s.priority + s.adjacent + s.partner + s.competitor + s.hall + s.corner;
  s.total = s.booths + s.wishes;
  return s;
}

/** Which wishes the assignment leaves unmet, with the reason a person can act on. */
export function unmetWishes(m: Model, owner: Int32Array, ids: { company: string[] }): UnmetWish[] {
  const out: UnmetWish[] = [];
  const boothsOf: number[][] = Array.from({ length: m.nC }, () => []);
  for (let b = 0; b < m.nB; b++) if (owner[b]! >= 0) boothsOf[owner[b]!]!.push(b);
  const isNear = (a: number[], b: number[]) => a.some((x) => b.some((y) => m.near[x]!.includes(y)));
  for (let c = 0; c < m.nC; c++) {
    const id = ids.company[c]!;
    const mine = boothsOf[c]!;
    m.kinds.forEach((kind, k) => {
      const got = mine.filter((b) => m.boothKind[b] === k).length;
      if (m.requested[c]![k]! > 0 && got < m.requested[c]![k]!) {
        const reason = m.allowed[c]![k] ? 'no free booth of this kind left for it (others ranked earlier took them)' : 'this kind is not allowed for the exhibitor';
        out.push({ companyId: id, wish: 'booths', reason, detail: { kind, requested: m.requested[c]![k]!, got } });
      }
    });
    if (mine.length >= 2) {
      const lonely = mine.filter((b) => !m.near[b]!.some((n, i) => m.adjacent[b]![i] && owner[n] === c));
      if (lonely.length) out.push({ companyId: id, wish: 'adjacent', reason: 'no free adjacent booths of the right kind were left together', detail: { separated: lonely.length } });
    }
    if (m.hall[c] !== null && mine.some((b) => m.boothHall[b] !== m.hall[c])) {
      out.push({ companyId: id, wish: 'hall', reason: `not enough free booths of its kind in hall ${m.hall[c]}` });
    }
    if (m.wantsCorner[c] && mine.length && !mine.some((b) => m.boothCorner[b])) out.push({ companyId: id, wish: 'corner', reason: 'no corner booth of its kind was free' });
    for (const e of m.partnersOf[c]!) {
      if (!isNear(mine, boothsOf[e]!)) out.push({ companyId: id, wish: 'partner', reason: 'no free booths near the partner', detail: { partner: ids.company[e] } });
    }
    for (const e of m.awayOf[c]!) {
      if (isNear(mine, boothsOf[e]!)) out.push({ companyId: id, wish: 'competitor', reason: 'placed near the competitor: no better free booths', detail: { competitor: ids.company[e] } });
    }
  }
  return out;
}
