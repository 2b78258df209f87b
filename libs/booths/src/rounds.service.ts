import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, type Actor } from '@fair/auth';
import { inTransaction, pgCode, PG_UNIQUE_VIOLATION, queryReturning } from '@fair/db';
import { BOOTH_KINDS, FairsService, type BoothKind } from '@fair/fairs';
import { ExhibitorsService, type AllocationFacts } from '@fair/exhibitors';
import { OutboxService } from '@fair/jobs';
import { BoothLedger } from './booth-ledger';
import { BoothMailer } from './booth-mailer';
import { BoothErrors } from './booths.errors';
import { WaitlistService } from './waitlist.service';

interface RoundRow {
  id: string;
  fair_id: string;
  status: 'open' | 'closed';
  turn_minutes: number;
  current_position: number | null;
  turn_ends_at: Date | null;
}

export interface RoundView {
  id: string;
  status: 'open' | 'closed';
  turnMinutes: number;
  currentPosition: number | null;
  turnEndsAt: string | null;
  turns: { position: number; exhibitorId: string; status: string }[];
}

/**
 * Self-selection rounds: exhibitors pick booths one after another in the organiser's order,
 * each within a time window. A missed turn (the turn-expire job) passes to the next and puts
 * the exhibitor on the waitlist, which is offered booths that come free.
 */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly ledger: BoothLedger,
    private readonly waitlist: WaitlistService,
    private readonly exhibitors: ExhibitorsService,
    private readonly mailer: BoothMailer,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(actor: Actor, fairRef: string, input: { exhibitorIds: string[]; turnMinutes: number }): Promise<RoundView> {
    if (input.exhibitorIds.length === 0) throw BoothErrors.ROUND_EMPTY();
    if (new Set(input.exhibitorIds).size !== input.exhibitorIds.length) throw BoothErrors.ROUND_DUPLICATE_EXHIBITOR();
    const fair = await this.fairs.get(fairRef);
    const roundId = await inTransaction(this.db, async (m) => {
      const facts = new Map((await this.exhibitors.allocationFacts(fair.id, input.exhibitorIds, m)).map((f) => [f.exhibitorId, f]));
      for (const id of input.exhibitorIds) {
        const f = facts.get(id);
        if (!f) throw BoothErrors.EXHIBITOR_NOT_FOUND({ exhibitorId: id });
        if (f.status !== 'approved') throw BoothErrors.EXHIBITOR_NOT_APPROVED({ status: f.status, exhibitorId: id });
      }
      let round: RoundRow;
      try {
        [round] = (await m.query(`INSERT INTO booth_rounds (fair_id, turn_minutes) VALUES ($1, $2) RETURNING *`, [fair.id, input.turnMinutes])) as RoundRow[];
      } catch (err) {
        if (pgCode(err) === PG_UNIQUE_VIOLATION) throw BoothErrors.ROUND_ALREADY_OPEN();
        throw err;
      }
      await m.query(
        `INSERT INTO booth_round_turns (round_id, position, exhibitor_id) SELECT $1, p - 1, e FROM unnest($2::uuid[]) WITH ORDINALITY AS t(e, p)`,
        [round!.id, input.exhibitorIds],
      );
      await this.audit.record(m, actor, { action: 'booth-round.open', entity: 'booth-round', entityId: round!.id, fairId: fair.id, after: input });
      await this.startTurn(m, round!, 0);
      return round!.id;
    });
    return this.get(fair.id, roundId);
  }

  async get(fairRef: string, roundId: string): Promise<RoundView> {
    const fair = await this.fairs.get(fairRef);
    const rounds: RoundRow[] = /^[0-9a-f-]{36}$/i.test(roundId)
      ? await this.db.query(`SELECT * FROM booth_rounds WHERE id = $1 AND fair_id = $2`, [roundId, fair.id])
      : [];
    const r = rounds[0];
    if (!r) throw BoothErrors.ROUND_NOT_FOUND();
    const turns: { position: number; exhibitor_id: string; status: string }[] = await this.db.query(
      `SELECT position, exhibitor_id, status FROM booth_round_turns WHERE round_id = $1 ORDER BY position`,
      [r.id],
    );
    return {
      id: r.id,
      status: r.status,
      turnMinutes: r.turn_minutes,
      currentPosition: r.current_position,
      turnEndsAt: r.turn_ends_at ? new Date(r.turn_ends_at).toISOString() : null,
      turns: turns.map((t) => ({ position: t.position, exhibitorId: t.exhibitor_id, status: t.status })),
    };
  }

  /** The exhibitor whose turn it is picks booths (all at once); the turn then passes on. */
  async pick(actor: Actor, fairRef: string, roundId: string, boothRefs: string[]): Promise<RoundView> {
    const fair = await this.fairs.get(fairRef);
    const exhibitorId = actor.userId ? await this.exhibitors.exhibitorIdForUser(actor.userId, fair.id) : null;
    if (!exhibitorId) throw BoothErrors.NO_EXHIBITOR_ACCOUNT();
    await inTransaction(this.db, async (m) => {
      const round = await this.lockRound(m, fair.id, roundId);
      const [turn] = (await m.query(
        `SELECT exhibitor_id FROM booth_round_turns WHERE round_id = $1 AND position = $2 AND status = 'picking' AND $3::timestamptz > $4`,
        [round.id, round.current_position, round.turn_ends_at, this.clock.now()],
      )) as { exhibitor_id: string }[];
      if (round.status !== 'open' || turn?.exhibitor_id !== exhibitorId) throw BoothErrors.NOT_YOUR_TURN();
      const ex = await this.ledger.lockExhibitor(m, fair.id, exhibitorId);
      for (const ref of boothRefs) {
        const booth = await this.ledger.booth(m, fair.id, ref);
        if (await this.ledger.live(m, booth.id)) throw BoothErrors.BOOTH_TAKEN({ booth: booth.code });
        await this.ledger.checkRules(m, ex, booth, null, 'exhibitor');
        await this.ledger.place(m, actor, ex, booth, { status: 'assigned', source: 'round' });
      }
      await m.query(`UPDATE booth_round_turns SET status = 'picked', ended_at = now() WHERE round_id = $1 AND position = $2`, [round.id, round.current_position]);
      await this.waitlist.join(m, fair.id, exhibitorId, await this.stillNeeded(m, ex));
      await this.startTurn(m, round, round.current_position! + 1);
    });
    return this.get(fair.id, roundId);
  }

  /** Called by the turn-expire job: a turn still running past its window is missed. */
  async expireTurn(roundId: string, position: number): Promise<boolean> {
    return inTransaction(this.db, async (m) => {
      const [round] = (await m.query(`SELECT * FROM booth_rounds WHERE id = $1 FOR UPDATE`, [roundId])) as RoundRow[];
      if (!round || round.status !== 'open' || round.current_position !== position) return false;
      if (new Date(round.turn_ends_at!).getTime() > this.clock.now().getTime()) {
        await this.outbox.enqueue(m, 'booths.turn-expire', { roundId, position }, { runAt: new Date(round.turn_ends_at!) });
        return false;
      }
      const [turn] = await queryReturning<{ exhibitor_id: string }>(
        m,
        `UPDATE booth_round_turns SET status = 'missed', ended_at = now() WHERE round_id = $1 AND position = $2 RETURNING exhibitor_id`,
        [roundId, position],
      );
      const exhibitorId = turn?.exhibitor_id;
      const [ex] = await this.exhibitors.allocationFacts(round.fair_id, exhibitorId ? [exhibitorId] : [], m);
      if (ex) {
        await this.waitlist.join(m, round.fair_id, ex.exhibitorId, await this.stillNeeded(m, ex));
        await this.mailer.notify(m, round.fair_id, ex, 'turn-missed');
      }
      await this.audit.record(m, SYSTEM_ACTOR, { action: 'booth-round.turn-missed', entity: 'booth-round', entityId: roundId, fairId: round.fair_id, after: { position, exhibitorId } });
      await this.startTurn(m, round, position + 1);
      return true;
    });
  }

  private async lockRound(m: EntityManager, fairId: string, roundId: string): Promise<RoundRow> {
    const rows: RoundRow[] = /^[0-9a-f-]{36}$/i.test(roundId)
      ? await m.query(`SELECT * FROM booth_rounds WHERE id = $1 AND fair_id = $2 FOR UPDATE`, [roundId, fairId])
      : [];
    if (!rows[0]) throw BoothErrors.ROUND_NOT_FOUND();
    return rows[0];
  }

  /** Kinds the exhibitor asked for and does not fully have yet. */
  private async stillNeeded(m: EntityManager, ex: AllocationFacts): Promise<BoothKind[]> {
    const live: { kind: BoothKind; n: number }[] = await m.query(
      `SELECT b.kind, count(*)::int AS n FROM booth_allocations a JOIN booths b ON b.id = a.booth_id
        WHERE a.exhibitor_id = $1 AND a.status IN ('held', 'assigned') GROUP BY b.kind`,
      [ex.exhibitorId],
    );
    return BOOTH_KINDS.filter((k) => ex.eligibleKinds.includes(k) && ex.requested[k] > (live.find((l) => l.kind === k)?.n ?? 0));
  }

  /** Gives the turn at `position` (emailing the exhibitor and scheduling its end), or closes the round. */
  private async startTurn(m: EntityManager, round: RoundRow, position: number): Promise<void> {
    const [turn] = (await m.query(`SELECT exhibitor_id FROM booth_round_turns WHERE round_id = $1 AND position = $2`, [round.id, position])) as { exhibitor_id: string }[];
    if (!turn) {
      await m.query(`UPDATE booth_rounds SET status = 'closed', closed_at = now(), current_position = NULL, turn_ends_at = NULL WHERE id = $1`, [round.id]);
      return;
    }
    const endsAt = new Date(this.clock.now().getTime() + round.turn_minutes * 60_000);
    await m.query(`UPDATE booth_rounds SET current_position = $2, turn_ends_at = $3 WHERE id = $1`, [round.id, position, endsAt]);
    await m.query(`UPDATE booth_round_turns SET status = 'picking' WHERE round_id = $1 AND position = $2`, [round.id, position]);
    await this.outbox.enqueue(m, 'booths.turn-expire', { roundId: round.id, position }, { runAt: endsAt, dedupeKey: `booth-turn:${round.id}:${position}` });
    const [ex] = await this.exhibitors.allocationFacts(round.fair_id, [turn.exhibitor_id], m);
    if (ex) await this.mailer.notify(m, round.fair_id, ex, 'turn', { expiresAt: endsAt });
  }
}
