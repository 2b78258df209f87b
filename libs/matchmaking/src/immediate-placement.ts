import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@fair/core';
import type { EntityManager } from 'typeorm';
import { pgCode, PG_EXCLUSION_VIOLATION, PG_FOREIGN_KEY_VIOLATION } from '@fair/db';
import type { MatchmakingSettings } from './matchmaking-settings.service';
import type { SchedulerSlot } from './scheduler';

/**
 * Immediate mode: a newly accepted meeting takes the best free slot — a requested one first, then
 * the earliest — at a free table (a participant's own booth table first, then a shared table).
 * The exclusion constraints decide races: an insert that collides rolls back to its savepoint and
 * the next candidate is tried. Availability windows and the per-day limit are checked here.
 */
@Injectable()
export class ImmediatePlacement {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async place(
    m: EntityManager,
    meetingId: string,
    settings: MatchmakingSettings,
    slots: SchedulerSlot[],
  ): Promise<{ status: 'scheduled'; table_id: string; starts_at: string; ends_at: string } | null> {
    const [meeting] = await m.query(
      `SELECT mt.*, r.preferred_starts FROM mm_meetings mt JOIN mm_requests r ON r.id = mt.request_id WHERE mt.id = $1`,
      [meetingId],
    );
    const people: { id: string; availability: { start: string; end: string }[] }[] = await m.query(
      `SELECT id, availability FROM mm_participants WHERE id = ANY($1::uuid[])`,
      [[meeting.a_id, meeting.b_id]],
    );
    const fits = (s: SchedulerSlot) =>
      people.every((p) => !p.availability.length || p.availability.some((w) => Date.parse(w.start) <= s.start && Date.parse(w.end) >= s.end));
    const preferred = new Set((meeting.preferred_starts as Date[]).map((d) => new Date(d).getTime()));
    const now = this.clock.now().getTime();
    // never into a slot that has begun (on the fair clock)
    const candidates = slots.filter((s) => s.start > now && fits(s)).sort((x, y) => Number(preferred.has(y.start)) - Number(preferred.has(x.start)) || x.start - y.start);
    const tables: { id: string; owner_participant_id: string | null }[] = await m.query(
      `SELECT id, owner_participant_id FROM mm_tables WHERE fair_id = $1 AND active
         AND (owner_participant_id IS NULL OR owner_participant_id = ANY($2::uuid[]))
       ORDER BY owner_participant_id IS NULL, name`,
      [meeting.fair_id, [meeting.a_id, meeting.b_id]],
    );
    for (const s of candidates) {
      const day = slots.filter((x) => x.day === s.day);
      const [{ busy, most }] = await m.query(
        `SELECT count(*) FILTER (WHERE during && tstzrange($2, $3))::int AS busy,
                coalesce(max(per), 0)::int AS most
           FROM (SELECT during, count(*) OVER (PARTITION BY participant_id) AS per FROM mm_seats
                  WHERE participant_id = ANY($1::uuid[]) AND during && tstzrange($4, $5)) x`,
        [[meeting.a_id, meeting.b_id], new Date(s.start), new Date(s.end), new Date(day[0].start), new Date(day[day.length - 1].end)],
      );
      if (busy > 0 || most >= settings.perDayLimit) continue;
      for (const t of tables) {
        await m.query('SAVEPOINT mm_place');
        try {
          await m.query(`UPDATE mm_meetings SET status = 'scheduled', table_id = $2, during = tstzrange($3, $4) WHERE id = $1`, [
            meetingId,
            t.id,
            new Date(s.start),
            new Date(s.end),
          ]);
          await m.query(`INSERT INTO mm_seats (meeting_id, participant_id, during) SELECT $1, unnest($2::uuid[]), tstzrange($3, $4)`, [
            meetingId,
            [meeting.a_id, meeting.b_id],
            new Date(s.start),
            new Date(s.end),
          ]);
          await m.query('RELEASE SAVEPOINT mm_place');
          return { status: 'scheduled', table_id: t.id, starts_at: new Date(s.start).toISOString(), ends_at: new Date(s.end).toISOString() };
        } catch (err) {
          await m.query('ROLLBACK TO SAVEPOINT mm_place');
          // a clash (exclusion) or a table removed meanwhile (foreign key): try the next candidate
          if (pgCode(err) !== PG_EXCLUSION_VIOLATION && pgCode(err) !== PG_FOREIGN_KEY_VIOLATION) throw err;
        }
      }
    }
    return null;
  }
}
