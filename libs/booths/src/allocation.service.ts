import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { ExhibitorsService } from '@fair/exhibitors';
import { BoothLedger, type AllocationRow, type BoothRow } from './booth-ledger';
import { BoothErrors } from './booths.errors';
import { WaitlistService } from './waitlist.service';

export interface AllocationView {
  booth: string;
  boothId: string;
  exhibitorId: string;
  status: 'held' | 'assigned';
  expiresAt: string | null;
}

/** What releasing a booth did to it: free, or held at once for the first waiting exhibitor that can take it. */
export interface ReleasedBoothView {
  booth: string;
  status: 'available' | 'held';
  offeredTo: string | null;
  expiresAt: string | null;
}

const view = (booth: BoothRow, a: AllocationRow): AllocationView => ({
  booth: booth.code,
  boothId: booth.id,
  exhibitorId: a.exhibitor_id,
  status: a.status as 'held' | 'assigned',
  expiresAt: a.expires_at ? new Date(a.expires_at).toISOString() : null,
});

/** Organisers hold, assign and release booths by hand; exhibitors accept booths held for them. */
@Injectable()
export class AllocationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly ledger: BoothLedger,
    private readonly waitlist: WaitlistService,
    private readonly exhibitors: ExhibitorsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async hold(actor: Actor, fairRef: string, boothRef: string, input: { exhibitorId: string; expiresAt: Date; overrideReason?: string }): Promise<AllocationView> {
    if (!(input.expiresAt.getTime() > this.clock.now().getTime())) throw BoothErrors.EXPIRY_IN_PAST();
    const fair = await this.fairs.get(fairRef);
    return inTransaction(this.db, async (m) => {
      const booth = await this.ledger.booth(m, fair.id, boothRef);
      const ex = await this.ledger.lockExhibitor(m, fair.id, input.exhibitorId);
      if (await this.ledger.live(m, booth.id)) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
      await this.ledger.checkRules(m, ex, booth, input.overrideReason);
      return view(booth, await this.ledger.place(m, actor, ex, booth, { status: 'held', expiresAt: input.expiresAt, source: 'manual', overrideReason: input.overrideReason }));
    });
  }

  /** Assigns a free booth, or confirms the exhibitor's own hold on it. */
  async assign(actor: Actor, fairRef: string, boothRef: string, input: { exhibitorId: string; overrideReason?: string }): Promise<AllocationView> {
    const fair = await this.fairs.get(fairRef);
    return inTransaction(this.db, async (m) => {
      const booth = await this.ledger.booth(m, fair.id, boothRef);
      const ex = await this.ledger.lockExhibitor(m, fair.id, input.exhibitorId);
      const live = await this.ledger.live(m, booth.id);
      if (live && live.exhibitor_id === ex.exhibitorId && live.status === 'held') {
        if (ex.status !== 'approved') throw BoothErrors.EXHIBITOR_NOT_APPROVED({ status: ex.status });
        await this.waitlist.offerSettled(m, live);
        return view(booth, await this.ledger.confirmHold(m, actor, ex, booth, live));
      }
      if (live) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
      await this.ledger.checkRules(m, ex, booth, input.overrideReason);
      return view(booth, await this.ledger.place(m, actor, ex, booth, { status: 'assigned', source: 'manual', overrideReason: input.overrideReason }));
    });
  }

  /** Frees a booth; the answer says whether the waitlist took it at once (held, with the offer's expiry). */
  async release(actor: Actor, fairRef: string, boothRef: string, reason?: string): Promise<ReleasedBoothView> {
    const fair = await this.fairs.get(fairRef);
    return inTransaction(this.db, async (m) => {
      const booth = await this.ledger.booth(m, fair.id, boothRef);
      const live = await this.ledger.live(m, booth.id);
      if (!live) throw BoothErrors.BOOTH_NOT_ALLOCATED({ booth: booth.code });
      const offer = await this.free(m, actor, booth, live, 'released', reason);
      if (!offer) return { booth: booth.code, status: 'available', offeredTo: null, expiresAt: null };
      // offerFreed only ever places a hold (source 'waitlist'), expiring OFFER_HOURS from now
      return { booth: booth.code, status: 'held', offeredTo: offer.exhibitor_id, expiresAt: view(booth, offer).expiresAt };
    });
  }

  /** An exhibitor accepts a booth held for it (an offer from the waitlist, or an organiser's hold). */
  async accept(actor: Actor, fairRef: string, boothRef: string): Promise<AllocationView> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = actor.userId ? await this.exhibitors.exhibitorIdForUser(actor.userId, fair.id) : null;
    if (!exhibitorId) throw BoothErrors.NO_EXHIBITOR_ACCOUNT();
    return inTransaction(this.db, async (m) => {
      const booth = await this.ledger.booth(m, fair.id, boothRef);
      const live = await this.ledger.live(m, booth.id);
      if (!live || live.status !== 'held' || live.exhibitor_id !== exhibitorId) throw BoothErrors.HOLD_NOT_YOURS();
      const ex = await this.ledger.lockExhibitor(m, fair.id, exhibitorId);
      if (ex.status !== 'approved') throw BoothErrors.EXHIBITOR_NOT_APPROVED({ status: ex.status });
      await this.waitlist.offerSettled(m, live);
      return view(booth, await this.ledger.confirmHold(m, actor, ex, booth, live));
    });
  }

  /** Ends a live allocation and offers the booth to the waitlist, in the caller's transaction. */
  async free(m: EntityManager, actor: Actor, booth: BoothRow, live: AllocationRow, to: 'released' | 'expired', reason?: string | null): Promise<AllocationRow | null> {
    await this.ledger.end(m, actor, booth, live, to, reason);
    await this.waitlist.offerSettled(m, live);
    return this.waitlist.offerFreed(m, booth);
  }
}
