import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { HandlesJob, OutboxService, type JobPayloads } from '@fair/jobs';
import { AllocationService } from '../allocation.service';
import type { AllocationRow, BoothRow } from '../booth-ledger';

/**
 * Frees a booth whose hold expired. Runs at the hold's expiry time (outbox runAt); it acts only
 * when the hold is still there and still expired, so a confirmed or released hold is left alone.
 */
@Injectable()
export class HoldExpiryJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly allocations: AllocationService,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandlesJob('booths.hold-expire')
  async handle(payload: JobPayloads['booths.hold-expire']): Promise<{ expired: boolean }> {
    return inTransaction(this.db, async (m) => {
      const rows: (AllocationRow & { now_expired: boolean; code: string; kind: string })[] = await m.query(
        `SELECT a.*, a.expires_at <= $2 AS now_expired, b.code, b.kind FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
          WHERE a.id = $1 AND a.status = 'held' FOR UPDATE OF a`,
        [payload.allocationId, this.clock.now()],
      );
      const hold = rows[0];
      if (!hold) return { expired: false };
      if (!hold.now_expired) {
        // woken early (clock skew, or the fair clock is behind): come back at the expiry time
        await this.outbox.enqueue(m, 'booths.hold-expire', payload, { runAt: new Date(hold.expires_at!) });
        return { expired: false };
      }
      const booth = { id: hold.booth_id, fair_id: hold.fair_id, code: hold.code, kind: hold.kind } as BoothRow;
      await this.allocations.free(m, SYSTEM_ACTOR, booth, hold, 'expired');
      return { expired: true };
    });
  }
}
