import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailService } from '@fair/mail';
import type { AllocationFacts } from '@fair/exhibitors';

export const BOOTH_MAIL_TEMPLATE = 'booth.allocation';
export type BoothMailEvent = 'held' | 'assigned' | 'released' | 'expired' | 'offered' | 'turn' | 'turn-missed';

/** Queues the exhibitor's booth email in the caller's transaction; the worker renders it. */
@Injectable()
export class BoothMailer {
  constructor(private readonly mail: MailService) {}

  async notify(
    m: EntityManager,
    fairId: string,
    to: Pick<AllocationFacts, 'email' | 'lang' | 'legalName'>,
    event: BoothMailEvent,
    params: { booths?: string[]; expiresAt?: Date | null; reason?: string | null } = {},
  ): Promise<void> {
    const [fair] = (await m.query(`SELECT name_vi, name_en FROM fairs WHERE id = $1`, [fairId])) as { name_vi: string; name_en: string }[];
    await this.mail.queue(m, {
      to: to.email,
      lang: to.lang,
      template: BOOTH_MAIL_TEMPLATE,
      params: {
        event,
        legalName: to.legalName,
        booths: params.booths ?? [],
        expiresAt: params.expiresAt ? params.expiresAt.toISOString() : null,
        reason: params.reason ?? null,
        fairNameVi: fair?.name_vi ?? '',
        fairNameEn: fair?.name_en ?? '',
      },
      fairId,
    });
  }
}
