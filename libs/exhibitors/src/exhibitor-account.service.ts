import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@fair/db';
import { AuditService, AuthService, type IssuedSession, type SessionUser } from '@fair/auth';
import { ExhibitorErrors } from './exhibitors.errors';
import type { ExhibitorStatus } from './exhibitor-status';
import { ExhibitorMailer } from './exhibitor.mailer';
import { ExhibitorTokensService } from './exhibitor-tokens.service';
import { rowsOf } from './sql-rows';

interface UserRow extends SessionUser {
  disabled_at: Date | null;
}

/**
 * Exhibitor accounts: made when the applicant follows the confirmation link, signed into with
 * a password (the normal /auth/login) or a one-time link sent by email.
 */
@Injectable()
export class ExhibitorAccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly tokens: ExhibitorTokensService,
    private readonly mailer: ExhibitorMailer,
  ) {}

  /**
   * Confirms the email of an application: creates (or links) the exhibitor user, moves a
   * submitted application to email_confirmed and starts a session. One transaction, so a
   * failure leaves the link usable.
   */
  async confirm(token: string, password?: string, userAgent?: string): Promise<{ session: IssuedSession; exhibitorId: string; status: ExhibitorStatus }> {
    const passwordHash = password ? await this.auth.hashPassword(password) : null;
    return inTransaction(this.db, async (m) => {
      const consumed = await this.tokens.consume(m, 'confirm-email', token);
      const rows: { id: string; fair_id: string; email: string; contact_name: string; lang: 'vi' | 'en'; status: ExhibitorStatus; pending_password_hash: string | null }[] =
        await m.query(`SELECT id, fair_id, email, contact_name, lang, status, pending_password_hash FROM exhibitors WHERE id = $1 FOR UPDATE`, [consumed.exhibitor_id]);
      const ex = rows[0];
      if (!ex || ex.status === 'withdrawn' || ex.status === 'rejected') throw ExhibitorErrors.TOKEN_INVALID();
      const user = await this.userFor(m, ex.email, ex.contact_name, ex.lang);
      const hash = passwordHash ?? ex.pending_password_hash;
      // The applicant just proved it holds the mailbox, which is what a password reset proves too.
      if (hash) await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, hash]);
      const [updated] = rowsOf<{ status: ExhibitorStatus }>(
        await m.query(
          `UPDATE exhibitors SET user_id = $2, pending_password_hash = NULL, email_confirmed_at = COALESCE(email_confirmed_at, now()),
                  status = CASE WHEN status = 'submitted' THEN 'email_confirmed' ELSE status END, updated_at = now()
            WHERE id = $1 RETURNING status`,
          [ex.id, user.id],
        ),
      );
      const actor = AuthService.actorOf(user);
      await this.audit.record(m, actor, {
        action: 'exhibitor.confirm-email',
        entity: 'exhibitor',
        entityId: ex.id,
        fairId: ex.fair_id,
        before: { status: ex.status },
        after: { status: updated!.status, userId: user.id },
      });
      if (ex.status === 'submitted') await this.mailer.statusChanged(m, await this.mailer.subject(m, ex.id), 'email_confirmed');
      const session = await this.auth.issueSession(user, userAgent, m);
      return { session, exhibitorId: ex.id, status: updated!.status };
    });
  }

  /** The exhibitor user of this email: the existing one (another fair, same company) or a new one. */
  private async userFor(m: EntityManager, email: string, name: string, lang: 'vi' | 'en'): Promise<SessionUser> {
    const found: (UserRow & { role: string })[] = await m.query(
      `SELECT id, email, name, role, lang, disabled_at FROM users WHERE lower(email) = lower($1) FOR UPDATE`,
      [email],
    );
    const existing = found[0];
    if (!existing) return this.auth.createUser({ email, name, role: 'exhibitor', lang }, m);
    if (existing.role !== 'exhibitor' || existing.disabled_at) throw ExhibitorErrors.EMAIL_BELONGS_TO_STAFF();
    return { id: existing.id, email: existing.email, name: existing.name, role: 'exhibitor', lang: existing.lang };
  }

  /**
   * Sends a one-time sign-in link when the email belongs to an exhibitor account. The answer is
   * the same either way, so the endpoint does not tell who has an account.
   */
  async requestMagicLink(email: string): Promise<void> {
    await inTransaction(this.db, async (m) => {
      const rows: UserRow[] = await m.query(
        `SELECT id, email, name, role, lang, disabled_at FROM users WHERE lower(email) = lower($1) AND role = 'exhibitor'`,
        [email.trim()],
      );
      const user = rows[0];
      if (!user || user.disabled_at) return;
      const tokenId = await this.tokens.create(m, 'magic-link', { userId: user.id });
      await this.mailer.magicLink(m, user, tokenId);
    });
  }

  async redeemMagicLink(token: string, userAgent?: string): Promise<IssuedSession> {
    return inTransaction(this.db, async (m) => {
      const consumed = await this.tokens.consume(m, 'magic-link', token);
      const rows: UserRow[] = await m.query(
        `SELECT id, email, name, role, lang, disabled_at FROM users WHERE id = $1 AND role = 'exhibitor'`,
        [consumed.user_id],
      );
      const user = rows[0];
      if (!user || user.disabled_at) throw ExhibitorErrors.TOKEN_INVALID();
      const sessionUser: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role, lang: user.lang };
      await this.audit.record(m, AuthService.actorOf(sessionUser), { action: 'exhibitor.sign-in-link', entity: 'user', entityId: user.id });
      return this.auth.issueSession(sessionUser, userAgent, m);
    });
  }
}
