import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@fair/core';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments?: { filename: string; content: Buffer | string; contentType: string; cid?: string }[];
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

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail(mail)) as { message?: Buffer };
    if (this.fileDir && info.message) {
      writeFileSync(join(this.fileDir, `${mail.messageId.replace(/[<>@]/g, '_')}.eml`), info.message);
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
