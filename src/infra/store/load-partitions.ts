// Loading a collection: every partition file is read and validated, then merged into one
// id-keyed view. A record found in two files is the trace of a crash between the two renames
// of a partition move; the copy with the higher commit stamp is the newer one and wins, and
// the file holding the older copy is reported so the caller can rewrite it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ZodType } from 'zod';
import { StoreCorruptError } from './errors.js';
import { partitionOfFile } from './names.js';
import { decodePartition, type DecodedEntry, type Entry } from './partition-file.js';

/** A collection as found on disk. */
export interface LoadedCollection<T> {
  /** One entry per id, sorted by insertion ordinal. */
  entries: Entry<T>[];
  /** Every partition that has a file, even an empty one. */
  partitions: string[];
  /** Partitions that still hold an older copy of a record stored elsewhere. */
  staleIn: Set<string>;
  maxOrdinal: number;
  maxStamp: number;
}

/** Reads all `<partition>.json` files of `dir` through `read` and validates them with `schema`. */
export async function loadPartitions<T extends { id: string }>(
  dir: string,
  schema: ZodType<T>,
  read: (partition: string) => Promise<unknown>,
): Promise<LoadedCollection<T>> {
  const partitions = (await readdir(dir))
    .map(partitionOfFile)
    .filter((p): p is string => p !== undefined)
    .sort();
  const files = await Promise.all(
    partitions.map(async (partition) => {
      const file = path.join(dir, `${partition}.json`);
      const doc = await read(partition);
      const entries: DecodedEntry<T>[] = doc === null ? [] : decodePartition(file, doc, schema);
      return { partition, file, entries };
    }),
  );

  let maxOrdinal = 0;
  let maxStamp = 0;
  for (const f of files) {
    for (const e of f.entries) {
      if (e.ordinal !== undefined && e.ordinal > maxOrdinal) maxOrdinal = e.ordinal;
      if (e.stamp > maxStamp) maxStamp = e.stamp;
    }
  }

  const winners = new Map<string, { entry: Entry<T>; file: string }>();
  const staleIn = new Set<string>();
  for (const { partition, file, entries } of files) {
    for (const e of entries) {
      // Hand-written files without meta sort after everything else, in file order.
      const entry: Entry<T> = { id: e.id, record: e.record, partition, ordinal: e.ordinal ?? ++maxOrdinal, stamp: e.stamp };
      const prev = winners.get(e.id);
      if (!prev) {
        winners.set(e.id, { entry, file });
      } else if (prev.entry.stamp === entry.stamp) {
        throw new StoreCorruptError(file, `id "${e.id}" is also stored in ${prev.file} and neither copy is newer; remove one`);
      } else if (entry.stamp > prev.entry.stamp) {
        staleIn.add(prev.entry.partition);
        winners.set(e.id, { entry, file });
      } else {
        staleIn.add(partition);
      }
    }
  }
  const entries = Array.from(winners.values(), (w) => w.entry).sort((a, b) => a.ordinal - b.ordinal);
  return { entries, partitions, staleIn, maxOrdinal, maxStamp };
}
