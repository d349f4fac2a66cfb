// Which partition files a batch rewrites, with what, and in which order.
//
// Each file is replaced atomically, but a batch touching several files replaces them one after
// another, so a crash can land between two renames. Records that stay in their file are safe
// in any order (each file holds either its old or its new content). A record that MOVES is
// not: if its old file is rewritten without it before its new file is durable, it is gone.
// So writes go in two phases:
//   1. every file that gains or changes records — a file that also loses records by a move
//      is written here with those records still in it (stale copies, older stamp);
//   2. every file that loses records by a move, with its final content.
// A crash after phase 1 leaves moved records in both files; on load the copy with the higher
// stamp wins and the stale one is cleaned up. A file is written twice only when it both gains
// and loses moved records in the same batch, which breaks cycles such as A: p→q with B: q→p.
import type { Entry } from './partition-file.js';

/** One partition file to write with exactly these entries (sorted by ordinal). */
export interface PartitionWrite<T> {
  partition: string;
  entries: Entry<T>[];
}

/** The files of one collection to write, phase by phase. */
export interface CommitPlan<T> {
  first: PartitionWrite<T>[];
  second: PartitionWrite<T>[];
}

interface Touched<T> {
  /** New versions of records that stay where they are (same file, same place). */
  replace: Map<string, Entry<T>>;
  /** Records new to this file: inserts and moves in. */
  incoming: Entry<T>[];
  movedIn: boolean;
  movedOut: Entry<T>[];
}

function byOrdinal<T>(entries: Entry<T>[]): Entry<T>[] {
  // Entries are almost always in order already (only moved-in records are not); skip the sort then.
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1].ordinal > entries[i].ordinal) return entries.sort((a, b) => a.ordinal - b.ordinal);
  }
  return entries;
}

/**
 * Plans the writes of `staged` (id → new entry, or null for a delete) over the committed state.
 * Cost is O(size of the touched partitions + batch), never O(collection).
 */
export function planCommit<T>(
  byPartition: ReadonlyMap<string, ReadonlyMap<string, Entry<T>>>,
  byId: ReadonlyMap<string, Entry<T>>,
  staged: ReadonlyMap<string, Entry<T> | null>,
  alsoRewrite: Iterable<string> = [],
): CommitPlan<T> {
  const touched = new Map<string, Touched<T>>();
  const touch = (p: string): Touched<T> => {
    let t = touched.get(p);
    if (!t) touched.set(p, (t = { replace: new Map(), incoming: [], movedIn: false, movedOut: [] }));
    return t;
  };
  for (const [id, next] of staged) {
    const prev = byId.get(id);
    if (next) {
      const t = touch(next.partition);
      if (prev && prev.partition === next.partition && prev.ordinal === next.ordinal) t.replace.set(id, next);
      else t.incoming.push(next);
      if (prev && prev.partition !== next.partition) {
        t.movedIn = true;
        touch(prev.partition).movedOut.push(prev);
      }
    } else if (prev) {
      touch(prev.partition);
    }
  }
  for (const p of alsoRewrite) touch(p);

  const plan: CommitPlan<T> = { first: [], second: [] };
  for (const [partition, t] of touched) {
    const entries: Entry<T>[] = [];
    for (const e of byPartition.get(partition)?.values() ?? []) {
      if (!staged.has(e.id)) entries.push(e);
      else if (t.replace.has(e.id)) entries.push(t.replace.get(e.id)!);
      // else: deleted, moved out, or deleted and created again (then it is in `incoming`)
    }
    entries.push(...t.incoming);
    byOrdinal(entries);
    if (t.movedOut.length === 0) {
      plan.first.push({ partition, entries });
      continue;
    }
    if (t.movedIn) plan.first.push({ partition, entries: byOrdinal([...entries, ...t.movedOut]) });
    plan.second.push({ partition, entries });
  }
  return plan;
}
