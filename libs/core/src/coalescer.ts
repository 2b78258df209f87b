/**
 * Runs one statement for many callers: calls that arrive while a statement is running wait and
 * go together in the next one, each caller getting its own result (or the statement's error).
 * No timer: an idle system runs a call at once. Used where many concurrent callers each write or
 * read one row (outbox completions, the completed-check before a job, mails marked sent, gate
 * scans): one round trip and one commit for all of them (docs/decisions/014, 017).
 * `maxInFlight` statements may run at once; the calls arriving meanwhile wait for a free one.
 */
export class Coalescer<I, O = void> {
  private waiting: { item: I; resolve(o: O): void; reject(e: unknown): void }[] = [];
  private inFlight = 0;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  /** `run` gets the items in arrival order and returns one result per item, in the same order. */
  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    options: { maxBatch?: number; maxInFlight?: number } = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.run(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i]!)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
