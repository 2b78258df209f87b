import type { SchedulerInput, ScheduleResult } from './scheduler.types';

/** every rule a schedule must keep; returns the broken ones (empty = valid). Used by tests and the bench. */
export function scheduleViolations(input: SchedulerInput, result: ScheduleResult): string[] {
  const out: string[] = [];
  const seenParticipant = new Set<string>();
  const seenTable = new Set<string>();
  const perDay = new Map<string, number>();
  for (const { meeting, slot, table } of result.placements) {
    const m = input.meetings[meeting];
    const t = input.tables[table];
    if (!t) out.push(`meeting ${m.id}: no table ${table}`);
    else if (t.owner !== undefined && t.owner !== m.a && t.owner !== m.b) out.push(`meeting ${m.id}: booth of someone else`);
    const tk = `${table}@${slot}`;
    if (seenTable.has(tk)) out.push(`table ${t?.id} twice in slot ${slot}`);
    seenTable.add(tk);
    for (const p of [m.a, m.b]) {
      const pk = `${p}@${slot}`;
      if (seenParticipant.has(pk)) out.push(`participant ${input.participants[p].id} twice in slot ${slot}`);
      seenParticipant.add(pk);
      const av = input.participants[p].available;
      if (av && av[slot] !== 1) out.push(`participant ${input.participants[p].id} unavailable in slot ${slot}`);
      const dk = `${p}@${input.slots[slot].day}`;
      perDay.set(dk, (perDay.get(dk) ?? 0) + 1);
      if (perDay.get(dk)! > input.participants[p].perDayLimit) out.push(`participant ${input.participants[p].id} over the day limit`);
    }
  }
  return out;
}
