import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { ExhibitorErrors } from './exhibitors.errors';
import { STATUS_LABELS, TRANSITIONS, type ExhibitorAction, type ExhibitorStatus } from './exhibitor-status';
import { ExhibitorMailer } from './exhibitor.mailer';
import { rowsOf } from './sql-rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string) => UUID.test(v);

/**
 * Moves an application from one status to another. The UPDATE names the statuses it may start
 * from, so of two organisers acting at once the second finds the row changed (it waits for the
 * first's row lock, then re-reads) and gets ILLEGAL_TRANSITION: exactly one outcome, no lost update.
 */
@Injectable()
export class ExhibitorTransitionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly mailer: ExhibitorMailer,
  ) {}

  async apply(
    actor: Actor,
    exhibitorId: string,
    action: ExhibitorAction,
    options: { reason?: string | null; ownerUserId?: string } = {},
  ): Promise<{ id: string; status: ExhibitorStatus }> {
    if (!isUuid(exhibitorId)) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
    const { from, to } = TRANSITIONS[action];
    const reason = options.reason?.trim() || null;
    return inTransaction(this.db, async (m) => {
      const [row] = rowsOf<{ id: string; fair_id: string; status: ExhibitorStatus }>(
        await m.query(
          `UPDATE exhibitors SET status = $2, updated_at = now(),
                  review_note = CASE WHEN $4::text IS NOT NULL THEN $4 ELSE review_note END,
                  decided_at = CASE WHEN $2 IN ('approved', 'rejected') THEN now() ELSE decided_at END
            WHERE id = $1 AND status = ANY($3) AND ($5::uuid IS NULL OR user_id = $5)
            RETURNING id, fair_id, status`,
          [exhibitorId, to, from, reason, options.ownerUserId ?? null],
        ),
      );
      if (!row) throw await this.whyNot(exhibitorId, action, options.ownerUserId);
      await this.audit.record(m, actor, {
        action: `exhibitor.${action}`,
        entity: 'exhibitor',
        entityId: row.id,
        fairId: row.fair_id,
        after: { status: to },
        reason,
      });
      await this.mailer.statusChanged(m, await this.mailer.subject(m, row.id), to, reason);
      return { id: row.id, status: row.status };
    });
  }

  /** 404 when the row is not there (or not the caller's), else 409 naming the current status. */
  private async whyNot(id: string, action: ExhibitorAction, ownerUserId?: string): Promise<Error> {
    const rows: { status: ExhibitorStatus }[] = await this.db.query(
      `SELECT status FROM exhibitors WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2)`,
      [id, ownerUserId ?? null],
    );
    const current = rows[0]?.status;
    if (!current) return ExhibitorErrors.APPLICATION_NOT_FOUND();
    return ExhibitorErrors.ILLEGAL_TRANSITION({
      action,
      status: current,
      statusEn: STATUS_LABELS[current].en,
      statusVi: STATUS_LABELS[current].vi,
      allowedFrom: TRANSITIONS[action].from,
    });
  }
}
