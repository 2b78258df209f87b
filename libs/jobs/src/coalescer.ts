/**
 * Runs one statement for many callers: calls that arrive while a statement is running wait and
 * go together in the next one, each caller getting its own result (or the statement's error).
 * No timer: an idle system runs a call at once. Used where many concurrent jobs each write or
 * read one row (outbox completions, the completed-check before a job, mails marked sent): one
 * round trip and one commit for all of them (docs/decisions/017).
 */
export class Coalescer<I, O = void> {
  private waiting: { item: I; resolve(o: O): void; reject(e: unknown): void }[] = [];
  private running = false;

  /** `run` gets the items in arrival order and returns one result per item, in the same order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || !this.waiting.length) return;
    const batch = this.waiting.splice(0, this.maxBatch);
    this.running = true;
    this.run(batch.map((w) => w.item))
      .then(
        (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}
