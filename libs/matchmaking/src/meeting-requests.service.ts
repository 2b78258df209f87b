import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '@fair/core';
import { inTransaction, pgCode, pgConstraint, PG_UNIQUE_VIOLATION, queryReturning } from '@fair/db';
import { MatchmakingErrors } from './matchmaking.errors';
import { MatchmakingSettingsService } from './matchmaking-settings.service';
import { ImmediatePlacement } from './immediate-placement';
import { MeetingEffects } from './meeting-effects';
import { OutboxService } from '@fair/jobs';
import type { ParticipantRow } from './participant-profile';

type RequestStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';

/** an mm_requests row as the database gives it (internal) */
export interface RequestRow {
  id: string;
  fair_id: string;
  from_id: string;
  to_id: string;
  message: string;
  preferred_starts: Date[];
  status: RequestStatus;
  created_at: Date;
  expires_at: Date;
  answered_at: Date | null;
}

/** a meeting request as the API answers it (MeetingRequestViewDto) */
export interface MeetingRequestView {
  id: string;
  fairId: string;
  fromId: string;
  toId: string;
  message: string;
  preferredStarts: string[];
  status: RequestStatus;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
}

/** the meeting an acceptance created, with its slot and table when placed at once (AcceptedMeetingDto) */
export interface AcceptedMeetingView {
  id: string;
  requestId: string;
  aId: string;
  bId: string;
  status: 'accepted' | 'scheduled';
  tableId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  createdAt: string;
}

/**
 * Meeting requests: pending → accepted / declined / expired / cancelled. Every transition is one
 * conditional UPDATE (… WHERE status = 'pending' AND expires_at > now), so two devices accepting
 * at once give exactly one outcome (now = the fair clock, CLOCK); limits are counted under row locks on both participants.
 */
@Injectable()
export class MeetingRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: MatchmakingSettingsService,
    private readonly placement: ImmediatePlacement,
    private readonly effects: MeetingEffects,
    private readonly outbox: OutboxService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async request(from: ParticipantRow, toId: string, input: { message?: string; preferredStarts?: string[] }): Promise<MeetingRequestView> {
    if (toId === from.id) throw MatchmakingErrors.MM_SELF();
    const { settings, slots } = await this.settings.slots(from.fair_id);
    if (!slots.length) throw MatchmakingErrors.MM_NO_SESSIONS();
    const starts = new Set(slots.map((s) => s.start));
    const preferred = (input.preferredStarts ?? []).map((p) => {
      const t = Date.parse(p);
      if (!starts.has(t)) throw MatchmakingErrors.MM_SLOT_OUTSIDE_SESSIONS({ start: p });
      return new Date(t).toISOString();
    });
    const days = new Set(slots.map((s) => s.day)).size;
    const cap = settings.perDayLimit * days;
    try {
      return await inTransaction(this.db, async (m) => {
        const to = (await lockParticipants(m, from.fair_id, [from.id, toId])).get(toId);
        if (!to) throw MatchmakingErrors.MM_NOT_PARTICIPANT();
        if (to.company_key === from.company_key) throw MatchmakingErrors.MM_SAME_COMPANY();
        const [declined] = await m.query(
          `SELECT 1 FROM mm_requests WHERE fair_id = $1 AND status = 'declined'
             AND ((from_id = $2 AND to_id = $3) OR (from_id = $3 AND to_id = $2)) LIMIT 1`,
          [from.fair_id, from.id, toId],
        );
        if (declined) throw MatchmakingErrors.MM_DECLINED_BEFORE();
        const now = this.clock.now();
        for (const p of [from, to]) await assertUnderLimit(m, p, cap, now);
        const [row] = await m.query(
          `INSERT INTO mm_requests (fair_id, from_id, to_id, message, preferred_starts, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5::timestamptz[], $7, $7::timestamptz + make_interval(hours => $6)) RETURNING *`,
          [from.fair_id, from.id, toId, input.message ?? '', preferred, settings.requestExpiryHours, now],
        );
        await this.effects.requested(m, row.id);
        return requestView(row);
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'mm_requests_live_pair') throw MatchmakingErrors.MM_PAIR_EXISTS();
      throw err;
    }
  }

  async accept(by: ParticipantRow, requestId: string): Promise<{ request: MeetingRequestView; meeting: AcceptedMeetingView }> {
    const { settings, slots } = await this.settings.slots(by.fair_id);
    const cap = settings.perDayLimit * Math.max(1, new Set(slots.map((s) => s.day)).size);
    return inTransaction(this.db, async (m) => {
      const req = await this.answer(m, by, requestId, 'accepted');
      const locked = await lockParticipants(m, by.fair_id, [req.from_id, req.to_id]);
      // the request already counted for both when it was made; re-checked under the locks
      for (const p of locked.values()) await assertUnderLimit(m, p, cap, this.clock.now(), req.id);
      const [meeting]: { id: string; request_id: string; a_id: string; b_id: string; status: 'accepted'; created_at: Date }[] = await m.query(
        `INSERT INTO mm_meetings (fair_id, request_id, a_id, b_id, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, request_id, a_id, b_id, status, created_at`,
        [by.fair_id, req.id, req.from_id, req.to_id, this.clock.now()],
      );
      const placed = settings.mode === 'immediate' ? await this.placement.place(m, meeting.id, settings, slots) : null;
      if (placed) await this.effects.scheduled(m, [meeting.id]);
      await this.effects.answered(m, req.id, 'accepted', meeting.id);
      return {
        request: requestView(req),
        meeting: {
          id: meeting.id,
          requestId: meeting.request_id,
          aId: meeting.a_id,
          bId: meeting.b_id,
          status: placed?.status ?? meeting.status,
          tableId: placed?.table_id ?? null,
          startsAt: placed?.starts_at ?? null,
          endsAt: placed?.ends_at ?? null,
          createdAt: iso(meeting.created_at),
        },
      };
    });
  }

  async decline(by: ParticipantRow, requestId: string): Promise<MeetingRequestView> {
    return inTransaction(this.db, async (m) => {
      const req = await this.answer(m, by, requestId, 'declined');
      await this.effects.answered(m, req.id, 'declined');
      return requestView(req);
    });
  }

  /** the expiry job: a request still pending past its time becomes expired (conditional, once) */
  async expire(requestId: string): Promise<'expired' | 'not-yet' | 'answered'> {
    return inTransaction(this.db, async (m) => {
      const [row] = await queryReturning<RequestRow>(
        m,
        `UPDATE mm_requests SET status = 'expired', answered_at = $2
          WHERE id = $1 AND status = 'pending' AND expires_at <= $2 RETURNING *`,
        [requestId, this.clock.now()],
      );
      if (row) {
        await this.effects.answered(m, row.id, 'expired');
        return 'expired';
      }
      const [cur] = await m.query(`SELECT status, expires_at FROM mm_requests WHERE id = $1`, [requestId]);
      if (cur?.status !== 'pending') return 'answered';
      // woken early (clocks): come back at the expiry time
      await this.outbox.enqueue(m, 'matchmaking.request-expire', { requestId }, { runAt: new Date(cur.expires_at) });
      return 'not-yet';
    });
  }

  /** the one conditional transition; explains why when it does not apply */
  private async answer(m: EntityManager, by: ParticipantRow, requestId: string, to: 'accepted' | 'declined'): Promise<RequestRow> {
    const now = this.clock.now();
    const [row] = await queryReturning<RequestRow>(
      m,
      `UPDATE mm_requests SET status = $3, answered_at = $4
        WHERE id = $1 AND to_id = $2 AND status = 'pending' AND expires_at > $4 RETURNING *`,
      [requestId, by.id, to, now],
    );
    if (row) return row;
    const [cur] = await m.query(`SELECT to_id, status, expires_at <= $3 AS expired FROM mm_requests WHERE id = $1 AND fair_id = $2`, [
      requestId,
      by.fair_id,
      now,
    ]);
    if (!cur) throw MatchmakingErrors.MM_REQUEST_NOT_FOUND();
    if (cur.to_id !== by.id) throw MatchmakingErrors.MM_NOT_ADDRESSEE();
    if (cur.status === 'expired' || (cur.status === 'pending' && cur.expired)) throw MatchmakingErrors.MM_REQUEST_EXPIRED();
    throw MatchmakingErrors.MM_REQUEST_ANSWERED({ status: cur.status });
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

function requestView(r: RequestRow): MeetingRequestView {
  return {
    id: r.id,
    fairId: r.fair_id,
    fromId: r.from_id,
    toId: r.to_id,
    message: r.message,
    preferredStarts: r.preferred_starts.map(iso),
    status: r.status,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
    answeredAt: r.answered_at ? iso(r.answered_at) : null,
  };
}

/** both participants' rows, locked in id order (no deadlock between two opposite requests) */
async function lockParticipants(m: EntityManager, fairId: string, ids: string[]): Promise<Map<string, ParticipantRow>> {
  const rows: ParticipantRow[] = await m.query(
    `SELECT * FROM mm_participants WHERE fair_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [fairId, ids.filter((v) => UUID.test(v))],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** live meetings + pending requests of p, under p's row lock */
async function assertUnderLimit(m: EntityManager, p: ParticipantRow, cap: number, now: Date, excludeRequest?: string): Promise<void> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM mm_requests
      WHERE (from_id = $1 OR to_id = $1) AND id IS DISTINCT FROM $2::uuid
        AND (status = 'accepted' OR (status = 'pending' AND expires_at > $3))`,
    [p.id, excludeRequest ?? null, now],
  );
  if (n >= cap) throw MatchmakingErrors.MM_LIMIT_REACHED({ who: p.display_name, limit: cap });
}
