// Durable counters (`INC` → 42) in `<dir>/_sequences.json`. The in-memory value is a high-water
// mark that never goes down, not even when the batch that claimed a number fails: a number may
// be skipped, never handed out twice. The file is written before any record of the same batch,
// so a record with a number never reaches disk ahead of the number itself.
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { AtomicJsonFile } from './atomic-file.js';
import { StoreCorruptError } from './errors.js';
import { describeIssues } from './partition-file.js';

const SequencesDoc = z.object({ sequences: z.record(z.string(), z.number().int().nonnegative()) });
type SequencesDoc = z.infer<typeof SequencesDoc>;

export class Sequences {
  private readonly high = new Map<string, number>();

  private constructor(private readonly db: Low<SequencesDoc>) {}

  /** Loads `<dir>/_sequences.json` (absent means every sequence is at 0). */
  static async open(dir: string): Promise<Sequences> {
    const file = path.join(dir, '_sequences.json');
    const db = new Low<SequencesDoc>(new AtomicJsonFile<SequencesDoc>(file), { sequences: {} });
    await db.read();
    const parsed = SequencesDoc.safeParse(db.data);
    if (!parsed.success) throw new StoreCorruptError(file, describeIssues(parsed.error.issues));
    const seqs = new Sequences(db);
    for (const [name, n] of Object.entries(parsed.data.sequences)) seqs.high.set(name, n);
    return seqs;
  }

  /** The last number handed out (0 when none). */
  last(name: string): number {
    return this.high.get(name) ?? 0;
  }

  /** Records that `n` is taken; call only when nothing can fail before the batch commits. */
  claim(name: string, n: number): void {
    if (n > this.last(name)) this.high.set(name, n);
  }

  /** Writes every high-water mark (including numbers burnt by failed batches). */
  async write(): Promise<void> {
    this.db.data = { sequences: Object.fromEntries(this.high) };
    await this.db.write();
  }
}
