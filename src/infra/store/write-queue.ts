// The store's single write lock, with group commit. Mutations queue up; one batch runs at a
// time. A batch applies every queued mutation in order to a pending overlay (so each sees the
// effect of the ones before it — no lost updates), writes each touched file once, and only
// then settles the promises. Mutations arriving while a batch is on disk wait for the next
// batch, so under load many updates share one fsync instead of queueing one fsync each.

/** What the queue needs from the store: a fresh batch, and a way to make it durable. */
export interface BatchHooks<B> {
  /** A new, empty batch. */
  begin(): B;
  /**
   * Writes the batch and folds it into the committed state; rejects (leaving committed state
   * as it was) when a write fails.
   */
  commit(batch: B): Promise<void>;
}

interface Job<B> {
  run: (batch: B) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteQueue<B> {
  private jobs: Job<B>[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly hooks: BatchHooks<B>) {}

  /**
   * Runs `run` against the next batch and resolves with its result once that batch is durable.
   * `run` must do everything that can throw before it stages anything in the batch: a throw
   * rejects this mutation only, and the rest of the batch goes on.
   */
  enqueue<R>(run: (batch: B) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.jobs.push({ run, resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Yield once so that mutations issued in the same tick (Promise.all of many) share the
    // first batch instead of the first one going alone.
    await Promise.resolve();
    try {
      while (this.jobs.length > 0) await this.flush(this.jobs.splice(0));
    } finally {
      this.running = undefined;
    }
  }

  private async flush(jobs: Job<B>[]): Promise<void> {
    const batch = this.hooks.begin();
    const applied: Array<[Job<B>, unknown]> = [];
    for (const job of jobs) {
      try {
        applied.push([job, job.run(batch)]);
      } catch (e) {
        job.reject(e);
      }
    }
    if (applied.length === 0) return;
    try {
      await this.hooks.commit(batch);
    } catch (e) {
      for (const [job] of applied) job.reject(e);
      return;
    }
    for (const [job, result] of applied) job.resolve(result);
  }
}
