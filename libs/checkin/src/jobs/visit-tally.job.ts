import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { TallyStore } from '@fair/tallies';
import { statementIncrements, visitIncrements } from '../visit-tallies';

/** Applies check-ins and exits to the visit tallies, once per job whatever the retries. */
@Injectable()
export class VisitTallyJob {
  constructor(private readonly store: TallyStore) {}

  /** The scans one statement recorded for a fair (checkin_record_scans writes this job). */
  @HandlesJob('tallies.visits')
  async handleStatement(payload: JobPayloads['tallies.visits']): Promise<{ applied: boolean; scans: number }> {
    const first = payload.scans.reduce((min, s) => (BigInt(s.scanId) < min ? BigInt(s.scanId) : min), BigInt(payload.scans[0]!.scanId));
    return { applied: await this.store.applyOnce(`visits:${first}`, statementIncrements(payload)), scans: payload.scans.length };
  }

  /** One scan, as written per scan before migration 1790000620000: rows may still wait in an outbox. */
  @HandlesJob('tallies.visit')
  async handle(payload: JobPayloads['tallies.visit']): Promise<{ applied: boolean }> {
    return { applied: await this.store.applyOnce(`visit:${payload.scanId}`, visitIncrements(payload)) };
  }
}
