import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import type { FairEntity } from '@fair/fairs';
import { MailService } from '@fair/mail';
import { VisitorErrors } from './visitors.errors';
import type { VisitorType } from './visitor-types';

export const INVITATION_TEMPLATE = 'visitor-invitation';

/** What the worker needs to render an invitation: a snapshot, so a retry renders the same mail. */
export interface InvitationParams {
  code: string;
  serial: number;
  issue: number;
  name: string;
  company: string;
  visitorType: VisitorType;
  fairNameVi: string;
  fairNameEn: string;
  venueVi: string;
  venueEn: string;
  startsOn: string;
  endsOn: string;
}

export interface InvitationFilter {
  visitorIds?: string[];
  visitorTypes?: VisitorType[];
  sectors?: string[];
  countries?: string[];
  /** Also visitors already invited for their current pass issue (a deliberate second mail). */
  resend?: boolean;
}

export interface BatchProgress {
  batchId: string;
  fairId: string;
  total: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  done: boolean;
  failures: { email: string; error: string | null; attempts: number }[];
}

interface Target {
  pass_id: string;
  issue: number;
  serial: string;
  code: string;
  visitor_type: VisitorType;
  name: string;
  company: string;
  email: string;
  lang: 'vi' | 'en';
}

/**
 * Invitation batches: one transaction writes the batch, its mail_messages and outbox rows.
 * The dedupe key `invite:<pass>:<issue>` makes "send to all" twice queue nothing the second
 * time, so a double click or a retried request never mails anyone twice.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  async send(actor: Actor, fair: FairEntity, filter: InvitationFilter): Promise<{ batchId: string; queued: number; matched: number }> {
    return this.db.transaction(async (m) => {
      const targets: Target[] = await m.query(
        `SELECT p.id AS pass_id, p.issue, p.serial, p.code, p.visitor_type, v.name, v.company, v.email, v.lang
           FROM passes p JOIN visitors v ON v.id = p.visitor_id
          WHERE p.fair_id = $1 AND p.status = 'active'
            AND ($2::uuid[] IS NULL OR v.id = ANY($2))
            AND ($3::text[] IS NULL OR v.visitor_type = ANY($3))
            AND ($4::text[] IS NULL OR v.country = ANY($4))
            AND ($5::jsonb IS NULL OR v.sectors ?| ARRAY(SELECT jsonb_array_elements_text($5)))
          ORDER BY p.serial`,
        [fair.id, filter.visitorIds ?? null, filter.visitorTypes ?? null, filter.countries ?? null, filter.sectors ? JSON.stringify(filter.sectors) : null],
      );
      if (targets.length === 0) throw VisitorErrors.NOTHING_TO_SEND();
      const rows: { id: string }[] = await m.query(
        `INSERT INTO invitation_batches (fair_id, filter, created_by) VALUES ($1, $2::jsonb, $3) RETURNING id`,
        [fair.id, JSON.stringify(filter), actor.userId],
      );
      const batchId = rows[0]!.id;
      const ids = await this.queue(m, fair, targets, batchId, filter.resend ?? false);
      await m.query(`UPDATE invitation_batches SET total = $2 WHERE id = $1`, [batchId, ids.length]);
      await this.audit.record(m, actor, { action: 'invitations.send', entity: 'invitation-batch', entityId: batchId, fairId: fair.id, after: { filter, queued: ids.length } });
      return { batchId, queued: ids.length, matched: targets.length };
    });
  }

  /** Queues the invitation of passes just issued or reissued, inside the caller's transaction. */
  async queueForPasses(m: EntityManager, fair: FairEntity, passIds: string[]): Promise<string[]> {
    const targets: Target[] = await m.query(
      `SELECT p.id AS pass_id, p.issue, p.serial, p.code, p.visitor_type, v.name, v.company, v.email, v.lang
         FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.id = ANY($1::uuid[])`,
      [passIds],
    );
    return this.queue(m, fair, targets, null, false);
  }

  async progress(batchId: string): Promise<BatchProgress> {
    if (!/^[0-9a-f-]{36}$/i.test(batchId)) throw VisitorErrors.BATCH_NOT_FOUND();
    const batch: { fair_id: string; total: number }[] = await this.db.query(`SELECT fair_id, total FROM invitation_batches WHERE id = $1`, [batchId]);
    if (!batch[0]) throw VisitorErrors.BATCH_NOT_FOUND();
    const counts: { status: string; n: string }[] = await this.db.query(
      `SELECT status, count(*) AS n FROM mail_messages WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    );
    const by = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
    const failures: { to_address: string; last_error: string | null; attempts: number }[] = await this.db.query(
      `SELECT to_address, last_error, attempts FROM mail_messages WHERE batch_id = $1 AND status = 'failed' ORDER BY to_address LIMIT 500`,
      [batchId],
    );
    const p = { queued: by('queued'), sending: by('sending'), sent: by('sent'), failed: by('failed') };
    return {
      batchId,
      fairId: batch[0].fair_id,
      total: batch[0].total,
      ...p,
      done: p.queued + p.sending === 0,
      failures: failures.map((f) => ({ email: f.to_address, error: f.last_error, attempts: f.attempts })),
    };
  }

  private queue(m: EntityManager, fair: FairEntity, targets: Target[], batchId: string | null, resend: boolean): Promise<string[]> {
    return this.mail.queueMany(
      m,
      targets.map((t) => ({
        to: t.email,
        lang: t.lang,
        template: INVITATION_TEMPLATE,
        fairId: fair.id,
        batchId,
        dedupeKey: resend && batchId ? `invite:${t.pass_id}:${t.issue}:${batchId}` : `invite:${t.pass_id}:${t.issue}`,
        params: {
          code: t.code,
          serial: Number(t.serial),
          issue: t.issue,
          name: t.name,
          company: t.company,
          visitorType: t.visitor_type,
          fairNameVi: fair.nameVi,
          fairNameEn: fair.nameEn,
          venueVi: fair.venueVi,
          venueEn: fair.venueEn,
          startsOn: fair.startsOn,
          endsOn: fair.endsOn,
        } satisfies InvitationParams as unknown as Record<string, unknown>,
      })),
    );
  }
}
