import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@fair/jobs';
import { TallyStore, type TallyIncrement } from '@fair/tallies';

export interface MeetingTallies {
  /** event → count (requested, accepted, scheduled, held, no-show) */
  total: Record<string, number>;
  /** 'YYYY-MM-DD|event' → count */
  byDay: Record<string, number>;
  /** 'sector|event' → count (a meeting counts once for each sector of either side) */
  bySector: Record<string, number>;
  /** 'JP-VN|event' → count (country codes in order) */
  byCountryPair: Record<string, number>;
}

const key = (fairId: string, what: 'total' | 'day' | 'sector' | 'countries') => `meetings:${fairId}:${what}`;

export function meetingIncrements(p: JobPayloads['matchmaking.tally']): TallyIncrement[] {
  return [
    { key: key(p.fairId, 'total'), field: p.event, by: 1 },
    { key: key(p.fairId, 'day'), field: `${p.day}|${p.event}`, by: 1 },
    ...p.sectors.map((s) => ({ key: key(p.fairId, 'sector'), field: `${s}|${p.event}`, by: 1 })),
    { key: key(p.fairId, 'countries'), field: `${p.countryPair}|${p.event}`, by: 1 },
  ];
}

/** The meeting figures of a fair, read from the tally counters. */
@Injectable()
export class MeetingTalliesReader {
  constructor(private readonly store: TallyStore) {}

  async read(fairId: string): Promise<MeetingTallies> {
    const [total, byDay, bySector, byCountryPair] = await Promise.all(
      (['total', 'day', 'sector', 'countries'] as const).map((w) => this.store.read(key(fairId, w))),
    );
    return { total: total!, byDay: byDay!, bySector: bySector!, byCountryPair: byCountryPair! };
  }
}
