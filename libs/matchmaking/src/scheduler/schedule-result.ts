import type { ScheduleState } from './schedule-state';
import type { Placement, ScheduleStats, UnplacedReason } from './scheduler.types';

/**
 * Tables per slot: a meeting with a participant who has an own booth goes there (the requester's
 * first), every other meeting to a shared table; fixed meetings keep theirs.
 */
export function assignTables(st: ScheduleState): Placement[] {
  const { tables, meetings } = st.input;
  const ownTable = new Map<number, number>();
  const shared: number[] = [];
  tables.forEach((t, i) => (t.owner === undefined ? shared.push(i) : ownTable.has(t.owner) || ownTable.set(t.owner, i)));
  const usedShared: Set<number>[] = Array.from({ length: st.S }, () => new Set<number>());
  const out: Placement[] = [];
  const pending: number[] = [];
  for (let m = 0; m < meetings.length; m++) {
    const s = st.slotOf[m];
    if (s < 0) continue;
    const f = meetings[m].fixed;
    if (f && f.slot === s) {
      out.push({ meeting: m, slot: s, table: f.table });
      if (tables[f.table]?.owner === undefined) usedShared[s].add(f.table);
    } else pending.push(m);
  }
  for (const m of pending) {
    const s = st.slotOf[m];
    const own = ownTable.get(st.ma[m]) ?? ownTable.get(st.mb[m]);
    if (own !== undefined && !st.needsShared[m]) {
      out.push({ meeting: m, slot: s, table: own });
      continue;
    }
    const table = shared.find((t) => !usedShared[s].has(t));
    if (table === undefined) throw new Error(`scheduler invariant: no shared table left in slot ${s}`);
    usedShared[s].add(table);
    out.push({ meeting: m, slot: s, table });
  }
  return out.sort((x, y) => x.meeting - y.meeting);
}

/** why each meeting left out could not be placed, judged against the final schedule */
export function diagnoseUnplaced(st: ScheduleState, common: Int32Array): { meeting: number; reason: UnplacedReason }[] {
  const out: { meeting: number; reason: UnplacedReason }[] = [];
  for (let m = 0; m < st.slotOf.length; m++) {
    if (st.slotOf[m] >= 0) continue;
    if (common[m] === 0) {
      out.push({ meeting: m, reason: 'no-common-availability' });
      continue;
    }
    const a = st.ma[m];
    const b = st.mb[m];
    let dayOpen = false;
    let bothFree = false;
    for (let s = 0; s < st.S; s++) {
      if (!st.isAvailable(a, s) || !st.isAvailable(b, s)) continue;
      const d = st.dayOf[s];
      if (st.dayCount[a * st.D + d] >= st.limit[a] || st.dayCount[b * st.D + d] >= st.limit[b]) continue;
      dayOpen = true;
      if (st.busy[a * st.S + s] < 0 && st.busy[b * st.S + s] < 0) bothFree = true;
    }
    out.push({ meeting: m, reason: !dayOpen ? 'day-limit' : !bothFree ? 'participant-busy' : 'no-free-table' });
  }
  return out;
}

export function scheduleStats(st: ScheduleState, preferred: (Set<number> | null)[], t0: number): ScheduleStats {
  let placed = 0;
  let preferredAsked = 0;
  let preferredHonoured = 0;
  for (let m = 0; m < st.slotOf.length; m++) {
    if (preferred[m]) preferredAsked++;
    if (st.slotOf[m] < 0) continue;
    placed++;
    if (preferred[m]?.has(st.slotOf[m])) preferredHonoured++;
  }
  let idleGaps = 0;
  for (let p = 0; p < st.P; p++) for (let d = 0; d < st.D; d++) idleGaps += st.gaps(p, d);
  return {
    meetings: st.slotOf.length,
    placed,
    preferredHonoured,
    preferredAsked,
    idleGaps,
    millis: Math.round(performance.now() - t0),
  };
}
