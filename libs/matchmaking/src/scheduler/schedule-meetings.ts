import { scheduleUpperBound } from './schedule-bound';
import { ScheduleState } from './schedule-state';
import { assignTables, diagnoseUnplaced, scheduleStats } from './schedule-result';
import type { SchedulerInput, ScheduleResult } from './scheduler.types';

/**
 * Places accepted meetings into (slot, table) pairs.
 *
 * 1. Greedy, most constrained first (fewest common available slots, then busiest participants),
 *    each meeting into the feasible slot with the best score: requested slot, next to the
 *    participants' other meetings (fewer idle gaps), on a day they already meet.
 * 2. Repair: for every meeting left out, augmenting moves — put it into a slot and relocate the
 *    meetings in the way (the two participants' meetings there, or one shared-table meeting when
 *    the tables are full), recursively to depth 2, rolled back when a chain fails.
 * 3. Polish: move single meetings to slots that reduce idle gaps without losing a requested slot.
 * Finally tables are assigned per slot (own booth when a participant has one, else a shared table).
 */
export function scheduleMeetings(input: SchedulerInput): ScheduleResult {
  const t0 = performance.now();
  const st = new ScheduleState(input);
  const M = input.meetings.length;
  const preferred = input.meetings.map((m) => (m.preferred?.length ? new Set(m.preferred) : null));

  for (let m = 0; m < M; m++) {
    const f = input.meetings[m].fixed;
    if (f) st.place(m, f.slot);
  }

  const degree = new Int32Array(st.P);
  for (let m = 0; m < M; m++) {
    degree[st.ma[m]]++;
    degree[st.mb[m]]++;
  }
  // over-asked participants (more meetings than they can hold) lose some anyway: dropping a meeting
  // between two of them relieves both, so such meetings go last, the others most-constrained first
  const capacity = participantCapacity(st);
  const over = (p: number) => (degree[p] > capacity[p] ? 1 : 0);
  const tier = Int32Array.from({ length: M }, (_, m) => over(st.ma[m]) + over(st.mb[m]));
  const common = Int32Array.from({ length: M }, (_, m) => st.commonSlots(m));
  const order = [...Array(M).keys()]
    .filter((m) => st.slotOf[m] < 0 && common[m] > 0)
    .sort(
      (x, y) =>
        tier[x] - tier[y] ||
        common[x] - common[y] ||
        degree[st.ma[y]] + degree[st.mb[y]] - (degree[st.ma[x]] + degree[st.mb[x]]) ||
        x - y,
    );

  const score = (m: number, s: number): number => {
    const a = st.ma[m];
    const b = st.mb[m];
    const d = st.dayOf[s];
    let v = preferred[m]?.has(s) ? 1000 : 0;
    v += 10 * (st.neighbours(a, s) + st.neighbours(b, s));
    v += st.dayCount[a * st.D + d] > 0 ? 3 : 0;
    v += st.dayCount[b * st.D + d] > 0 ? 3 : 0;
    if (st.needsShared[m] && st.sharedTotal > 0) v -= st.sharedUsed[s] / st.sharedTotal;
    return v;
  };

  const bestSlot = (m: number, exclude = -1): number => {
    let best = -1;
    let bestScore = -Infinity;
    for (let s = 0; s < st.S; s++) {
      if (s === exclude || !st.fits(m, s)) continue;
      const v = score(m, s);
      if (v > bestScore) {
        bestScore = v;
        best = s;
      }
    }
    return best;
  };

  for (const m of order) {
    const s = bestSlot(m);
    if (s >= 0) st.place(m, s);
  }

  // nothing to gain when the greedy already meets the upper bound
  const placed = countPlaced(st);
  const missing = order.length - placed;
  // the repair's total work is capped (~3e7 steps), so 80,000 meetings stay within seconds
  const budget = input.repairBudget ?? Math.max(50, Math.min(4000, Math.floor(3e7 / Math.max(1, missing))));
  if (placed < scheduleUpperBound(input)) repair(st, order, budget, bestSlot);
  polishGaps(st, preferred, input.meetings.map((m) => !!m.fixed));

  const placements = assignTables(st);
  const unplaced = diagnoseUnplaced(st, common);
  return { placements, unplaced, stats: scheduleStats(st, preferred, t0) };
}

/** meetings a participant can hold at most: Σ over days of min(limit, available slots) */
function participantCapacity(st: ScheduleState): Int32Array {
  const cap = new Int32Array(st.P);
  for (let p = 0; p < st.P; p++) {
    for (let d = 0; d < st.D; d++) {
      let n = 0;
      for (let s = st.firstSlotOfDay[d]; s <= st.lastSlotOfDay[d]; s++) if (st.isAvailable(p, s)) n++;
      cap[p] += Math.min(n, st.limit[p]);
    }
  }
  return cap;
}

function countPlaced(st: ScheduleState): number {
  let n = 0;
  for (const s of st.slotOf) if (s >= 0) n++;
  return n;
}

/**
 * Besides the meetings in the way in slot s, what else must move for m to fit there: one meeting
 * of a participant who is at the day limit that day, one shared-table meeting when the tables are
 * full. Returns the combinations to try (a few of each), or null when one is impossible.
 */
function extraEvictions(st: ScheduleState, m: number, s: number, blockers: Set<number>, fixed: Uint8Array): number[][] | null {
  const d = st.dayOf[s];
  const choices: number[][] = [];
  for (const p of [st.ma[m], st.mb[m]]) {
    const freed = st.busy[p * st.S + s] >= 0 ? 1 : 0;
    if (st.dayCount[p * st.D + d] - freed < st.limit[p]) continue;
    const sameDay: number[] = [];
    for (let x = st.firstSlotOfDay[d]; x <= st.lastSlotOfDay[d] && sameDay.length < 4; x++) {
      const y = st.busy[p * st.S + x];
      if (y >= 0 && !blockers.has(y) && !fixed[y]) sameDay.push(y);
    }
    if (!sameDay.length) return null;
    choices.push(sameDay);
  }
  let sharedFreed = 0;
  for (const x of blockers) sharedFreed += st.needsShared[x];
  if (st.needsShared[m] && st.sharedUsed[s] - sharedFreed >= st.sharedTotal) {
    const inSlot: number[] = [];
    for (const x of st.sharedIn[s]) {
      if (inSlot.length >= 6) break;
      if (!blockers.has(x) && !fixed[x]) inSlot.push(x);
    }
    if (!inSlot.length) return null;
    choices.push(inSlot);
  }
  let combos: number[][] = [[]];
  for (const c of choices) combos = combos.flatMap((prefix) => c.filter((x) => !prefix.includes(x)).map((x) => [...prefix, x]));
  return combos;
}

type BestSlot = (m: number, exclude?: number) => number;

function repair(st: ScheduleState, order: number[], budget: number, bestSlot: BestSlot): void {
  const fixed = new Uint8Array(st.slotOf.length);
  st.input.meetings.forEach((m, i) => (fixed[i] = m.fixed ? 1 : 0));
  for (let pass = 0; pass < 2; pass++) {
    let improved = 0;
    for (const m of order) {
      if (st.slotOf[m] >= 0) continue;
      const work = { left: budget };
      if (insertWithMoves(st, m, 2, work, fixed, bestSlot)) improved++;
    }
    if (!improved) break;
  }
}

/** try to put m somewhere, relocating blockers up to `depth` levels; all-or-nothing */
function insertWithMoves(
  st: ScheduleState,
  m: number,
  depth: number,
  work: { left: number },
  fixed: Uint8Array,
  bestSlot: BestSlot,
  forbidden = -1,
): boolean {
  const direct = bestSlot(m, forbidden);
  if (direct >= 0) {
    st.place(m, direct);
    return true;
  }
  if (depth === 0) return false;
  const a = st.ma[m];
  const b = st.mb[m];
  for (let s = 0; s < st.S && work.left > 0; s++) {
    if (s === forbidden || !st.isAvailable(a, s) || !st.isAvailable(b, s)) continue;
    const blockers = new Set<number>();
    const ba = st.busy[a * st.S + s];
    const bb = st.busy[b * st.S + s];
    if (ba >= 0) blockers.add(ba);
    if (bb >= 0) blockers.add(bb);
    if ([...blockers].some((x) => fixed[x])) continue;
    const extras = extraEvictions(st, m, s, blockers, fixed);
    if (!extras) continue;
    for (const extra of extras) {
      if (--work.left <= 0) return false;
      st.begin();
      const moved = [...blockers, ...extra];
      for (const x of moved) st.remove(x);
      st.place(m, s);
      let ok = true;
      for (const x of moved) {
        if (!insertNested(st, x, depth - 1, work, fixed, bestSlot, s)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        st.commit();
        return true;
      }
      st.rollback();
    }
  }
  return false;
}

/** nested relocation inside an open undo log: the outer rollback undoes it */
function insertNested(
  st: ScheduleState,
  m: number,
  depth: number,
  work: { left: number },
  fixed: Uint8Array,
  bestSlot: BestSlot,
  forbidden: number,
): boolean {
  const direct = bestSlot(m, forbidden);
  if (direct >= 0) {
    st.place(m, direct);
    return true;
  }
  if (depth === 0) return false;
  const a = st.ma[m];
  const b = st.mb[m];
  for (let s = 0; s < st.S && work.left > 0; s++) {
    if (s === forbidden || !st.isAvailable(a, s) || !st.isAvailable(b, s)) continue;
    const ba = st.busy[a * st.S + s];
    const bb = st.busy[b * st.S + s];
    // one blocker at this depth keeps the chain narrow
    if (ba >= 0 && bb >= 0) continue;
    const x = ba >= 0 ? ba : bb;
    if (x < 0 || fixed[x]) continue;
    const d = st.dayOf[s];
    if (st.dayCount[a * st.D + d] - (ba >= 0 ? 1 : 0) >= st.limit[a]) continue;
    if (st.dayCount[b * st.D + d] - (bb >= 0 ? 1 : 0) >= st.limit[b]) continue;
    if (st.needsShared[m] && st.sharedUsed[s] - st.needsShared[x] >= st.sharedTotal) continue;
    work.left--;
    st.remove(x);
    st.place(m, s);
    if (insertNested(st, x, depth - 1, work, fixed, bestSlot, s)) return true;
    st.remove(m);
    st.place(x, s);
  }
  return false;
}

/** move single meetings to slots that lower the two participants' idle gaps */
function polishGaps(st: ScheduleState, preferred: (Set<number> | null)[], isFixed: boolean[]): void {
  for (let pass = 0; pass < 2; pass++) {
    let moved = 0;
    for (let m = 0; m < st.slotOf.length; m++) {
      const s0 = st.slotOf[m];
      if (s0 < 0 || isFixed[m] || preferred[m]?.has(s0)) continue;
      const a = st.ma[m];
      const b = st.mb[m];
      const d0 = st.dayOf[s0];
      const before = st.gaps(a, d0) + st.gaps(b, d0);
      st.remove(m);
      let best = s0;
      let bestDelta = 0;
      for (let s = st.firstSlotOfDay[d0]; s <= st.lastSlotOfDay[d0]; s++) {
        if (s === s0 || !st.fits(m, s)) continue;
        st.place(m, s);
        const delta = st.gaps(a, d0) + st.gaps(b, d0) - before;
        st.remove(m);
        if (delta < bestDelta || (delta === bestDelta && best !== s0 && preferred[m]?.has(s))) {
          bestDelta = delta;
          best = s;
        }
      }
      st.place(m, best);
      if (best !== s0) moved++;
    }
    if (!moved) break;
  }
}
