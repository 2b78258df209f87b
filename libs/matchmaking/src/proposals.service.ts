import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditService } from '@fair/auth';
import { CLOCK, type Clock } from '@fair/core';
import { inTransaction, pgCode, PG_EXCLUSION_VIOLATION, queryReturning } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { MatchmakingErrors } from './matchmaking.errors';
import { MatchmakingSettingsService } from './matchmaking-settings.service';
import { MeetingEffects } from './meeting-effects';
import { scheduleMeetings, scheduleUpperBound, type SchedulerInput, type SchedulerSlot, type UnplacedReason } from './scheduler';

export interface ProposalView {
  id: string;
  createdAt: string;
  /** accepted meetings without a slot that the run considered */
  considered: number;
  placed: number;
  /** an upper bound on how many of them any schedule could place */
  upperBound: number;
  unplaced: { meetingId: string; reason: UnplacedReason }[];
  reasons: Partial<Record<UnplacedReason, number>>;
  status: 'open' | 'published' | 'discarded';
}

interface StoredPlacement {
  meetingId: string;
  tableId: string;
  start: string;
  end: string;
}

/**
 * Batch mode: the organiser runs the scheduler over every accepted meeting without a slot (the
 * meetings already scheduled stay where they are), reviews the stored proposal (number placed,
 * reasons for the rest), then publishes it in one transaction or discards it. Publishing is
 * guarded by the database: every meeting must still be accepted and unscheduled, and the
 * exclusion constraints refuse any double booking; either way nothing is half-published.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly settings: MatchmakingSettingsService,
    private readonly effects: MeetingEffects,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(actor: Actor, fairRef: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    const { settings, slots: all } = await this.settings.slots(fair.id);
    // only slots still to come: a meeting is never placed into the past
    const now = this.clock.now().getTime();
    const slots = all.filter((s) => s.start > now);
    if (!slots.length) throw MatchmakingErrors.MM_NO_SESSIONS();
    const { input, open } = await loadSchedulerInput(this.db.manager, fair.id, settings.perDayLimit, slots);
    const result = scheduleMeetings(input);
    const isOpen = new Set(open);
    const placements: StoredPlacement[] = result.placements
      .filter((p) => isOpen.has(p.meeting))
      .map((p) => ({
        meetingId: input.meetings[p.meeting]!.id,
        tableId: input.tables[p.table]!.id,
        start: new Date(slots[p.slot]!.start).toISOString(),
        end: new Date(slots[p.slot]!.end).toISOString(),
      }));
    const unplaced = result.unplaced.map((u) => ({ meetingId: input.meetings[u.meeting]!.id, reason: u.reason }));
    const fixedCount = input.meetings.length - open.length;
    const upperBound = Math.max(0, scheduleUpperBound(input) - fixedCount);
    return inTransaction(this.db, async (m) => {
      const [row] = await m.query(
        `INSERT INTO mm_proposals (fair_id, placed, considered, upper_bound, placements, unplaced) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING *`,
        [fair.id, placements.length, open.length, upperBound, JSON.stringify(placements), JSON.stringify(unplaced)],
      );
      await this.audit.record(m, actor, {
        action: 'matchmaking.proposal.run',
        entity: 'mm_proposal',
        entityId: row.id,
        fairId: fair.id,
        after: { placed: placements.length, considered: open.length, upperBound },
      });
      return view(row);
    });
  }

  async get(fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    const [row] = await this.db.query(`SELECT * FROM mm_proposals WHERE id = $1 AND fair_id = $2`, [id, fair.id]);
    if (!row) throw MatchmakingErrors.MM_PROPOSAL_NOT_FOUND();
    return view(row);
  }

  async publish(actor: Actor, fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    try {
      return await inTransaction(this.db, async (m) => {
        const row = await this.close(m, fair.id, id, 'published');
        const placements: StoredPlacement[] = row.placements;
        const updated: { id: string }[] = await queryReturning(
          m,
          `UPDATE mm_meetings mt SET status = 'scheduled', table_id = p.table_id, during = tstzrange(p.s, p.e)
             FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS p(meeting_id, table_id, s, e)
            WHERE mt.id = p.meeting_id AND mt.fair_id = $1 AND mt.status = 'accepted' AND mt.during IS NULL
            RETURNING mt.id`,
          [fair.id, placements.map((p) => p.meetingId), placements.map((p) => p.tableId), placements.map((p) => p.start), placements.map((p) => p.end)],
        );
        if (updated.length !== placements.length) throw MatchmakingErrors.MM_PROPOSAL_STALE({ count: placements.length - updated.length });
        await m.query(
          `INSERT INTO mm_seats (meeting_id, participant_id, during)
           SELECT id, a_id, during FROM mm_meetings WHERE id = ANY($1::uuid[])
           UNION ALL SELECT id, b_id, during FROM mm_meetings WHERE id = ANY($1::uuid[])`,
          [placements.map((p) => p.meetingId)],
        );
        await this.effects.scheduled(m, placements.map((p) => p.meetingId));
        await this.audit.record(m, actor, { action: 'matchmaking.proposal.publish', entity: 'mm_proposal', entityId: id, fairId: fair.id, after: { placed: placements.length } });
        return view(row);
      });
    } catch (err) {
      if (pgCode(err) === PG_EXCLUSION_VIOLATION) throw MatchmakingErrors.MM_PROPOSAL_CONFLICT();
      throw err;
    }
  }

  async discard(actor: Actor, fairRef: string, id: string): Promise<ProposalView> {
    const fair = await this.fairs.get(fairRef);
    return inTransaction(this.db, async (m) => {
      const row = await this.close(m, fair.id, id, 'discarded');
      await this.audit.record(m, actor, { action: 'matchmaking.proposal.discard', entity: 'mm_proposal', entityId: id, fairId: fair.id });
      return view(row);
    });
  }

  /** the proposal's one outcome, as a conditional update */
  private async close(m: EntityManager, fairId: string, id: string, outcome: 'published' | 'discarded') {
    const column = outcome === 'published' ? 'published_at' : 'discarded_at';
    const [row] = await queryReturning<Record<string, any>>(
      m,
      `UPDATE mm_proposals SET ${column} = now() WHERE id = $1 AND fair_id = $2 AND published_at IS NULL AND discarded_at IS NULL RETURNING *`,
      [id, fairId],
    );
    if (row) return row;
    const [cur] = await m.query(`SELECT published_at FROM mm_proposals WHERE id = $1 AND fair_id = $2`, [id, fairId]);
    if (!cur) throw MatchmakingErrors.MM_PROPOSAL_NOT_FOUND();
    throw MatchmakingErrors.MM_PROPOSAL_CLOSED({ outcome: cur.published_at ? 'published' : 'discarded' });
  }
}

function view(row: Record<string, any>): ProposalView {
  const unplaced: ProposalView['unplaced'] = row.unplaced;
  const reasons: ProposalView['reasons'] = {};
  for (const u of unplaced) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    considered: row.considered,
    placed: row.placed,
    upperBound: row.upper_bound,
    unplaced,
    reasons,
    status: row.published_at ? 'published' : row.discarded_at ? 'discarded' : 'open',
  };
}

/**
 * The scheduler's model of a fair: slots, active tables (shared, or a participant's own booth),
 * participants with availability and the per-day limit, accepted meetings without a slot (open)
 * and scheduled ones kept fixed where they are.
 */
export async function loadSchedulerInput(
  m: EntityManager,
  fairId: string,
  perDayLimit: number,
  slots: SchedulerSlot[],
): Promise<{ input: SchedulerInput; open: number[] }> {
  const people: { id: string; availability: { start: string; end: string }[] }[] = await m.query(
    `SELECT id, availability FROM mm_participants WHERE fair_id = $1 ORDER BY id`,
    [fairId],
  );
  const pIndex = new Map(people.map((p, i) => [p.id, i]));
  const participants = people.map((p) => {
    if (!p.availability.length) return { id: p.id, perDayLimit };
    const windows = p.availability.map((w) => [Date.parse(w.start), Date.parse(w.end)] as const);
    const available = Uint8Array.from(slots, (s) => (windows.some(([a, b]) => a <= s.start && b >= s.end) ? 1 : 0));
    return { id: p.id, perDayLimit, available };
  });
  const tableRows: { id: string; owner_participant_id: string | null }[] = await m.query(
    `SELECT id, owner_participant_id FROM mm_tables WHERE fair_id = $1 AND active ORDER BY owner_participant_id NULLS FIRST, name`,
    [fairId],
  );
  const tables = tableRows.map((t) => ({ id: t.id, owner: t.owner_participant_id ? pIndex.get(t.owner_participant_id) : undefined }));
  const tIndex = new Map(tables.map((t, i) => [t.id, i]));
  const slotAt = new Map(slots.map((s, i) => [s.start, i]));
  const rows: { id: string; a_id: string; b_id: string; status: string; table_id: string | null; starts: Date | null; preferred_starts: Date[] }[] = await m.query(
    `SELECT mt.id, mt.a_id, mt.b_id, mt.status, mt.table_id, lower(mt.during) AS starts, r.preferred_starts
       FROM mm_meetings mt JOIN mm_requests r ON r.id = mt.request_id
      WHERE mt.fair_id = $1 AND (mt.status = 'accepted' OR (mt.status = 'scheduled' AND mt.during IS NOT NULL))
      ORDER BY mt.created_at, mt.id`,
    [fairId],
  );
  const meetings: SchedulerInput['meetings'] = [];
  const open: number[] = [];
  for (const r of rows) {
    const base = { id: r.id, a: pIndex.get(r.a_id)!, b: pIndex.get(r.b_id)! };
    if (r.status === 'accepted') {
      open.push(meetings.length);
      meetings.push({ ...base, preferred: r.preferred_starts.map((d) => slotAt.get(new Date(d).getTime())).filter((s): s is number => s !== undefined) });
    } else {
      const slot = slotAt.get(new Date(r.starts!).getTime());
      const table = tIndex.get(r.table_id!);
      // a meeting outside today's grid or at a removed table still blocks its people: the
      // database will refuse a clash at publish time
      if (slot !== undefined && table !== undefined) meetings.push({ ...base, fixed: { slot, table } });
    }
  }
  return { input: { slots, tables, participants, meetings }, open };
}
