import { Injectable } from '@nestjs/common';
import { TallyStore, type TallyIncrement } from '@fair/tallies';
import type { JobPayloads } from '@fair/jobs';
import { localHour } from './local-date';

export interface VisitTallies {
  byHour: Record<string, number>;
  byGate: Record<string, number>;
  byVisitorType: Record<string, number>;
  insideNow: number;
}

const key = (fairId: string, what: 'hour' | 'gate' | 'type' | 'inside') => `visits:${fairId}:${what}`;

/** An entry counts as a visit in its local hour, at its gate, for its visitor type; an exit only leaves. */
export function visitIncrements(p: JobPayloads['tallies.visit']): TallyIncrement[] {
  if (p.verdict === 'exited') return [{ key: key(p.fairId, 'inside'), field: 'now', by: -1 }];
  return [
    { key: key(p.fairId, 'hour'), field: localHour(new Date(p.at), p.timeZone), by: 1 },
    { key: key(p.fairId, 'gate'), field: p.gateId, by: 1 },
    { key: key(p.fairId, 'type'), field: p.visitorType, by: 1 },
    { key: key(p.fairId, 'inside'), field: 'now', by: 1 },
  ];
}

/** A statement's scans as one set of increments: the same counts as one job per scan, summed per counter. */
export function statementIncrements(p: JobPayloads['tallies.visits']): TallyIncrement[] {
  const sums = new Map<string, TallyIncrement>();
  for (const scan of p.scans) {
    for (const inc of visitIncrements({ ...scan, fairId: p.fairId, timeZone: p.timeZone })) {
      const k = `${inc.key}\n${inc.field}`;
      const seen = sums.get(k);
      if (seen) seen.by += inc.by;
      else sums.set(k, { ...inc });
    }
  }
  return [...sums.values()].filter((i) => i.by !== 0);
}

/** The visit figures of a fair, read from the tally counters. */
@Injectable()
export class VisitTalliesReader {
  constructor(private readonly store: TallyStore) {}

  async read(fairId: string): Promise<VisitTallies> {
    const [byHour, byGate, byVisitorType, inside] = await Promise.all([
      this.store.read(key(fairId, 'hour')),
      this.store.read(key(fairId, 'gate')),
      this.store.read(key(fairId, 'type')),
      this.store.read(key(fairId, 'inside')),
    ]);
    return { byHour, byGate, byVisitorType, insideNow: inside['now'] ?? 0 };
  }
}
