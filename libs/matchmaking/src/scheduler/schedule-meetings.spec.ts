import { describe, it, expect } from '@jest/globals';
import { scheduleMeetings, scheduleUpperBound, scheduleViolations, slotGrid, type SchedulerInput } from '.';
import { exactMaxPlaced } from '../../test/exact-schedule.milp';
import { randomInstance, referenceFairInstance, referenceFairSlots } from '../../test/scheduler-instances';

const twoDays = slotGrid(
  ['2026-10-01', '2026-10-02'].map((date) => ({ date, start: '09:00', end: '12:00', breaks: [{ start: '10:00', end: '10:30' }] })),
  30,
);

function small(seed: number, booths: boolean): SchedulerInput {
  return randomInstance({
    seed,
    slots: twoDays,
    exhibitors: 5,
    buyers: 9,
    meetings: 45,
    sharedTables: 2,
    exhibitorBooths: booths,
    exhibitorBuyerShare: 0.6,
    perDayLimit: 3,
    partialAvailability: 0.3,
    preferredShare: 0.3,
  });
}

describe('slot grid', () => {
  it('cuts sessions into slots and leaves breaks out', () => {
    expect(twoDays).toHaveLength(10); // 09:00-10:00 (2) + 10:30-12:00 (3), two days
    expect(twoDays.map((s) => s.day)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(new Date(twoDays[2].start).toISOString()).toBe('2026-10-01T03:30:00.000Z'); // 10:30 in Hanoi
    expect(referenceFairSlots()).toHaveLength(48);
  });
});

describe('scheduleMeetings', () => {
  it('places as many meetings as the exact MILP optimum on small instances, and never more than the bound', async () => {
    const gaps: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const input = small(seed, seed % 2 === 0);
      const result = scheduleMeetings(input);
      const exact = await exactMaxPlaced(input, 30);
      expect(exact.proven).toBe(true);
      expect(scheduleViolations(input, result)).toEqual([]);
      expect(result.stats.placed).toBeLessThanOrEqual(exact.optimum);
      expect(exact.optimum).toBeLessThanOrEqual(scheduleUpperBound(input));
      gaps.push(exact.optimum - result.stats.placed);
    }
    // measured: optimal on 6 of 8, two meetings short on the other two (see docs/matchmaking.md)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
    expect(gaps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4);
  });

  it('fills every table-slot of the reference fair when 20 tables are all there is (960 = the bound)', () => {
    const input = referenceFairInstance(false);
    const result = scheduleMeetings(input);
    expect(scheduleViolations(input, result)).toEqual([]);
    expect(result.stats.placed).toBe(960);
    expect(scheduleUpperBound(input)).toBe(960);
    expect(result.unplaced.length).toBe(3899 - 960);
  });

  it('keeps fixed meetings where they are and honours a requested slot when it is free', () => {
    const input: SchedulerInput = {
      slots: twoDays,
      tables: [{ id: 'T1' }, { id: 'T2' }],
      participants: ['a', 'b', 'c', 'd'].map((id) => ({ id, perDayLimit: 5 })),
      meetings: [
        { id: 'm0', a: 0, b: 1, fixed: { slot: 3, table: 1 } },
        { id: 'm1', a: 0, b: 2, preferred: [3, 7] },
        { id: 'm2', a: 2, b: 3, preferred: [6] },
      ],
    };
    const r = scheduleMeetings(input);
    expect(r.placements).toEqual([
      { meeting: 0, slot: 3, table: 1 },
      { meeting: 1, slot: 7, table: expect.any(Number) },
      { meeting: 2, slot: 6, table: expect.any(Number) },
    ]);
    expect(r.stats.preferredHonoured).toBe(2);
  });

  it('says why a meeting is left out', () => {
    const onlyDay = (day: number) => Uint8Array.from(twoDays, (s) => (s.day === day ? 1 : 0));
    const input: SchedulerInput = {
      slots: twoDays,
      tables: [{ id: 'T1' }],
      participants: [
        { id: 'a', perDayLimit: 1, available: onlyDay(0) },
        { id: 'b', perDayLimit: 5, available: onlyDay(1) },
        { id: 'c', perDayLimit: 5, available: onlyDay(0) },
        { id: 'd', perDayLimit: 5, available: onlyDay(0) },
      ],
      meetings: [
        { id: 'ab', a: 0, b: 1 },
        { id: 'ac', a: 0, b: 2 },
        { id: 'ad', a: 0, b: 3 },
      ],
    };
    const r = scheduleMeetings(input);
    expect(r.stats.placed).toBe(1);
    expect(r.unplaced).toEqual([
      { meeting: 0, reason: 'no-common-availability' },
      { meeting: expect.any(Number), reason: 'day-limit' },
    ]);
  });

  it('never double-books a participant or a table at fair scale, with exhibitors at their booths', () => {
    const input = referenceFairInstance(true);
    const r = scheduleMeetings(input);
    expect(scheduleViolations(input, r)).toEqual([]);
    expect(r.stats.placed).toBeLessThanOrEqual(scheduleUpperBound(input));
    expect(r.stats.placed / scheduleUpperBound(input)).toBeGreaterThan(0.99);
  });
});
