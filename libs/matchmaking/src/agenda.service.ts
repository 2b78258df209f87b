import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, AuditService } from '@fair/auth';
import { inTransaction } from '@fair/db';
import { FairsService } from '@fair/fairs';
import { MailService } from '@fair/mail';
import type { Agenda } from './agenda-ics';
import { MM_AGENDA_MAIL } from './meeting-effects';
import type { ParticipantRow } from './participant-profile';

/** Each participant's scheduled meetings: as JSON, as an .ics download, and by email (with the .ics). */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  async agenda(me: ParticipantRow, manager: EntityManager = this.db.manager): Promise<Agenda> {
    const [fair] = await manager.query(`SELECT name_vi, name_en, time_zone FROM fairs WHERE id = $1`, [me.fair_id]);
    const meetings = await manager.query(
      `SELECT mt.id AS "meetingId", lower(mt.during) AS "startsAt", upper(mt.during) AS "endsAt", t.name AS "table", mt.status,
              o.display_name AS "otherName", o.company AS "otherCompany"
         FROM mm_meetings mt JOIN mm_tables t ON t.id = mt.table_id
         JOIN mm_participants o ON o.id = CASE WHEN mt.a_id = $1 THEN mt.b_id ELSE mt.a_id END
        WHERE (mt.a_id = $1 OR mt.b_id = $1) AND mt.status IN ('scheduled', 'held', 'no-show')
        ORDER BY lower(mt.during)`,
      [me.id],
    );
    return {
      participantId: me.id,
      name: me.display_name,
      email: me.email,
      lang: me.lang,
      fairNameVi: fair.name_vi,
      fairNameEn: fair.name_en,
      timeZone: fair.time_zone,
      meetings: meetings.map((x: Record<string, any>) => ({ ...x, startsAt: new Date(x.startsAt).toISOString(), endsAt: new Date(x.endsAt).toISOString() })),
    };
  }

  /** one participant asks for their agenda by email */
  async email(me: ParticipantRow): Promise<{ queued: boolean }> {
    return inTransaction(this.db, async (m) => {
      const agenda = await this.agenda(me, m);
      const id = await this.mail.queue(m, { to: me.email, lang: me.lang, template: MM_AGENDA_MAIL, params: { ...agenda }, fairId: me.fair_id });
      return { queued: id !== null };
    });
  }

  /** the organiser sends every participant with a scheduled meeting their agenda (after publishing) */
  async emailAll(actor: Actor, fairRef: string): Promise<{ queued: number }> {
    const fair = await this.fairs.get(fairRef);
    const batchId = randomUUID();
    return inTransaction(this.db, async (m) => {
      const people: ParticipantRow[] = await m.query(
        `SELECT p.* FROM mm_participants p WHERE p.fair_id = $1
            AND EXISTS (SELECT 1 FROM mm_seats s JOIN mm_meetings mt ON mt.id = s.meeting_id WHERE s.participant_id = p.id AND mt.status = 'scheduled')
          ORDER BY p.id`,
        [fair.id],
      );
      const inputs = [];
      for (const p of people) {
        const agenda = await this.agenda(p, m);
        inputs.push({ to: p.email, lang: p.lang, template: MM_AGENDA_MAIL, params: { ...agenda }, fairId: fair.id, batchId, dedupeKey: `mm-agenda:${batchId}:${p.id}` });
      }
      const ids = await this.mail.queueMany(m, inputs);
      await this.audit.record(m, actor, { action: 'matchmaking.agenda.send', entity: 'fair', entityId: fair.id, fairId: fair.id, after: { queued: ids.length, batchId } });
      return { queued: ids.length };
    });
  }
}
