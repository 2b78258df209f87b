import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayloads } from './job-types';

export interface OutboxOptions {
  /** A second enqueue with the same key is ignored (e.g. `invite:<visitorId>:<issue>`). */
  dedupeKey?: string;
  /** Do not run before this time (hold expiry, request expiry). */
  runAt?: Date;
}

/**
 * Writes a job into the outbox inside the caller's transaction, so the job exists exactly when
 * the change that causes it commits. The worker's relay moves it to BullMQ.
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    payload: JobPayloads[N],
    options: OutboxOptions = {},
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO outbox (job_name, payload, dedupe_key, available_at)
       VALUES ($1, $2::jsonb, $3, COALESCE($4::timestamptz, now()))
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [name, JSON.stringify(payload), options.dedupeKey ?? null, options.runAt ?? null],
    );
    return rows[0]?.id ?? null;
  }

  async enqueueMany<N extends JobName>(
    manager: EntityManager,
    name: N,
    items: { payload: JobPayloads[N]; dedupeKey?: string; runAt?: Date }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    let inserted = 0;
    // Chunks keep each statement's parameter count well under Postgres' limit.
    for (let i = 0; i < items.length; i += 1000) {
      const chunk = items.slice(i, i + 1000);
      const rows: unknown[] = await manager.query(
        `INSERT INTO outbox (job_name, payload, dedupe_key, available_at)
         SELECT $1, p, k, COALESCE(r, now())
           FROM unnest($2::jsonb[], $3::text[], $4::timestamptz[]) AS t(p, k, r)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id`,
        [
          name,
          chunk.map((c) => JSON.stringify(c.payload)),
          chunk.map((c) => c.dedupeKey ?? null),
          chunk.map((c) => c.runAt ?? null),
        ],
      );
      inserted += rows.length;
    }
    return inserted;
  }
}
