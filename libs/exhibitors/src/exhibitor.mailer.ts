import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailService } from '@fair/mail';
import type { ExhibitorStatus } from './exhibitor-status';

export const EXHIBITOR_MAIL = {
  confirmEmail: 'exhibitor.confirm-email',
  magicLink: 'exhibitor.magic-link',
  status: 'exhibitor.status',
} as const;

/** The facts every exhibitor email needs; read with the row in the same transaction. */
export interface MailSubject {
  id: string;
  fair_id: string;
  email: string;
  lang: 'vi' | 'en';
  legal_name: string;
  fair_name_vi: string;
  fair_name_en: string;
}

/**
 * Queues exhibitor emails in the caller's transaction (mail_messages + outbox), so an email
 * exists exactly when the change it reports commits. Rendering happens in the worker.
 */
@Injectable()
export class ExhibitorMailer {
  constructor(private readonly mail: MailService) {}

  static readonly SUBJECT_SQL = `SELECT e.id, e.fair_id, e.email, e.lang, e.legal_name, f.name_vi AS fair_name_vi, f.name_en AS fair_name_en
    FROM exhibitors e JOIN fairs f ON f.id = e.fair_id WHERE e.id = $1`;

  async subject(m: EntityManager, exhibitorId: string): Promise<MailSubject> {
    const rows: MailSubject[] = await m.query(ExhibitorMailer.SUBJECT_SQL, [exhibitorId]);
    return rows[0]!;
  }

  confirmEmail(m: EntityManager, s: MailSubject, tokenId: string, imported = false): Promise<string | null> {
    return this.mail.queue(m, {
      to: s.email,
      lang: s.lang,
      template: EXHIBITOR_MAIL.confirmEmail,
      params: { tokenId, legalName: s.legal_name, fairNameVi: s.fair_name_vi, fairNameEn: s.fair_name_en, imported },
      fairId: s.fair_id,
      dedupeKey: `exhibitor-confirm:${tokenId}`,
    });
  }

  statusChanged(m: EntityManager, s: MailSubject, status: ExhibitorStatus, reason?: string | null): Promise<string | null> {
    return this.mail.queue(m, {
      to: s.email,
      lang: s.lang,
      template: EXHIBITOR_MAIL.status,
      params: { status, reason: reason ?? null, legalName: s.legal_name, fairNameVi: s.fair_name_vi, fairNameEn: s.fair_name_en },
      fairId: s.fair_id,
    });
  }

  magicLink(m: EntityManager, user: { email: string; name: string; lang: 'vi' | 'en' }, tokenId: string): Promise<string | null> {
    return this.mail.queue(m, {
      to: user.email,
      lang: user.lang,
      template: EXHIBITOR_MAIL.magicLink,
      params: { tokenId, name: user.name },
      dedupeKey: `exhibitor-magic:${tokenId}`,
    });
  }
}
