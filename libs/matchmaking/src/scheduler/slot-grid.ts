import type { SchedulerSlot } from './scheduler.types';

/** one matchmaking session: a day's opening hours, cut into slots, with breaks left out */
export interface SessionSpec {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' local time of the fair */
  start: string;
  end: string;
  breaks?: { start: string; end: string }[];
}

/** '+07:00' for Vietnam; sessions are given in the fair's local time */
export function slotGrid(sessions: SessionSpec[], slotMinutes: number, utcOffset = '+07:00'): SchedulerSlot[] {
  const dates = [...new Set(sessions.map((s) => s.date))].sort();
  const slots: SchedulerSlot[] = [];
  for (const session of sessions) {
    const at = (hm: string) => Date.parse(`${session.date}T${hm}:00${utcOffset}`);
    const breaks = (session.breaks ?? []).map((b) => [at(b.start), at(b.end)] as const);
    let t = at(session.start);
    const end = at(session.end);
    while (t + slotMinutes * 60_000 <= end) {
      const slotEnd = t + slotMinutes * 60_000;
      const inBreak = breaks.find(([bs, be]) => t < be && slotEnd > bs);
      if (inBreak) {
        t = inBreak[1];
        continue;
      }
      slots.push({ day: dates.indexOf(session.date), start: t, end: slotEnd });
      t = slotEnd;
    }
  }
  return slots.sort((x, y) => x.start - y.start);
}
