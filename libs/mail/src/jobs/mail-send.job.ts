import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, Coalescer, type AppConfig } from '@fair/core';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { queryReturning } from '@fair/db';
import { MailTemplates } from '../mail-templates';
import { MailTransport } from '../mail.transport';

interface ClaimedMail {
  id: string;
  to_address: string;
  lang: 'vi' | 'en';
  template: string;
  params: Record<string, unknown>;
  previous_status: string;
}

/**
 * Sends one mail_messages row. A row already 'sent' is skipped, so a re-delivered job sends
 * nothing. The only window for a duplicate is a worker dying between the SMTP server's "250 OK"
 * and the UPDATE below; the Message-ID is fixed per row so receivers can tell (docs/decisions).
 */
@Injectable()
export class MailSendJob {
  // Concurrent sends share the claim and the "sent" statements (Coalescer): one round trip and
  // one commit for many mails instead of two per mail; each row is still claimed before its
  // message goes out and marked sent before its job completes.
  private readonly claims = new Coalescer<string, ClaimedMail | undefined>(async (ids) => {
    const rows = await queryReturning<ClaimedMail>(
      this.db,
      `UPDATE mail_messages m SET status = 'sending', attempts = attempts + 1
         FROM (SELECT id, status AS previous_status FROM mail_messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE) old
        WHERE m.id = old.id AND m.status IN ('queued', 'sending', 'failed')
        RETURNING m.id, m.to_address, m.lang, m.template, m.params, old.previous_status`,
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // the same mail twice in one statement (a duplicate delivery): only the first caller sends it
    return ids.map((id) => {
      const row = byId.get(id);
      byId.delete(id);
      return row;
    });
  });
  private readonly sent = new Coalescer<{ id: string; subject: string }>(async (mails) => {
    await this.db.query(
      `UPDATE mail_messages m SET status = 'sent', sent_at = now(), subject = v.subject, last_error = NULL
         FROM unnest($1::uuid[], $2::text[]) AS v(id, subject) WHERE m.id = v.id`,
      [mails.map((x) => x.id), mails.map((x) => x.subject)],
    );
    return mails.map(() => undefined);
  });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @HandlesJob('mail.send')
  async handle(payload: JobPayloads['mail.send'], job: Job): Promise<{ sent: boolean }> {
    const mail = await this.claims.submit(payload.mailId);
    if (!mail) return { sent: false }; // already sent, or the row is gone
    try {
      const rendered = await this.templates.render(mail.template, mail.params, {
        lang: mail.lang,
        publicUrl: this.config.PUBLIC_URL,
        mailId: mail.id,
      });
      await this.transport.send({
        from: this.config.MAIL_FROM,
        to: mail.to_address,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        attachments: rendered.attachments,
        messageId: `<${mail.id}@fair.local>`,
      });
      await this.sent.submit({ id: mail.id, subject: rendered.subject });
      return { sent: true };
    } catch (err) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.db.query(`UPDATE mail_messages SET status = $2, last_error = $3 WHERE id = $1`, [
        mail.id,
        final ? 'failed' : 'queued',
        (err as Error).message.slice(0, 2000),
      ]);
      throw err;
    }
  }
}
