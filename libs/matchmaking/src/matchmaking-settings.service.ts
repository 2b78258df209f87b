import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditService } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { MatchmakingErrors } from './matchmaking.errors';
import { insertDefaultTables } from './tables.service';
import { slotGrid, type SchedulerSlot, type SessionSpec } from './scheduler';

export interface MatchmakingSettings {
  slotMinutes: number;
  perDayLimit: number;
  requestExpiryHours: number;
  mode: 'immediate' | 'batch';
  utcOffset: string;
  sessions: SessionSpec[];
}

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** organiser settings per fair: sessions, slot length, breaks, limits, request expiry, mode */
@Injectable()
export class MatchmakingSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly audit: AuditService,
  ) {}

  async get(fairId: string, manager: EntityManager = this.db.manager): Promise<MatchmakingSettings> {
    const [r] = await manager.query(`SELECT * FROM mm_settings WHERE fair_id = $1`, [fairId]);
    if (!r) return { slotMinutes: 30, perDayLimit: 12, requestExpiryHours: 72, mode: 'immediate', utcOffset: '+07:00', sessions: [] };
    return {
      slotMinutes: r.slot_minutes,
      perDayLimit: r.per_day_limit,
      requestExpiryHours: r.request_expiry_hours,
      mode: r.mode,
      utcOffset: r.utc_offset,
      sessions: r.sessions,
    };
  }

  async set(actor: Actor, fairRef: string, s: MatchmakingSettings): Promise<MatchmakingSettings> {
    const fair = await this.fairs.get(fairRef);
    for (const session of s.sessions) {
      const problem = sessionProblem(session, fair.startsOn, fair.endsOn);
      if (problem) throw MatchmakingErrors.MM_BAD_SESSION({ date: session.date, problem });
    }
    return inTransaction(this.db, async (m) => {
      const before = await this.get(fair.id, m);
      const [{ created }] = await m.query(
        `INSERT INTO mm_settings (fair_id, slot_minutes, per_day_limit, request_expiry_hours, mode, utc_offset, sessions, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7, now())
         ON CONFLICT (fair_id) DO UPDATE SET slot_minutes = $2, per_day_limit = $3, request_expiry_hours = $4, mode = $5,
           utc_offset = $6, sessions = $7, updated_at = now()
         RETURNING (xmax = 0) AS created`,
        [fair.id, s.slotMinutes, s.perDayLimit, s.requestExpiryHours, s.mode, s.utcOffset, JSON.stringify(s.sessions)],
      );
      // setting matchmaking up: the fair's technical-matchmaking booths become its meeting tables
      if (created) await insertDefaultTables(m, fair.id);
      await this.audit.record(m, actor, { action: 'matchmaking.settings', entity: 'mm_settings', entityId: fair.id, fairId: fair.id, before, after: s });
      return s;
    });
  }

  async slots(fairId: string, manager?: EntityManager): Promise<{ settings: MatchmakingSettings; slots: SchedulerSlot[] }> {
    const settings = await this.get(fairId, manager);
    return { settings, slots: slotGrid(settings.sessions, settings.slotMinutes, settings.utcOffset) };
  }
}

function sessionProblem(s: SessionSpec, startsOn: string, endsOn: string): string | null {
  if (s.date < startsOn || s.date > endsOn) return `outside the fair (${startsOn} – ${endsOn})`;
  if (!HM.test(s.start) || !HM.test(s.end) || s.start >= s.end) return 'start must be before end (HH:MM)';
  for (const b of s.breaks ?? []) if (!HM.test(b.start) || !HM.test(b.end) || b.start >= b.end || b.start < s.start || b.end > s.end) return 'a break lies outside the session';
  return null;
}
