import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HANDLES_JOB } from '../handles-job.decorator';
import { JOB_NAMES, type JobName } from '../job-types';
import { Coalescer } from '@fair/core';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

export const OUTBOX_JOB_PREFIX = 'ob-';

/** The outbox row id behind a relayed job, or null for jobs added directly. */
export function outboxIdOf(job: Pick<Job, 'id'>): string | null {
  return job.id?.startsWith(OUTBOX_JOB_PREFIX) ? job.id.slice(OUTBOX_JOB_PREFIX.length) : null;
}

/**
 * Finds every @HandlesJob method at start-up and refuses to start when a job of the list has
 * no handler or two. Runs a job, then records an outbox job as completed (or permanently failed).
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, Handler>();
  // Concurrent jobs share these statements (see Coalescer): one round trip and commit for many.
  private readonly completedCheck = new Coalescer<string, boolean>(async (ids) => {
    const rows: { id: string }[] = await this.db.query('SELECT id::text FROM outbox WHERE id = ANY($1::bigint[]) AND completed_at IS NOT NULL', [ids]);
    const done = new Set(rows.map((r) => r.id));
    return ids.map((id) => done.has(id));
  });
  private readonly completions = new Coalescer<string>(async (ids) => {
    await this.db.query('UPDATE outbox SET completed_at = now() WHERE id = ANY($1::bigint[]) AND completed_at IS NULL', [ids]);
    return ids.map(() => undefined);
  });

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(HANDLES_JOB, fn as () => unknown);
        if (!name) continue;
        found.set(name, [...(found.get(name) ?? []), `${wrapper.name}.${method}`]);
        this.handlers.set(name, (fn as Handler).bind(instance));
      }
    }
    assertHandlersComplete(found);
  }

  handledJobs(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const outboxId = outboxIdOf(job);
    // Already done (a re-relay after Redis lost the job, or a duplicate): nothing to do.
    if (outboxId && (await this.completedCheck.submit(outboxId))) return { skipped: 'already completed' };
    try {
      const result = await handler(job.data, job);
      if (outboxId) await this.completions.submit(outboxId);
      return result;
    } catch (err) {
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.warn(`job ${job.name} ${job.id} failed for good: ${message}`);
        if (outboxId) {
          await this.db.query('UPDATE outbox SET failed_at = now(), last_error = $2 WHERE id = $1', [
            outboxId,
            message.slice(0, 2000),
          ]);
        }
      }
      throw err;
    }
  }
}

/** Throws one error listing every job without a handler and every job with several. */
export function assertHandlersComplete(found: Map<string, string[]>): void {
  const missing = JOB_NAMES.filter((n: JobName) => !found.has(n));
  const doubled = [...found.entries()].filter(([, where]) => where.length > 1);
  const unknown = [...found.keys()].filter((n) => !(JOB_NAMES as string[]).includes(n));
  const problems = [
    ...missing.map((n) => `job "${n}" has no handler`),
    ...doubled.map(([n, where]) => `job "${n}" has ${where.length} handlers (${where.join(', ')})`),
    ...unknown.map((n) => `handler for unknown job "${n}" (add it to JOBS in libs/jobs)`),
  ];
  if (problems.length) throw new Error(`Worker refuses to start: ${problems.join('; ')}`);
}
