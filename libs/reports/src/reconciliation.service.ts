import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { VisitTalliesReader } from '@fair/checkin';
import { MeetingTalliesReader } from '@fair/matchmaking';
import { recountMeetings, recountVisits } from './figure-recount';

export interface TallyDifference {
  tally: string;
  key: string;
  tallied: number;
  recounted: number;
}

export interface Reconciliation {
  fairId: string;
  ok: boolean;
  /** counters compared (every key of either side) */
  compared: number;
  differences: TallyDifference[];
  /** tally jobs still waiting in the outbox: differences are expected until they ran */
  pendingTallyJobs: number;
}

/** Every counter of both sides, flattened to 'group.key' → value (absent counts as 0). */
function flatten(prefix: string, o: Record<string, number | Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number') out.set(`${prefix}.${k}`, v);
    else for (const [kk, n] of Object.entries(v)) out.set(`${prefix}.${k}|${kk}`, n);
  }
  return out;
}

/**
 * Compares the Redis tallies (visits, meetings) with a recount of the source tables, counter by
 * counter. Differences while tally jobs are still pending are normal (the figures lag seconds);
 * any after that point to a lost or doubled event.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly visits: VisitTalliesReader,
    private readonly meetings: MeetingTalliesReader,
  ) {}

  async check(fairId: string, timeZone: string): Promise<Reconciliation> {
    const [tv, tm, rv, rm, pending] = await Promise.all([
      this.visits.read(fairId),
      this.meetings.read(fairId),
      recountVisits(this.db.manager, fairId, timeZone),
      recountMeetings(this.db.manager, fairId, timeZone),
      this.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name IN ('tallies.visit', 'tallies.visits', 'matchmaking.tally') AND completed_at IS NULL AND payload->>'fairId' = $1`,
        [fairId],
      ),
    ]);
    const differences: TallyDifference[] = [];
    let compared = 0;
    for (const [tally, a, b] of [
      ['visits', flatten('visits', { ...tv }), flatten('visits', { ...rv })],
      ['meetings', flatten('meetings', { ...tm }), flatten('meetings', { ...rm })],
    ] as const) {
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        compared++;
        const tallied = a.get(key) ?? 0;
        const recounted = b.get(key) ?? 0;
        if (tallied !== recounted) differences.push({ tally, key, tallied, recounted });
      }
    }
    return { fairId, ok: differences.length === 0, compared, differences, pendingTallyJobs: Number(pending[0].n) };
  }
}
