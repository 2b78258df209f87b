import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { composeMime, type OutgoingMail } from './mime-compose';

export type { OutgoingMail };

/** The bare address of "Name <a@b>" or "a@b", for the SMTP envelope. */
function envelopeAddress(value: string): string {
  return addressparser(value, { flatten: true })[0]?.address ?? value;
}

/**
 * nodemailer over SMTP_URL with a connection pool. Without SMTP_URL (development only; the
 * config refuses that in production) messages are written as .eml files under DATA_DIR/mail.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  private readonly fileDir?: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.SMTP_URL) {
      this.transporter = nodemailer.createTransport({
        url: config.SMTP_URL,
        pool: true,
        maxConnections: 5,
        maxMessages: Infinity,
      } as TransportOptions);
    } else {
      this.fileDir = resolve(config.DATA_DIR, 'mail');
      mkdirSync(this.fileDir, { recursive: true });
      this.transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.logger.warn(`SMTP_URL not set: emails are written to ${this.fileDir}`);
    }
  }

  /**
   * The message is built into one buffer first (composeMime) and handed over raw: nodemailer
   * then writes it to the socket in a few large writes instead of streaming every part.
   */
  async send(mail: OutgoingMail): Promise<void> {
    const raw = await composeMime(mail);
    if (this.fileDir) {
      writeFileSync(join(this.fileDir, `${mail.messageId.replace(/[<>@]/g, '_')}.eml`), raw);
      return;
    }
    await this.transporter.sendMail({ envelope: { from: envelopeAddress(mail.from), to: [envelopeAddress(mail.to)] }, raw });
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
