import type { SchedulerInput } from './scheduler.types';

/**
 * An upper bound on the meetings any schedule can place, cheap enough for 80,000 meetings:
 * - a meeting with no common available slot is never placed;
 * - participant p can hold at most cap(p) = Σ_days min(limit, available slots that day) meetings,
 *   so at least excess(p) = degree(p) − cap(p) of its meetings stay out; one left-out meeting
 *   relieves two participants only when both have excess → out ≥ Σ excess − (such pairs that can
 *   count twice, at most min(#meetings between two over-asked participants, Σ min(excess, their
 *   degree among them) / 2));
 * - meetings that need a shared table cannot exceed shared tables × slots.
 */
export function scheduleUpperBound(input: SchedulerInput): number {
  const { slots, participants, meetings, tables } = input;
  const S = slots.length;
  const D = slots.reduce((d, s) => Math.max(d, s.day + 1), 0);
  const isAvail = (p: number, s: number) => !participants[p].available || participants[p].available![s] === 1;
  const cap = participants.map((p, i) => {
    const perDay = new Array(D).fill(0);
    for (let s = 0; s < S; s++) if (isAvail(i, s)) perDay[slots[s].day]++;
    return perDay.reduce((sum, n) => sum + Math.min(n, p.perDayLimit), 0);
  });
  const owns = new Set(tables.filter((t) => t.owner !== undefined).map((t) => t.owner!));
  const degree = new Array(participants.length).fill(0);
  let placeable = 0;
  let sharedNeeded = 0;
  for (const m of meetings) {
    let common = false;
    for (let s = 0; s < S && !common; s++) common = isAvail(m.a, s) && isAvail(m.b, s);
    if (!common) continue;
    placeable++;
    degree[m.a]++;
    degree[m.b]++;
    if (!owns.has(m.a) && !owns.has(m.b)) sharedNeeded++;
  }
  const excess = degree.map((deg, p) => Math.max(0, deg - cap[p]));
  const sumExcess = excess.reduce((a, b) => a + b, 0);
  // a left-out meeting relieves two participants only when both have excess: count those pairs
  let bothExcess = 0;
  const degInExcess = new Array(participants.length).fill(0);
  for (const m of meetings) {
    if (excess[m.a] > 0 && excess[m.b] > 0) {
      bothExcess++;
      degInExcess[m.a]++;
      degInExcess[m.b]++;
    }
  }
  const pairable = Math.floor(excess.reduce((sum, e, p) => sum + Math.min(e, degInExcess[p]), 0) / 2);
  const participantOut = sumExcess - Math.min(bothExcess, pairable);
  const sharedTables = tables.length - owns.size;
  const sharedOut = Math.max(0, sharedNeeded - sharedTables * S);
  return placeable - Math.max(participantOut, sharedOut);
}
