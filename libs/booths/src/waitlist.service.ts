import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@fair/auth';
import type { BoothKind } from '@fair/fairs';
import { DomainError } from '@fair/core';
import { BoothLedger, type AllocationRow, type BoothRow } from './booth-ledger';

/** How long a waitlisted exhibitor has to accept a booth offered to it. */
export const OFFER_HOURS = 48;

/**
 * Exhibitors waiting for a booth of a kind, first come first served. A booth that comes free
 * is offered (held, source 'waitlist') to the first one that still needs that kind.
 */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly ledger: BoothLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async join(m: EntityManager, fairId: string, exhibitorId: string, kinds: BoothKind[]): Promise<void> {
    for (const kind of kinds) {
      await m.query(
        `INSERT INTO booth_waitlist (fair_id, exhibitor_id, kind) VALUES ($1, $2, $3)
         ON CONFLICT (fair_id, exhibitor_id, kind) DO NOTHING`,
        [fairId, exhibitorId, kind],
      );
    }
  }

  /** The exhibitor took or lost its offer: it leaves the list for that kind. */
  async offerSettled(m: EntityManager, alloc: AllocationRow): Promise<void> {
    await m.query(`UPDATE booth_waitlist SET left_at = now() WHERE offered_allocation_id = $1 AND left_at IS NULL`, [alloc.id]);
  }

  /** Offers a booth that just came free to the first waiting exhibitor that can take it. */
  async offerFreed(m: EntityManager, booth: BoothRow): Promise<AllocationRow | null> {
    const waiting: { id: string; exhibitor_id: string }[] = await m.query(
      `SELECT w.id, w.exhibitor_id FROM booth_waitlist w
        WHERE w.fair_id = $1 AND w.kind = $2 AND w.left_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM booth_allocations a WHERE a.id = w.offered_allocation_id AND a.status = 'held')
        ORDER BY w.id FOR UPDATE SKIP LOCKED`,
      [booth.fair_id, booth.kind],
    );
    for (const w of waiting) {
      const ex = await this.ledger.lockExhibitor(m, booth.fair_id, w.exhibitor_id);
      try {
        await this.ledger.checkRules(m, ex, booth);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await m.query(`UPDATE booth_waitlist SET left_at = now() WHERE id = $1`, [w.id]);
        continue;
      }
      const hold = await this.ledger.place(m, SYSTEM_ACTOR, ex, booth, {
        status: 'held',
        expiresAt: new Date(this.clock.now().getTime() + OFFER_HOURS * 3_600_000),
        source: 'waitlist',
      });
      await m.query(`UPDATE booth_waitlist SET offered_allocation_id = $2 WHERE id = $1`, [w.id, hold.id]);
      return hold;
    }
    return null;
  }
}
