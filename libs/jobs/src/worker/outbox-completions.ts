/**
 * Marks outbox rows completed, several per statement. A job's row is marked before its job
 * completes in BullMQ (the dispatcher awaits `complete`), as before; what changes is that the
 * jobs finishing while one UPDATE runs share the next one: one round trip and one commit for
 * all of them instead of one each (with 50 concurrent mail jobs that was a commit per email,
 * docs/decisions/017). No timer: on an idle worker a row is marked at once. If the UPDATE fails,
 * every job waiting on it fails and is retried by BullMQ, exactly as a failed single UPDATE did.
 */
export class OutboxCompletions {
  private waiting: { id: string; resolve(): void; reject(e: unknown): void }[] = [];
  private running = false;

  constructor(
    private readonly markCompleted: (ids: string[]) => Promise<unknown>,
    private readonly maxBatch = 500,
  ) {}

  complete(outboxId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ id: outboxId, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.running = true;
    this.markCompleted(batch.map((w) => w.id))
      .then(
        () => batch.forEach((w) => w.resolve()),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}
