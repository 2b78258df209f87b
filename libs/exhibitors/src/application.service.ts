import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CommonErrors } from '@fair/core';
import { inTransaction, pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import { AuditService, AuthService, type Actor } from '@fair/auth';
import { FairsService, type FairEntity } from '@fair/fairs';
import type { ApplicationInput, NormalisedApplication } from './application-input';
import { checkApplication } from './application.rules';
import { ExhibitorErrors } from './exhibitors.errors';
import { LIVE_STATUSES, STATUS_LABELS, type ExhibitorStatus } from './exhibitor-status';
import { ExhibitorMailer } from './exhibitor.mailer';
import { ExhibitorTokensService } from './exhibitor-tokens.service';
import { loadFairFacts } from './fair-facts';
import { rowsOf } from './sql-rows';

export interface ApplyResult {
  id: string;
  status: ExhibitorStatus;
  origin: string;
  /** Only for drafts: the secret that lets the applicant submit the draft later. */
  resumeToken?: string;
}

/** The public side of registration: apply (or save a draft), submit a draft. */
@Injectable()
export class ApplicationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fairs: FairsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly tokens: ExhibitorTokensService,
    private readonly mailer: ExhibitorMailer,
  ) {}

  /** Checks the input against the fair; throws VALIDATION_FAILED with every bad field. */
  async normalise(fair: FairEntity, input: ApplicationInput, m: EntityManager = this.db.manager): Promise<NormalisedApplication> {
    const { value, issues } = checkApplication(input, await loadFairFacts(m, fair));
    if (!value) throw CommonErrors.VALIDATION_FAILED({ fields: issues });
    return value;
  }

  async apply(fairRef: string, input: ApplicationInput, options: { draft?: boolean; password?: string } = {}): Promise<ApplyResult> {
    const fair = await this.fairs.get(fairRef);
    const app = await this.normalise(fair, input);
    // Hashed before the transaction: argon2 is slow on purpose and must not hold row locks.
    const passwordHash = options.password ? await this.auth.hashPassword(options.password) : null;
    const status: ExhibitorStatus = options.draft ? 'draft' : 'submitted';
    const actor: Actor = { userId: null, role: 'exhibitor', email: app.email };
    try {
      return await inTransaction(this.db, async (m) => {
        const id = await this.insert(m, fair.id, app, status, { passwordHash, source: 'online' });
        await this.audit.record(m, actor, { action: `exhibitor.${options.draft ? 'draft' : 'submit'}`, entity: 'exhibitor', entityId: id, fairId: fair.id, after: app });
        if (options.draft) {
          const tokenId = await this.tokens.create(m, 'draft', { exhibitorId: id });
          return { id, status, origin: app.origin, resumeToken: this.tokens.sign('draft', tokenId) };
        }
        await this.sendConfirmation(m, id);
        return { id, status, origin: app.origin };
      });
    } catch (err) {
      if (pgCode(err) === PG_UNIQUE_VIOLATION) throw await this.duplicateError(fair.id, app);
      throw err;
    }
  }

  /** Inserts one application row in the caller's transaction; returns its id. */
  async insert(
    m: EntityManager,
    fairId: string,
    a: NormalisedApplication,
    status: ExhibitorStatus,
    extra: { passwordHash?: string | null; source: 'online' | 'import' },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO exhibitors (fair_id, status, legal_name, name_vi, name_en, country, origin, tax_id, address, website,
                               sectors, products, contact_name, email, phone, lang, booth_requests, placement, consent_at,
                               pending_password_hash, source, submitted_at, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17::jsonb, $18::jsonb, now(), $19, $20,
               CASE WHEN $2 = 'draft' THEN NULL ELSE now() END, CASE WHEN $2 = 'approved' THEN now() END)
       RETURNING id`,
      [
        fairId, status, a.legalName, a.nameVi, a.nameEn, a.country, a.origin, a.taxId, a.address, a.website,
        JSON.stringify(a.sectors), a.products, a.contactName, a.email, a.phone, a.lang,
        JSON.stringify(a.boothRequests), JSON.stringify(a.placement), extra.passwordHash ?? null, extra.source,
      ],
    );
    return rows[0]!.id;
  }

  /** A confirmation token and its email, in the caller's transaction. */
  async sendConfirmation(m: EntityManager, exhibitorId: string, imported = false): Promise<void> {
    const tokenId = await this.tokens.create(m, 'confirm-email', { exhibitorId });
    await this.mailer.confirmEmail(m, await this.mailer.subject(m, exhibitorId), tokenId, imported);
  }

  /**
   * A new confirmation link for every application of this email still waiting for it (the mail
   * got lost, the link expired). Older links stop working. Nothing happens for an unknown email,
   * and the caller answers the same either way.
   */
  async resendConfirmation(email: string): Promise<void> {
    await inTransaction(this.db, async (m) => {
      const rows: { id: string; source: 'online' | 'import' }[] = await m.query(
        `SELECT id, source FROM exhibitors
          WHERE lower(email) = lower($1) AND email_confirmed_at IS NULL AND (status = 'submitted' OR (status = 'approved' AND source = 'import'))
          ORDER BY created_at FOR UPDATE`,
        [email.trim()],
      );
      for (const row of rows) {
        await m.query(`UPDATE exhibitor_tokens SET used_at = now() WHERE exhibitor_id = $1 AND purpose = 'confirm-email' AND used_at IS NULL`, [row.id]);
        await this.sendConfirmation(m, row.id, row.source === 'import');
      }
    });
  }

  /** draft -> submitted, proven by the draft's resume token (no account exists yet). */
  async submitDraft(exhibitorId: string, resumeToken: string): Promise<ApplyResult> {
    return inTransaction(this.db, async (m) => {
      const token = await this.tokens.consume(m, 'draft', resumeToken);
      if (token.exhibitor_id !== exhibitorId) throw ExhibitorErrors.TOKEN_INVALID();
      const [row] = rowsOf<{ id: string; status: ExhibitorStatus; origin: string; fair_id: string; email: string }>(
        await m.query(
          `UPDATE exhibitors SET status = 'submitted', submitted_at = now(), updated_at = now()
            WHERE id = $1 AND status = 'draft' RETURNING id, status, origin, fair_id, email`,
          [exhibitorId],
        ),
      );
      if (!row) throw ExhibitorErrors.TOKEN_INVALID();
      await this.audit.record(m, { userId: null, role: 'exhibitor', email: row.email }, { action: 'exhibitor.submit', entity: 'exhibitor', entityId: row.id, fairId: row.fair_id, before: { status: 'draft' }, after: { status: 'submitted' } });
      await this.sendConfirmation(m, row.id);
      return { id: row.id, status: row.status, origin: row.origin };
    });
  }

  /** The live application that blocked an insert (or an edit of `exceptId`), described so the applicant knows where it stands. */
  async duplicateError(fairId: string, a: Pick<NormalisedApplication, 'taxId' | 'email'>, exceptId?: string): Promise<Error> {
    const rows: { status: ExhibitorStatus; tax_id: string; created_at: Date; submitted_at: Date | null }[] = await this.db.query(
      `SELECT status, tax_id, created_at, submitted_at FROM exhibitors
        WHERE fair_id = $1 AND (tax_id = $2 OR lower(email) = lower($3)) AND status = ANY($4) AND ($5::uuid IS NULL OR id <> $5)
        ORDER BY created_at LIMIT 1`,
      [fairId, a.taxId, a.email, LIVE_STATUSES, exceptId ?? null],
    );
    const first = rows[0];
    if (!first) return CommonErrors.CONFLICT();
    const sameTax = first.tax_id === a.taxId;
    return ExhibitorErrors.DUPLICATE_APPLICATION({
      by: sameTax ? 'same tax/registration number' : 'same email',
      byVi: sameTax ? 'cùng mã số thuế/số đăng ký' : 'cùng email',
      status: first.status,
      statusEn: STATUS_LABELS[first.status].en,
      statusVi: STATUS_LABELS[first.status].vi,
      submittedOn: (first.submitted_at ?? first.created_at).toISOString().slice(0, 10),
    });
  }
}
