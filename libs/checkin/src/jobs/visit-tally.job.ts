import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { TallyStore } from '@fair/tallies';
import { visitIncrements } from '../visit-tallies';

/** Applies one check-in or exit to the visit tallies, once per scan id whatever the retries. */
@Injectable()
export class VisitTallyJob {
  constructor(private readonly store: TallyStore) {}

  @HandlesJob('tallies.visit')
  async handle(payload: JobPayloads['tallies.visit']): Promise<{ applied: boolean }> {
    return { applied: await this.store.applyOnce(`visit:${payload.scanId}`, visitIncrements(payload)) };
  }
}
