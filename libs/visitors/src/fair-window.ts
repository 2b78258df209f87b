/**
 * A fair's opening days as instants: from 00:00 of the first day to 23:59:59 of the last day
 * in the fair's own time zone (Asia/Ho_Chi_Minh by default), as Unix seconds for pass codes.
 */
export function fairValidityWindow(fair: { startsOn: string; endsOn: string; timeZone: string }): { validFrom: number; validUntil: number } {
  return {
    validFrom: Math.floor(zonedMidnight(fair.startsOn, fair.timeZone) / 1000),
    validUntil: Math.floor(zonedMidnight(addDays(fair.endsOn, 1), fair.timeZone) / 1000) - 1,
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Epoch ms of local midnight of `date` in `timeZone` (offset read from Intl; no DST guessing). */
export function zonedMidnight(date: string, timeZone: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  return utc - offsetMs(utc, timeZone);
}

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
}
