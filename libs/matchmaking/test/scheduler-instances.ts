import { seededRandom } from '@fair/core';
import { slotGrid, type SchedulerInput, type SchedulerMeeting, type SchedulerSlot } from '../src/scheduler';

/** deterministic PRNG (mulberry32) so instances and figures repeat */
export const rng = seededRandom;

/** the reference fair's 3 days, 08:00-17:00 with lunch 12:00-13:00, 30-min slots: 16 a day */
export function referenceFairSlots(): SchedulerSlot[] {
  const lunch = [{ start: '12:00', end: '13:00' }];
  return slotGrid(
    ['2026-10-01', '2026-10-02', '2026-10-03'].map((date) => ({ date, start: '08:00', end: '17:00', breaks: lunch })),
    30,
  );
}

export interface InstanceSpec {
  seed: number;
  slots: SchedulerSlot[];
  exhibitors: number;
  buyers: number;
  meetings: number;
  sharedTables: number;
  /** exhibitors meet at their own booth (hosted-buyer practice) */
  exhibitorBooths: boolean;
  /** share of meetings between an exhibitor and a buyer (the rest: buyer-buyer or exhibitor-exhibitor) */
  exhibitorBuyerShare: number;
  perDayLimit: number;
  /** share of participants present on only some days */
  partialAvailability: number;
  /** share of meetings with 1-3 requested slots */
  preferredShare: number;
}

/**
 * A random instance shaped like a fair: exhibitors have skewed popularity (a few are asked a lot),
 * some participants come only some days, some requests name preferred slots.
 */
export function randomInstance(spec: InstanceSpec): SchedulerInput {
  const r = rng(spec.seed);
  const S = spec.slots.length;
  const days = new Set(spec.slots.map((s) => s.day)).size;
  const P = spec.exhibitors + spec.buyers;
  const participants = Array.from({ length: P }, (_, p) => {
    let available: Uint8Array | undefined;
    if (r() < spec.partialAvailability) {
      const absent = Math.floor(r() * days);
      const halfDay = r() < 0.5;
      available = Uint8Array.from(spec.slots, (s, i) => (s.day === absent ? 0 : halfDay && i % 16 >= 8 && s.day === (absent + 1) % days ? 0 : 1));
    }
    return { id: `${p < spec.exhibitors ? 'e' : 'b'}${p}`, available, perDayLimit: spec.perDayLimit };
  });
  const tables = Array.from({ length: spec.sharedTables }, (_, t) => ({ id: `T${t + 1}` }));
  if (spec.exhibitorBooths) for (let e = 0; e < spec.exhibitors; e++) tables.push({ id: `booth-e${e}`, owner: e } as never);
  const exhibitor = () => Math.floor(spec.exhibitors * Math.pow(r(), 1.3));
  const buyer = () => spec.exhibitors + Math.floor(r() * spec.buyers);
  const seen = new Set<number>();
  const meetings: SchedulerMeeting[] = [];
  while (meetings.length < spec.meetings) {
    let a: number;
    let b: number;
    const kind = r();
    if (kind < spec.exhibitorBuyerShare) [a, b] = [buyer(), exhibitor()];
    else if (spec.buyers > 1 && kind < spec.exhibitorBuyerShare + (1 - spec.exhibitorBuyerShare) / 2) [a, b] = [buyer(), buyer()];
    else [a, b] = [exhibitor(), exhibitor()];
    if (a === b) continue;
    const key = Math.min(a, b) * P + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const preferred = r() < spec.preferredShare ? Array.from({ length: 1 + Math.floor(r() * 3) }, () => Math.floor(r() * S)) : undefined;
    meetings.push({ id: `m${meetings.length}`, a, b, preferred });
  }
  return { slots: spec.slots, tables, participants, meetings };
}

/** the reference fair: 138 exhibitors, 600 matchmaking buyers, 3,899 accepted meetings */
export function referenceFairInstance(exhibitorBooths: boolean): SchedulerInput {
  return randomInstance({
    seed: 3899,
    slots: referenceFairSlots(),
    exhibitors: 138,
    buyers: 600,
    meetings: 3899,
    sharedTables: 20,
    exhibitorBooths,
    exhibitorBuyerShare: 0.8,
    perDayLimit: 12,
    partialAvailability: 0.2,
    preferredShare: 0.2,
  });
}

/** a hosted-buyer show: 80,000 meetings, 12,000 participants, 400 tables, 3 days */
export function hostedBuyerInstance(): SchedulerInput {
  return randomInstance({
    seed: 80000,
    slots: referenceFairSlots(),
    exhibitors: 2000,
    buyers: 10000,
    meetings: 80000,
    sharedTables: 400,
    exhibitorBooths: true,
    exhibitorBuyerShare: 0.85,
    perDayLimit: 14,
    partialAvailability: 0.3,
    preferredShare: 0.2,
  });
}
