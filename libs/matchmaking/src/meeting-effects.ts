import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService, type JobPayloads } from '@fair/jobs';
import { MailService } from '@fair/mail';

export const MM_REQUEST_MAIL = 'matchmaking-request';
export const MM_AGENDA_MAIL = 'matchmaking-agenda';
export type RequestMailEvent = 'requested' | 'accepted' | 'declined' | 'expired';
export type TallyEvent = JobPayloads['matchmaking.tally']['event'];

/**
 * What the tallies count per event, as SQL over the meetings/requests tables. The recount in the
 * tests uses the same definitions: the day is the fair-local date of the request (requested), of
 * the acceptance (accepted) or of the slot (scheduled, held, no-show); sectors are both sides'.
 */
export const TALLY_FACTS_SQL = {
  request: `
    SELECT r.id, r.fair_id, to_char(r.created_at AT TIME ZONE f.time_zone, 'YYYY-MM-DD') AS day,
           ARRAY(SELECT DISTINCT s FROM unnest(a.sectors || b.sectors) s ORDER BY 1) AS sectors,
           least(a.country, b.country) || '-' || greatest(a.country, b.country) AS pair
      FROM mm_requests r JOIN fairs f ON f.id = r.fair_id
      JOIN mm_participants a ON a.id = r.from_id JOIN mm_participants b ON b.id = r.to_id
     WHERE r.id = ANY($1::uuid[])`,
  meeting: (at: 'created' | 'slot') => `
    SELECT mt.id, mt.fair_id, to_char(${at === 'created' ? 'mt.created_at' : 'lower(mt.during)'} AT TIME ZONE f.time_zone, 'YYYY-MM-DD') AS day,
           ARRAY(SELECT DISTINCT s FROM unnest(a.sectors || b.sectors) s ORDER BY 1) AS sectors,
           least(a.country, b.country) || '-' || greatest(a.country, b.country) AS pair,
           upper(mt.during) AS ends_at
      FROM mm_meetings mt JOIN fairs f ON f.id = mt.fair_id
      JOIN mm_participants a ON a.id = mt.a_id JOIN mm_participants b ON b.id = mt.b_id
     WHERE mt.id = ANY($1::uuid[])`,
};

interface Facts {
  id: string;
  fair_id: string;
  day: string;
  sectors: string[];
  pair: string;
  ends_at?: Date | null;
}

/**
 * The side effects of each matchmaking step, written in the caller's transaction: the email
 * (mail_messages + outbox), the tally job, and the timers (request expiry, end of a meeting's slot).
 */
@Injectable()
export class MeetingEffects {
  constructor(
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
  ) {}

  /** a new request: mail the addressee, count it, expire it at its time */
  async requested(m: EntityManager, requestId: string): Promise<void> {
    const [r] = await m.query(`SELECT id, expires_at FROM mm_requests WHERE id = $1`, [requestId]);
    await this.requestMail(m, requestId, 'requested');
    await this.tally(m, 'requested', await m.query(TALLY_FACTS_SQL.request, [[requestId]]));
    await this.outbox.enqueue(m, 'matchmaking.request-expire', { requestId }, { runAt: new Date(r.expires_at), dedupeKey: `mm-expire:${requestId}` });
  }

  /** an answer (or the expiry): mail the requester; an acceptance counts a meeting */
  async answered(m: EntityManager, requestId: string, event: Exclude<RequestMailEvent, 'requested'>, meetingId?: string): Promise<void> {
    await this.requestMail(m, requestId, event);
    if (meetingId) await this.tally(m, 'accepted', await m.query(TALLY_FACTS_SQL.meeting('created'), [[meetingId]]));
  }

  /** meetings placed in a slot: count them and close each one when its slot ends */
  async scheduled(m: EntityManager, meetingIds: string[]): Promise<void> {
    if (!meetingIds.length) return;
    const facts: Facts[] = await m.query(TALLY_FACTS_SQL.meeting('slot'), [meetingIds]);
    await this.tally(m, 'scheduled', facts);
    await this.outbox.enqueueMany(
      m,
      'matchmaking.meeting-close',
      facts.map((f) => ({ payload: { meetingId: f.id }, runAt: new Date(f.ends_at!), dedupeKey: `mm-close:${f.id}` })),
    );
  }

  async concluded(m: EntityManager, meetingId: string, event: 'held' | 'no-show'): Promise<void> {
    await this.tally(m, event, await m.query(TALLY_FACTS_SQL.meeting('slot'), [[meetingId]]));
  }

  private async tally(m: EntityManager, event: TallyEvent, facts: Facts[]): Promise<void> {
    await this.outbox.enqueueMany(
      m,
      'matchmaking.tally',
      facts.map((f) => {
        const eventId = `mm:${event}:${f.id}`;
        return { payload: { eventId, fairId: f.fair_id, event, day: f.day, sectors: f.sectors, countryPair: f.pair }, dedupeKey: `tally:${eventId}` };
      }),
    );
  }

  private async requestMail(m: EntityManager, requestId: string, event: RequestMailEvent): Promise<void> {
    const [r] = await m.query(
      `SELECT r.id, r.fair_id, r.message, f.name_vi, f.name_en,
              fr.display_name AS from_name, fr.company AS from_company, fr.email AS from_email, fr.lang AS from_lang,
              t.display_name AS to_name, t.company AS to_company, t.email AS to_email, t.lang AS to_lang,
              lower(mt.during) AS starts_at, upper(mt.during) AS ends_at, tb.name AS table_name
         FROM mm_requests r JOIN fairs f ON f.id = r.fair_id
         JOIN mm_participants fr ON fr.id = r.from_id JOIN mm_participants t ON t.id = r.to_id
         LEFT JOIN mm_meetings mt ON mt.request_id = r.id LEFT JOIN mm_tables tb ON tb.id = mt.table_id
        WHERE r.id = $1`,
      [requestId],
    );
    // the addressee hears of a request; the requester hears of its outcome
    const toAddressee = event === 'requested';
    await this.mail.queue(m, {
      to: toAddressee ? r.to_email : r.from_email,
      lang: toAddressee ? r.to_lang : r.from_lang,
      template: MM_REQUEST_MAIL,
      fairId: r.fair_id,
      dedupeKey: `mm-request:${requestId}:${event}`,
      params: {
        event,
        recipientName: toAddressee ? r.to_name : r.from_name,
        otherName: toAddressee ? r.from_name : r.to_name,
        otherCompany: toAddressee ? r.from_company : r.to_company,
        message: toAddressee ? r.message : '',
        fairNameVi: r.name_vi,
        fairNameEn: r.name_en,
        startsAt: r.starts_at ? new Date(r.starts_at).toISOString() : null,
        endsAt: r.ends_at ? new Date(r.ends_at).toISOString() : null,
        table: r.table_name ?? null,
      },
    });
  }
}
