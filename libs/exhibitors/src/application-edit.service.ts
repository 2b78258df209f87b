import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CommonErrors } from '@fair/core';
import { inTransaction, pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import { AuditService, type Actor } from '@fair/auth';
import { FairsService } from '@fair/fairs';
import type { ApplicationInput, NormalisedApplication } from './application-input';
import { ApplicationService } from './application.service';
import { ExhibitorErrors } from './exhibitors.errors';
import { EDITABLE, STATUS_LABELS, type ExhibitorStatus } from './exhibitor-status';
import { ExhibitorEntity } from './exhibitor.entity';
import { ExhibitorTokensService } from './exhibitor-tokens.service';
import { isUuid } from './exhibitor-transitions.service';
import { exhibitorView, type ExhibitorView } from './exhibitor.view';
import { rowsOf } from './sql-rows';

/** Who edits: the holder of a draft's resume token, or the signed-in owner after a change request. */
export type Editor = { resumeToken: string } | { actor: Actor };

interface StoredRow {
  id: string;
  fair_id: string;
  status: ExhibitorStatus;
  user_id: string | null;
  lang: 'vi' | 'en';
  email: string;
}

/** The stored columns an edit replaces, and the normalised field each comes from. */
const EDITED_COLUMNS = {
  legal_name: 'legalName',
  name_vi: 'nameVi',
  name_en: 'nameEn',
  country: 'country',
  tax_id: 'taxId',
  address: 'address',
  website: 'website',
  sectors: 'sectors',
  products: 'products',
  contact_name: 'contactName',
  email: 'email',
  phone: 'phone',
  lang: 'lang',
  booth_requests: 'boothRequests',
  placement: 'placement',
} as const satisfies Record<string, keyof NormalisedApplication>;
const JSON_COLUMNS = new Set(['sectors', 'booth_requests', 'placement']);

/**
 * Changing an application before review (a draft) or after organisers asked for changes. The
 * whole application is sent again and checked by the same rules as at submission
 * (ApplicationService.normalise); the duplicate rule stays with the database's unique indexes.
 */
@Injectable()
export class ApplicationEditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly audit: AuditService,
    private readonly tokens: ExhibitorTokensService,
    private readonly applications: ApplicationService,
  ) {}

  async edit(id: string, input: Omit<ApplicationInput, 'lang'> & { lang?: 'vi' | 'en' }, editor: Editor): Promise<ExhibitorView> {
    const ownerId = 'actor' in editor ? editor.actor.userId : null;
    // The token first: who does not hold it learns nothing about the application, not even its checks.
    if ('resumeToken' in editor && (await this.tokens.check(this.db.manager, 'draft', editor.resumeToken)).exhibitor_id !== id) {
      throw ExhibitorErrors.APPLICATION_NOT_FOUND();
    }
    const stored = isUuid(id) ? await this.read(this.db.manager, id, ownerId) : undefined;
    if (!stored || ('actor' in editor && !ownerId)) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
    const fair = await this.fairs.get(stored.fair_id);
    const app = await this.applications.normalise(fair, { ...input, lang: input.lang ?? stored.lang });
    try {
      return await inTransaction(this.db, async (m) => {
        if ('resumeToken' in editor) {
          const token = await this.tokens.check(m, 'draft', editor.resumeToken);
          if (token.exhibitor_id !== id) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
        }
        const before = await m.getRepository(ExhibitorEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!before || (ownerId && before.userId !== ownerId)) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
        const proof = EDITABLE[before.status];
        if (!proof || proof !== ('actor' in editor ? 'account' : 'resume-token')) {
          throw ExhibitorErrors.NOT_EDITABLE({ status: before.status, statusEn: STATUS_LABELS[before.status].en, statusVi: STATUS_LABELS[before.status].vi });
        }
        // After confirmation the email is the account's sign-in name and a proven mailbox.
        if (before.userId && app.email !== before.email.toLowerCase()) {
          throw CommonErrors.VALIDATION_FAILED({
            fields: [{
              field: 'email',
              constraint: 'equals',
              en: `email is confirmed and signs in to your account; it stays ${before.email}`,
              vi: `email đã được xác nhận và dùng để đăng nhập tài khoản; email giữ nguyên là ${before.email}`,
            }],
          });
        }
        await this.update(m, id, app);
        const after = (await m.getRepository(ExhibitorEntity).findOneByOrFail({ id }));
        await this.audit.record(m, 'actor' in editor ? editor.actor : { userId: null, role: 'exhibitor', email: before.email }, {
          action: 'exhibitor.edit',
          entity: 'exhibitor',
          entityId: id,
          fairId: before.fairId,
          before: changedFields(before, after),
          after: changedFields(after, before),
        });
        return exhibitorView(after);
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw await this.applications.duplicateError(stored.fair_id, app, id);
      throw err;
    }
  }

  private async read(m: EntityManager, id: string, ownerId: string | null): Promise<StoredRow | undefined> {
    const rows: StoredRow[] = await m.query(
      `SELECT id, fair_id, status, user_id, lang, email FROM exhibitors WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2)`,
      [id, ownerId],
    );
    return rows[0];
  }

  private async update(m: EntityManager, id: string, app: NormalisedApplication): Promise<void> {
    const columns = Object.entries(EDITED_COLUMNS);
    const sets = columns.map(([column], i) => `${column} = $${i + 3}${JSON_COLUMNS.has(column) ? '::jsonb' : ''}`);
    const values = columns.map(([column, field]) => (JSON_COLUMNS.has(column) ? JSON.stringify(app[field]) : app[field]));
    const [row] = rowsOf<{ id: string }>(
      await m.query(
        // An organiser's override of international/domestic survives a change of country.
        `UPDATE exhibitors SET ${sets.join(', ')}, origin = CASE WHEN origin_overridden THEN origin ELSE $2 END,
                consent_at = now(), updated_at = now()
          WHERE id = $1 RETURNING id`,
        [id, app.origin, ...values],
      ),
    );
    if (!row) throw ExhibitorErrors.APPLICATION_NOT_FOUND();
  }
}

const AUDITED: (keyof ExhibitorEntity)[] = [
  'legalName', 'nameVi', 'nameEn', 'country', 'origin', 'taxId', 'address', 'website', 'sectors', 'products',
  'contactName', 'email', 'phone', 'lang', 'boothRequests', 'placement',
];

/** The audited fields of `a` whose value differs in `b`. */
function changedFields(a: ExhibitorEntity, b: ExhibitorEntity): Record<string, unknown> {
  return Object.fromEntries(AUDITED.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => [k, a[k]]));
}
