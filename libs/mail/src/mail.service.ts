import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Lang } from '@fair/core';
import { OutboxService } from '@fair/jobs';

export interface QueueMailInput {
  to: string;
  lang: Lang;
  template: string;
  params: Record<string, unknown>;
  fairId?: string | null;
  batchId?: string | null;
  /** Same key twice = one message (e.g. `invite:<passId>:<issue>`). */
  dedupeKey?: string;
}

/**
 * Queues an email inside the caller's transaction: a mail_messages row plus an outbox row.
 * If the transaction rolls back, neither exists; if it commits, the mail will be sent.
 */
@Injectable()
export class MailService {
  constructor(private readonly outbox: OutboxService) {}

  async queue(manager: EntityManager, input: QueueMailInput): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO mail_messages (to_address, lang, template, params, fair_id, batch_id, dedupe_key)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [input.to, input.lang, input.template, JSON.stringify(input.params), input.fairId ?? null, input.batchId ?? null, input.dedupeKey ?? null],
    );
    const id = rows[0]?.id;
    if (!id) return null;
    await this.outbox.enqueue(manager, 'mail.send', { mailId: id }, { dedupeKey: `mail:${id}` });
    return id;
  }

  /** Many messages in one go (invitation batches); returns the ids of those newly queued. */
  async queueMany(manager: EntityManager, inputs: QueueMailInput[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < inputs.length; i += 1000) {
      const chunk = inputs.slice(i, i + 1000);
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO mail_messages (to_address, lang, template, params, fair_id, batch_id, dedupe_key)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::uuid[], $6::uuid[], $7::text[])
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          chunk.map((c) => c.to),
          chunk.map((c) => c.lang),
          chunk.map((c) => c.template),
          chunk.map((c) => JSON.stringify(c.params)),
          chunk.map((c) => c.fairId ?? null),
          chunk.map((c) => c.batchId ?? null),
          chunk.map((c) => c.dedupeKey ?? null),
        ],
      );
      ids.push(...rows.map((r) => r.id));
    }
    await this.outbox.enqueueMany(
      manager,
      'mail.send',
      ids.map((id) => ({ payload: { mailId: id }, dedupeKey: `mail:${id}` })),
    );
    return ids;
  }
}
