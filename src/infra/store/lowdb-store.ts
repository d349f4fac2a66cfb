// The embedded Store: one data directory, one lock, one write queue shared by every collection
// and sequence, so a batch can hand out a number and store the record that uses it together.
//
// Layout:  <dir>/.lock                       owner pid (lock-file.ts)
//          <dir>/_sequences.json             durable counters (sequences.ts)
//          <dir>/<collection>/<partition>.json  records (partition-file.ts)
//          <dir>/<journal>/<partition>.jsonl     append-only records (journal.ts)
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Collection, CollectionOptions, Journal, Logger, Store } from '../../core/ports.js';
import { removeTempFiles, tempPathFor } from './atomic-file.js';
import { Batch } from './batch.js';
import { LowdbCollection, type StoreContext } from './collection.js';
import { JsonlJournal } from './journal.js';
import { acquireLock } from './lock-file.js';
import { checkCollectionName } from './names.js';
import { Sequences } from './sequences.js';
import { WriteQueue } from './write-queue.js';

/** Waits for every promise, then rethrows the first failure (none is left running). */
async function settleAll(jobs: Array<() => Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(jobs.map((job) => job()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export class LowdbStore implements Store {
  private readonly queue: WriteQueue<Batch>;
  private readonly ctx: StoreContext;
  private readonly opened = new Map<string, { schema: unknown; collection: Promise<LowdbCollection<any>> }>();
  private readonly journals = new Map<string, { schema: unknown; journal: Promise<JsonlJournal<any>> }>();
  private closing: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    private readonly sequences: Sequences,
    private readonly releaseLock: () => Promise<void>,
    private readonly log: Logger,
  ) {
    this.queue = new WriteQueue<Batch>({ begin: () => new Batch(), commit: (batch) => this.commit(batch) });
    this.ctx = {
      enqueue: (run) => (this.closing ? Promise.reject(new Error('store is closed')) : this.queue.enqueue(run)),
      sequences,
      log,
    };
  }

  /** Locks `dir` (creating it), clears crash leftovers and loads the sequences. */
  static async open(dir: string, log: Logger): Promise<LowdbStore> {
    const root = path.resolve(dir);
    await mkdir(root, { recursive: true });
    const release = await acquireLock(root, log);
    try {
      const removed = await removeTempFiles(root);
      if (removed.length) log.warn({ removed }, 'removed temp files left by an interrupted write');
      return new LowdbStore(root, await Sequences.open(root), release, log);
    } catch (e) {
      await release();
      throw e;
    }
  }

  /**
   * Opens a collection once per name: a second call with the same schema object returns the
   * same instance; with another schema it throws, because two views with different validation
   * of the same files would disagree about what is valid.
   */
  collection<T extends { id: string }>(name: string, opts: CollectionOptions<T>): Promise<Collection<T>> {
    if (this.closing) return Promise.reject(new Error('store is closed'));
    try {
      checkCollectionName(name);
    } catch (e) {
      return Promise.reject(e);
    }
    const known = this.opened.get(name);
    if (known) {
      if (known.schema !== opts.schema) return Promise.reject(new Error(`collection "${name}" is already open with another schema`));
      return known.collection as Promise<LowdbCollection<T>>;
    }
    const collection = LowdbCollection.open(this.dir, name, opts, this.ctx);
    this.opened.set(name, { schema: opts.schema, collection });
    // A failed open (corrupt file) is forgotten, so a retry after the fix reads the files again.
    collection.catch(() => this.opened.delete(name));
    return collection;
  }

  /** Opens an append-only journal once per name (same rules as collections; names must not clash). */
  journal<T extends { id: string }>(name: string, opts: CollectionOptions<T>): Promise<Journal<T>> {
    if (this.closing) return Promise.reject(new Error('store is closed'));
    try {
      checkCollectionName(name);
      if (this.opened.has(name)) throw new Error(`"${name}" is already open as a collection`);
    } catch (e) {
      return Promise.reject(e);
    }
    const known = this.journals.get(name);
    if (known) {
      if (known.schema !== opts.schema) return Promise.reject(new Error(`journal "${name}" is already open with another schema`));
      return known.journal as Promise<JsonlJournal<T>>;
    }
    const journal = JsonlJournal.open(this.dir, name, opts, this.log);
    this.journals.set(name, { schema: opts.schema, journal });
    journal.catch(() => this.journals.delete(name));
    return journal;
  }

  nextSeq(name: string): Promise<number> {
    return this.ctx.enqueue((batch) => {
      const n = this.sequences.last(name) + 1;
      this.sequences.claim(name, n);
      batch.sequences = true;
      return n;
    });
  }

  async healthy(): Promise<boolean> {
    if (this.closing) return false;
    const probe = tempPathFor(path.join(this.dir, 'probe'));
    try {
      await writeFile(probe, 'ok', { flag: 'wx' });
      await rm(probe);
      return true;
    } catch {
      await rm(probe, { force: true }).catch(() => undefined);
      return false;
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.opened.values()].map((o) => o.collection));
      await this.queue.idle();
      for (const j of this.journals.values()) await j.journal.then((x) => x.idle()).catch(() => undefined);
      await this.releaseLock();
    })();
    return this.closing;
  }

  /** Writes a batch: sequences first, then the two phases of every collection (commit-plan.ts). */
  private async commit(batch: Batch): Promise<void> {
    const participants = [...batch.participants];
    try {
      if (batch.sequences) await this.sequences.write();
      const plans = participants.map((p) => p.prepare());
      await settleAll(plans.flatMap((p) => p.first));
      await settleAll(plans.flatMap((p) => p.second));
    } catch (e) {
      this.log.error({ err: e instanceof Error ? e.message : String(e) }, 'store write failed; the batch is rejected');
      for (const p of participants) p.aborted();
      throw e;
    }
    for (const p of participants) p.committed();
  }
}
