// The on-disk shape of one partition file and its validation on read:
//
//   { "records": [ <record>, ... ],      records in insertion order, one per line
//     "meta": [ [ordinal, stamp], ... ] }  one pair per record, same order
//
// `records` is exactly what callers stored. `meta` is the store's bookkeeping: the ordinal
// keeps insertion order across partitions (a record keeps its place in all() when it moves to
// an archive), and the stamp (a per-collection commit counter) says which copy is newer when
// a crash between two renames leaves a moved record in both files. A file without `meta`
// (written by hand) is accepted: its records get ordinals after all others, stamp 0.
import type { ZodType } from 'zod';
import { StoreCorruptError } from './errors.js';

/** One stored record with its place and bookkeeping. */
export interface Entry<T> {
  readonly id: string;
  readonly record: T;
  readonly partition: string;
  /** Insertion order across the whole collection. */
  readonly ordinal: number;
  /** Commit counter of the batch that last wrote this record. */
  readonly stamp: number;
}

/** What lowdb holds for a partition file (as written; what is read is checked by decodePartition). */
export interface PartitionDoc {
  records: unknown[];
  meta?: Array<[number, number]>;
}

/** Serializes entries already sorted by ordinal; `json` returns a record's cached JSON. */
export function encodePartition(records: readonly unknown[], meta: ReadonlyArray<readonly [number, number]>, json: (r: unknown) => string): string {
  if (records.length === 0) return '{"records":[],"meta":[]}\n';
  const lines = records.map(json).join(',\n');
  const pairs = meta.map(([o, s]) => `[${o},${s}]`).join(',');
  return `{"records":[\n${lines}\n],\n"meta":[${pairs}]}\n`;
}

/** Entries of a file, before ordinals are known for files without meta. */
export interface DecodedEntry<T> {
  id: string;
  record: T;
  ordinal: number | undefined;
  stamp: number;
}

/** Human-readable zod issues: `path: message; ...`. */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(record)'}: ${i.message}`).join('; ');
}

function isPair(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && Number.isSafeInteger(v[0]) && Number.isSafeInteger(v[1]) && v[0] >= 0 && v[1] >= 0;
}

/** Validates a parsed partition file; any problem is a StoreCorruptError naming the file. */
export function decodePartition<T extends { id: string }>(file: string, doc: unknown, schema: ZodType<T>): DecodedEntry<T>[] {
  if (doc === null || typeof doc !== 'object' || !Array.isArray((doc as PartitionDoc).records)) {
    throw new StoreCorruptError(file, 'expected an object with a "records" array');
  }
  const { records, meta } = doc as { records: unknown[]; meta?: unknown };
  if (meta !== undefined && (!Array.isArray(meta) || meta.length !== records.length || !meta.every(isPair))) {
    throw new StoreCorruptError(file, `"meta" must be one [ordinal, stamp] pair of non-negative integers per record (${records.length})`);
  }
  const seen = new Set<string>();
  return records.map((raw, i) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const where = `record ${i}${typeof rawId === 'string' ? ` (id "${rawId}")` : ''}`;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new StoreCorruptError(file, `${where} fails the schema: ${describeIssues(parsed.error.issues)}`);
    const record = parsed.data;
    if (typeof record?.id !== 'string' || record.id === '') throw new StoreCorruptError(file, `${where} has no string id`);
    if (seen.has(record.id)) throw new StoreCorruptError(file, `${where}: id "${record.id}" appears twice in this file`);
    seen.add(record.id);
    const pair = (meta as Array<[number, number]> | undefined)?.[i];
    return { id: record.id, record, ordinal: pair?.[0], stamp: pair?.[1] ?? 0 };
  });
}
