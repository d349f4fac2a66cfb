// An append-only journal: one JSON record per line in `<dir>/<name>/<partition>.jsonl`.
// Collections rewrite their partition file on every write, so an append-heavy log (the audit
// trail: one entry per change) would cost more the busier the day. Here an append writes only
// its own line: appends that arrive together are grouped, written with one `write` per file
// and made durable with one fdatasync before any of them resolves.
//
// A crash can tear the last line of a file (it was never acknowledged); on open that torn
// tail is cut off. Any other unreadable line, or a record its schema rejects, stops the open
// with StoreCorruptError and the file is left untouched.
import { mkdir, open, readdir, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { CollectionOptions, Journal, Logger } from '../../core/ports.js';
import { fsyncDir } from './atomic-file.js';
import { StoreCorruptError } from './errors.js';
import { deepFreeze } from './freeze.js';
import { sanitizePartition } from './names.js';

const EXT = '.jsonl';

interface Pending<T> {
  build: (n: number) => T;
  resolve: (r: T) => void;
  reject: (e: unknown) => void;
}

export class JsonlJournal<T extends { id: string }> implements Journal<T> {
  private readonly records: T[] = [];
  private pending: Pending<T>[] = [];
  private flushing: Promise<void> | undefined;
  private readonly knownFiles = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly opts: CollectionOptions<T>,
    private readonly log: Logger,
  ) {}

  static async open<T extends { id: string }>(root: string, name: string, opts: CollectionOptions<T>, log: Logger): Promise<JsonlJournal<T>> {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    const j = new JsonlJournal(dir, opts, log);
    const files = (await readdir(dir)).filter((f) => f.endsWith(EXT)).sort();
    for (const f of files) await j.load(path.join(dir, f));
    return j;
  }

  private async load(file: string): Promise<void> {
    this.knownFiles.add(file);
    const text = await readFile(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      // A torn last line: the append that wrote it never returned, so nobody relies on it.
      await truncate(file, Buffer.byteLength(text.slice(0, end), 'utf8'));
      this.log.warn({ file, bytes: text.length - end }, 'cut a torn last line left by an interrupted append');
    }
    const lines = text.slice(0, end).split('\n');
    lines.pop();
    lines.forEach((line, i) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (e) {
        throw new StoreCorruptError(file, `line ${i + 1} is not valid JSON (${(e as Error).message})`);
      }
      const parsed = this.opts.schema.safeParse(raw);
      if (!parsed.success) throw new StoreCorruptError(file, `line ${i + 1} fails the schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      this.records.push(deepFreeze(parsed.data));
    });
  }

  get size(): number {
    return this.records.length;
  }

  all(): T[] {
    return [...this.records];
  }

  filter(pred: (r: T) => boolean): T[] {
    return this.records.filter(pred);
  }

  append(build: (n: number) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ build, resolve, reject });
      void this.kick();
    });
  }

  /** Resolves once every append made so far is on disk (or failed). */
  async idle(): Promise<void> {
    while (this.flushing || this.pending.length) await (this.flushing ?? this.kick());
  }

  private kick(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.pending.length) return Promise.resolve();
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      if (this.pending.length) void this.kick();
    });
    return this.flushing;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const built: Array<{ p: Pending<T>; record: T; file: string }> = [];
    let n = this.records.length;
    for (const p of batch) {
      try {
        const record = this.opts.schema.parse(p.build(n + 1)) as T;
        const file = path.join(this.dir, sanitizePartition(this.opts.partition?.(record) ?? 'main') + EXT);
        built.push({ p, record, file });
        n++;
      } catch (e) {
        p.reject(e);
      }
    }
    const byFile = new Map<string, string[]>();
    for (const b of built) byFile.set(b.file, [...(byFile.get(b.file) ?? []), JSON.stringify(b.record)]);
    try {
      let created = false;
      for (const [file, lines] of byFile) {
        created ||= !this.knownFiles.has(file);
        const fh = await open(file, 'a', 0o644);
        try {
          await fh.write(lines.join('\n') + '\n');
          await fh.datasync();
        } finally {
          await fh.close();
        }
        this.knownFiles.add(file);
      }
      if (created) await fsyncDir(this.dir);
    } catch (e) {
      this.log.error({ err: (e as Error).message, dir: this.dir }, 'journal append failed');
      for (const b of built) b.p.reject(e);
      return;
    }
    for (const b of built) {
      const frozen = deepFreeze(b.record);
      this.records.push(frozen);
      b.p.resolve(frozen);
    }
  }
}
