import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@fair/core';
import { Inject } from '@nestjs/common';
import { JOBS, type JobName } from '../job-types';
import { JobProducer } from '../job.producer';
import { OUTBOX_JOB_PREFIX } from './job.dispatcher';

interface OutboxRow {
  id: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/** Rows relayed per statement. */
const RELAY_BATCH = 500;

/**
 * Moves due outbox rows to BullMQ. A row is due when its `available_at` has passed on the
 * database's clock or on the fair clock (CLOCK): jobs queued for "now" are due at once, timers
 * (`runAt` in fair time: request expiry, meeting close) fire when fair time reaches them.
 * The job id is "ob-<id>", so a second relay of the same row is a no-op while the job
 * exists. Re-relays rows whose job Redis lost (a Redis restart with
 * nothing on disk). Several workers may run it: rows are claimed with SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;
  private lastSweep = 0;
  /** Relayed rows older than this with no job in Redis are relayed again. */
  sweepAfterMs = 30_000;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const tick = async () => {
      if (this.stopped) return;
      try {
        // a full batch means more are due: go on at once (a large invitation batch is relayed
        // in one go instead of 500 rows per poll), up to 20 batches before the sweep gets a turn
        for (let i = 0; i < 20 && (await this.relayOnce()) === RELAY_BATCH && !this.stopped; i++);
        if (Date.now() - this.lastSweep > this.sweepAfterMs / 2) {
          this.lastSweep = Date.now();
          await this.sweepLost();
        }
      } catch (err) {
        this.logger.warn(`relay failed, will retry: ${(err as Error).message}`);
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.config.OUTBOX_POLL_MS);
    };
    this.timer = setTimeout(tick, 0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Relays up to `limit` due rows; returns how many. */
  async relayOnce(limit = RELAY_BATCH): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.db.transaction(async (m) => {
        const rows: OutboxRow[] = await m.query(
          `SELECT id, job_name, payload FROM outbox
            WHERE relayed_at IS NULL AND available_at <= greatest(now(), $2::timestamptz)
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [limit, this.clock.now()],
        );
        if (rows.length === 0) return 0;
        await this.addToQueues(rows);
        await m.query(`UPDATE outbox SET relayed_at = now(), relay_count = relay_count + 1 WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
        return rows.length;
      });
    } finally {
      this.running = false;
    }
  }

  /** Re-relays in-flight rows whose BullMQ job no longer exists. Returns how many. */
  async sweepLost(limit = 1000): Promise<number> {
    const rows: OutboxRow[] = await this.db.query(
      `SELECT id, job_name, payload FROM outbox
        WHERE relayed_at IS NOT NULL AND completed_at IS NULL AND failed_at IS NULL
          AND relayed_at < now() - make_interval(secs => $1)
        ORDER BY id LIMIT $2`,
      [this.sweepAfterMs / 1000, limit],
    );
    const lost: OutboxRow[] = [];
    for (const row of rows) {
      const spec = JOBS[row.job_name as JobName];
      if (!spec) continue;
      const job = await this.producer.queue(spec.queue).getJob(OUTBOX_JOB_PREFIX + row.id);
      if (!job) lost.push(row);
    }
    if (lost.length) {
      this.logger.warn(`re-relaying ${lost.length} outbox jobs that Redis no longer holds`);
      await this.addToQueues(lost);
      await this.db.query(`UPDATE outbox SET relayed_at = now(), relay_count = relay_count + 1 WHERE id = ANY($1::bigint[])`, [
        lost.map((r) => r.id),
      ]);
    }
    return lost.length;
  }

  private async addToQueues(rows: OutboxRow[]): Promise<void> {
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const spec = JOBS[row.job_name as JobName];
      if (!spec) {
        this.logger.error(`outbox row ${row.id} names unknown job ${row.job_name}`);
        continue;
      }
      byQueue.set(spec.queue, [...(byQueue.get(spec.queue) ?? []), row]);
    }
    for (const [queue, list] of byQueue) {
      await this.producer.queue(queue as (typeof JOBS)[JobName]['queue']).addBulk(
        list.map((row) => ({
          name: row.job_name,
          data: row.payload,
          opts: this.producer.optionsFor(row.job_name as JobName, { jobId: OUTBOX_JOB_PREFIX + row.id }),
        })),
      );
    }
  }
}
