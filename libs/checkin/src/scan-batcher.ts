import { pgCode } from '@fair/db';
import type { ScanContext, ScanOutcome } from './scan-recorder';

/** Retries work that Postgres aborted as a deadlock or serialization failure, as it asks. */
export async function withRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await work();
    } catch (err) {
      if (i + 1 >= attempts || !['40001', '40P01'].includes(pgCode(err) ?? '')) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (i + 1)));
    }
  }
}

interface Waiting {
  ctx: ScanContext;
  resolve(o: ScanOutcome): void;
  reject(e: unknown): void;
}

/**
 * Online scans that arrive while `maxInFlight` statements are already running wait and go
 * together in the next statement (checkin_record_scans: one transaction, one WAL flush, one
 * round trip for all of them). A scan on an idle system goes at once: no timer, no added
 * latency. Within a statement the scans run in pass-serial order (the order presence rows are
 * locked in, so two statements cannot deadlock on them; scans of one pass keep their arrival
 * order). If a statement fails for a reason other than a deadlock, each of its scans is
 * retried alone, so one bad scan never fails the others.
 */
export class ScanBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly write: (ctxs: ScanContext[]) => Promise<ScanOutcome[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 64,
  ) {}

  submit(ctx: ScanContext): Promise<ScanOutcome> {
    return new Promise<ScanOutcome>((resolve, reject) => {
      this.queue.push({ ctx, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    const serial = (w: Waiting) => (w.ctx.decoded.ok ? w.ctx.decoded.payload.serial : -1);
    const ordered = batch.length > 1 ? [...batch].sort((a, b) => serial(a) - serial(b)) : batch; // stable sort
    try {
      const outcomes = await withRetry(() => this.write(ordered.map((w) => w.ctx)));
      ordered.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (err) {
      if (ordered.length === 1) return ordered[0]!.reject(err);
      await Promise.all(
        ordered.map((w) =>
          withRetry(() => this.write([w.ctx])).then(
            (o) => w.resolve(o[0]!),
            (e) => w.reject(e),
          ),
        ),
      );
    }
  }
}
