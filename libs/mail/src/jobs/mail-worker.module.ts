import { Module } from '@nestjs/common';
import { MailTransport } from '../mail.transport';
import { MailSendJob } from './mail-send.job';

/** The mail.send handler and the SMTP transport; imported by apps/worker only. */
@Module({ providers: [MailTransport, MailSendJob] })
export class MailWorkerModule {}
