// One collection: the committed records in memory (id → entry, and per partition), the
// mutations that stage changes in the running batch, and the files they end up in.
//
// Reads only ever see committed state: changes staged by a batch become visible in committed(),
// after every file of the batch is durable. Returned records are the stored objects, deep-frozen
// (see freeze.ts), so reads never copy.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Collection, CollectionOptions, Logger } from '../../core/ports.js';
import { AtomicJsonFile, fsyncDir, removeTempFiles } from './atomic-file.js';
import type { Batch, BatchParticipant } from './batch.js';
import { planCommit, type PartitionWrite } from './commit-plan.js';
import { deepFreeze } from './freeze.js';
import { loadPartitions } from './load-partitions.js';
import { sanitizePartition } from './names.js';
import { describeIssues, encodePartition, type Entry, type PartitionDoc } from './partition-file.js';
import type { Sequences } from './sequences.js';

/** What a collection needs from its store. */
export interface StoreContext {
  /** Runs a mutation under the store's write lock; resolves once its batch is durable. */
  enqueue<R>(run: (batch: Batch) => R): Promise<R>;
  sequences: Sequences;
  log: Logger;
}

interface Accepted<T> {
  id: string;
  record: T;
  partition: string;
}

const DEFAULT_PARTITION = 'main';

export class LowdbCollection<T extends { id: string }> implements Collection<T>, BatchParticipant {
  private readonly byId = new Map<string, Entry<T>>();
  private readonly byPartition = new Map<string, Map<string, Entry<T>>>();
  private readonly files = new Map<string, Low<PartitionDoc>>();
  /** JSON of each stored record, computed once: a partition rewrite only joins strings. */
  private readonly json = new WeakMap<object, string>();
  /** Changes of the running batch: id → new entry, or null for a delete. */
  private staged: Map<string, Entry<T> | null> | undefined;
  private stagedStamp = 0;
  private inFlight: string[] = [];
  /** Partitions whose file may differ from memory after a failed batch; rewritten next batch. */
  private readonly suspect = new Set<string>();
  private ordinalSeq = 0;
  private stampSeq = 0;

  private constructor(
    readonly name: string,
    readonly dir: string,
    private readonly opts: CollectionOptions<T>,
    private readonly ctx: StoreContext,
  ) {}

  /** Loads and validates `<root>/<name>/*.json`; throws StoreCorruptError on a bad file. */
  static async open<T extends { id: string }>(root: string, name: string, opts: CollectionOptions<T>, ctx: StoreContext): Promise<LowdbCollection<T>> {
    const dir = path.join(root, name);
    if (await mkdir(dir, { recursive: true })) await fsyncDir(root);
    const removed = await removeTempFiles(dir);
    if (removed.length) ctx.log.warn({ collection: name, removed }, 'removed temp files left by an interrupted write');
    const c = new LowdbCollection<T>(name, dir, opts, ctx);
    const loaded = await loadPartitions(dir, opts.schema, async (partition) => {
      const low = c.file(partition);
      await low.read();
      const doc = low.data;
      low.data = { records: [] }; // the raw copy is garbage once validated
      return doc;
    });
    for (const p of loaded.partitions) c.partitionMap(p);
    for (const e of loaded.entries) {
      deepFreeze(e.record);
      c.byId.set(e.id, e);
      c.partitionMap(e.partition).set(e.id, e);
    }
    c.ordinalSeq = loaded.maxOrdinal;
    c.stampSeq = loaded.maxStamp;
    for (const p of loaded.staleIn) {
      ctx.log.warn({ collection: name, partition: p }, 'removing stale copies of moved records left by an interrupted write');
      await c.writePartition({ partition: p, entries: [...c.partitionMap(p).values()] });
    }
    return c;
  }

  // ---- reads (committed state only) ------------------------------------------------------

  get(id: string): T | undefined {
    return this.byId.get(id)?.record;
  }

  all(): T[] {
    return Array.from(this.byId.values(), (e) => e.record);
  }

  filter(pred: (r: T) => boolean): T[] {
    const out: T[] = [];
    for (const e of this.byId.values()) if (pred(e.record)) out.push(e.record);
    return out;
  }

  get size(): number {
    return this.byId.size;
  }

  // ---- mutations (each validates and may throw before it stages anything) -----------------

  insert(record: T): Promise<T> {
    return this.ctx.enqueue((batch) => {
      const next = this.accept(record);
      if (this.current(next.id)) throw new Error(`${this.name}: a record with id "${next.id}" already exists`);
      return this.stage(batch, next, ++this.ordinalSeq);
    });
  }

  create(prefix: string, build: (id: string) => T): Promise<T> {
    return this.ctx.enqueue((batch) => {
      if (typeof prefix !== 'string' || prefix === '') throw new Error(`${this.name}: create needs a non-empty id prefix`);
      const seqs = this.ctx.sequences;
      let n = seqs.last(prefix) + 1;
      // The sequence file may be older than the records (restored from a backup): skip ahead.
      while (this.current(`${prefix}-${n}`)) n++;
      const id = `${prefix}-${n}`;
      const next = this.accept(build(id), id);
      seqs.claim(prefix, n);
      batch.sequences = true;
      return this.stage(batch, next, ++this.ordinalSeq);
    });
  }

  update(id: string, fn: (current: T) => T): Promise<T> {
    return this.ctx.enqueue((batch) => {
      const cur = this.current(id);
      if (!cur) throw new Error(`${this.name}: no record with id "${id}"`);
      return this.stage(batch, this.accept(fn(cur.record), id), cur.ordinal);
    });
  }

  upsert(id: string, fn: (current: T | undefined) => T): Promise<T> {
    return this.ctx.enqueue((batch) => {
      const cur = this.current(id);
      const next = this.accept(fn(cur?.record), id);
      return this.stage(batch, next, cur ? cur.ordinal : ++this.ordinalSeq);
    });
  }

  delete(id: string): Promise<boolean> {
    return this.ctx.enqueue((batch) => {
      if (!this.current(id)) return false;
      this.pendingIn(batch).set(id, null);
      return true;
    });
  }

  // ---- batch participation ---------------------------------------------------------------

  prepare(): { first: Array<() => Promise<void>>; second: Array<() => Promise<void>> } {
    const plan = planCommit(this.byPartition, this.byId, this.staged ?? new Map(), this.suspect);
    this.inFlight = [...plan.first, ...plan.second].map((w) => w.partition);
    const job = (w: PartitionWrite<T>) => () => this.writePartition(w);
    return { first: plan.first.map(job), second: plan.second.map(job) };
  }

  committed(): void {
    for (const [id, next] of this.staged ?? []) {
      const prev = this.byId.get(id);
      // Map.set keeps a key's position; a record that moved, or was deleted and created again
      // (a new ordinal), is removed first so it lands at the end, where its ordinal belongs.
      const replaced = prev !== undefined && next !== null && prev.partition === next.partition && prev.ordinal === next.ordinal;
      if (prev && !replaced) {
        this.byPartition.get(prev.partition)?.delete(id);
        if (!next || prev.ordinal !== next.ordinal) this.byId.delete(id);
      }
      if (!next) continue;
      this.byId.set(id, next);
      this.partitionMap(next.partition).set(id, next);
    }
    this.staged = undefined;
    this.suspect.clear();
    this.inFlight = [];
  }

  aborted(): void {
    for (const p of this.inFlight) this.suspect.add(p);
    this.staged = undefined;
    this.inFlight = [];
  }

  // ---- internals -------------------------------------------------------------------------

  /** Validates a record for writing; stores the parsed value, frozen, with its JSON cached. */
  private accept(value: unknown, expectedId?: string): Accepted<T> {
    const parsed = this.opts.schema.safeParse(value);
    const label = expectedId ?? (value as { id?: unknown } | null)?.id;
    if (!parsed.success) throw new Error(`${this.name}: invalid record "${String(label)}": ${describeIssues(parsed.error.issues)}`);
    const record = parsed.data;
    if (typeof record?.id !== 'string' || record.id === '') throw new Error(`${this.name}: a record needs a non-empty string id`);
    if (expectedId !== undefined && record.id !== expectedId) {
      throw new Error(`${this.name}: the id of a record cannot change ("${expectedId}" → "${record.id}")`);
    }
    // A record that does not read back as it is (a Date, a Map, NaN, undefined in an array)
    // would make the store refuse to open after the next restart; refuse it now instead. The
    // replacer sees every value once, so this costs one stringify, not a parse and a second
    // validation per write.
    let text: string;
    try {
      text = JSON.stringify(record, jsonExact);
    } catch (e) {
      throw new Error(`${this.name}: record "${record.id}" does not survive JSON: ${(e as Error).message}`, { cause: e });
    }
    const partition = sanitizePartition(this.opts.partition ? this.opts.partition(record) : DEFAULT_PARTITION);
    deepFreeze(record);
    this.json.set(record, text);
    return { id: record.id, record, partition };
  }

  private current(id: string): Entry<T> | undefined {
    if (this.staged?.has(id)) return this.staged.get(id) ?? undefined;
    return this.byId.get(id);
  }

  private pendingIn(batch: Batch): Map<string, Entry<T> | null> {
    if (!this.staged) {
      this.staged = new Map();
      this.stagedStamp = ++this.stampSeq;
      batch.participants.add(this);
    }
    return this.staged;
  }

  private stage(batch: Batch, next: Accepted<T>, ordinal: number): T {
    const staged = this.pendingIn(batch);
    staged.set(next.id, { id: next.id, record: next.record, partition: next.partition, ordinal, stamp: this.stagedStamp });
    return next.record;
  }

  private partitionMap(partition: string): Map<string, Entry<T>> {
    let m = this.byPartition.get(partition);
    if (!m) this.byPartition.set(partition, (m = new Map()));
    return m;
  }

  private file(partition: string): Low<PartitionDoc> {
    let low = this.files.get(partition);
    if (!low) {
      const adapter = new AtomicJsonFile<PartitionDoc>(path.join(this.dir, `${partition}.json`), (doc) =>
        encodePartition(doc.records, doc.meta ?? [], (r) => this.jsonOf(r)),
      );
      low = new Low<PartitionDoc>(adapter, { records: [] });
      this.files.set(partition, low);
    }
    return low;
  }

  private jsonOf(record: unknown): string {
    let text = this.json.get(record as object);
    if (text === undefined) this.json.set(record as object, (text = JSON.stringify(record)));
    return text;
  }

  private async writePartition(w: PartitionWrite<T>): Promise<void> {
    const low = this.file(w.partition);
    low.data = { records: w.entries.map((e) => e.record), meta: w.entries.map((e) => [e.ordinal, e.stamp]) };
    try {
      await low.write();
    } finally {
      low.data = { records: [] }; // do not keep a second array of the partition alive
    }
  }
}

/** A JSON.stringify replacer that refuses every value JSON would silently change. */
function jsonExact(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (typeof raw === 'number' && !Number.isFinite(raw)) throw new Error(`${key}: ${raw} is not a JSON number`);
  if (raw === undefined && Array.isArray(this)) throw new Error(`${key}: undefined inside an array`);
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const proto = Object.getPrototypeOf(raw) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new Error(`${key || 'record'}: a ${(raw as object).constructor?.name ?? 'non-plain'} object is not plain JSON data`);
  }
  return value;
}
