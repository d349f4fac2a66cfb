// Runs work one at a time per key (a notice, a maintenance window), in arrival order; other
// keys go on in parallel. In-process only: the store's write lock keeps records consistent,
// this keeps the messages and holds that follow a write from interleaving.
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const settled = next.catch(() => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }
}
