import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@fair/core';
import { inTransaction, queryReturning } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { OutboxService } from '@fair/jobs';
import { MatchmakingErrors } from './matchmaking.errors';
import { MeetingEffects } from './meeting-effects';
import type { ParticipantRow } from './participant-profile';
import { PassProof } from './pass-proof';

/** check-in opens this long before the slot and closes when the slot ends */
export const CHECKIN_OPENS_MINUTES = 15;

export interface CheckInOutcome {
  meetingId: string;
  side: 'a' | 'b';
  status: 'scheduled' | 'held';
  aCheckedIn: boolean;
  bCheckedIn: boolean;
}

/**
 * A meeting is held when both sides are checked in at it during its slot: their QR passes
 * scanned at the table by staff, or each confirming in the app (either way per side). Otherwise
 * the close job marks it no-show once the slot has ended. Both transitions are conditional
 * updates on status = 'scheduled', and check-in needs now < end while no-show needs
 * now >= end, so a meeting gets exactly one outcome. "Now" is the fair clock (CLOCK).
 */
@Injectable()
export class MeetingCheckinService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly passes: PassProof,
    private readonly effects: MeetingEffects,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** staff at the table scan one party's pass */
  async scan(fairRef: string, meetingId: string, code: string): Promise<CheckInOutcome> {
    const fair = await this.fairs.get(fairRef);
    const holder = await this.passes.holder(fair.id, code);
    return inTransaction(this.db, async (m) => {
      const [meeting] = await m.query(
        `SELECT mt.id, mt.a_id, mt.b_id, a.visitor_id AS a_visitor, a.exhibitor_id AS a_exhibitor, b.visitor_id AS b_visitor, b.exhibitor_id AS b_exhibitor
           FROM mm_meetings mt JOIN mm_participants a ON a.id = mt.a_id JOIN mm_participants b ON b.id = mt.b_id
          WHERE mt.id = $1 AND mt.fair_id = $2`,
        [meetingId, fair.id],
      );
      if (!meeting) throw MatchmakingErrors.MM_MEETING_NOT_FOUND();
      const is = (visitor: string | null, exhibitor: string | null) =>
        visitor === holder.visitorId || (exhibitor !== null && exhibitor === holder.exhibitorId);
      const side = is(meeting.a_visitor, meeting.a_exhibitor) ? 'a' : is(meeting.b_visitor, meeting.b_exhibitor) ? 'b' : null;
      if (!side) throw MatchmakingErrors.MM_PASS_NOT_IN_MEETING();
      return this.checkIn(m, meetingId, side, 'scan');
    });
  }

  /** a participant confirms in the app that the meeting is taking place */
  async confirm(me: ParticipantRow, meetingId: string): Promise<CheckInOutcome> {
    return inTransaction(this.db, async (m) => {
      const [meeting] = await m.query(`SELECT a_id, b_id FROM mm_meetings WHERE id = $1 AND fair_id = $2`, [meetingId, me.fair_id]);
      if (!meeting) throw MatchmakingErrors.MM_MEETING_NOT_FOUND();
      const side = meeting.a_id === me.id ? 'a' : meeting.b_id === me.id ? 'b' : null;
      if (!side) throw MatchmakingErrors.MM_MEETING_NOT_FOUND();
      return this.checkIn(m, meetingId, side, 'app');
    });
  }

  private async checkIn(m: EntityManager, meetingId: string, side: 'a' | 'b', via: 'scan' | 'app'): Promise<CheckInOutcome> {
    const now = this.clock.now();
    const [row] = await queryReturning<Record<string, unknown>>(
      m,
      `UPDATE mm_meetings SET ${side}_checked_at = coalesce(${side}_checked_at, $4), ${side}_checked_via = coalesce(${side}_checked_via, $2)
        WHERE id = $1 AND status = 'scheduled'
          AND $4::timestamptz >= lower(during) - make_interval(mins => $3) AND $4::timestamptz < upper(during)
        RETURNING id`,
      [meetingId, via, CHECKIN_OPENS_MINUTES, now],
    );
    if (!row) {
      const [cur] = await m.query(`SELECT status, $3::timestamptz < lower(during) - make_interval(mins => $2) AS early FROM mm_meetings WHERE id = $1`, [
        meetingId,
        CHECKIN_OPENS_MINUTES,
        now,
      ]);
      if (cur.status === 'held') return this.outcome(m, meetingId, side);
      if (cur.status === 'scheduled') throw cur.early ? MatchmakingErrors.MM_CHECKIN_NOT_OPEN() : MatchmakingErrors.MM_CHECKIN_OVER();
      throw MatchmakingErrors.MM_MEETING_NOT_SCHEDULED({ status: cur.status });
    }
    const held = await queryReturning(
      m,
      `UPDATE mm_meetings SET status = 'held', held_at = $2
        WHERE id = $1 AND status = 'scheduled' AND a_checked_at IS NOT NULL AND b_checked_at IS NOT NULL RETURNING id`,
      [meetingId, now],
    );
    if (held.length) await this.effects.concluded(m, meetingId, 'held');
    return this.outcome(m, meetingId, side);
  }

  private async outcome(m: EntityManager, meetingId: string, side: 'a' | 'b'): Promise<CheckInOutcome> {
    const [r] = await m.query(`SELECT status, a_checked_at IS NOT NULL AS a, b_checked_at IS NOT NULL AS b FROM mm_meetings WHERE id = $1`, [meetingId]);
    return { meetingId, side, status: r.status, aCheckedIn: r.a, bCheckedIn: r.b };
  }

  /** the close job: a scheduled meeting whose slot ended without both check-ins is a no-show */
  async close(meetingId: string): Promise<'no-show' | 'not-yet' | 'done'> {
    return inTransaction(this.db, async (m) => {
      const rows = await queryReturning(
        m,
        `UPDATE mm_meetings SET status = 'no-show' WHERE id = $1 AND status = 'scheduled' AND upper(during) <= $2 RETURNING id`,
        [meetingId, this.clock.now()],
      );
      if (rows.length) {
        await this.effects.concluded(m, meetingId, 'no-show');
        return 'no-show';
      }
      const [cur] = await m.query(`SELECT status, upper(during) AS ends_at FROM mm_meetings WHERE id = $1`, [meetingId]);
      if (cur?.status !== 'scheduled') return 'done';
      // woken early: come back when the slot ends
      await this.outbox.enqueue(m, 'matchmaking.meeting-close', { meetingId }, { runAt: new Date(cur.ends_at) });
      return 'not-yet';
    });
  }
}
