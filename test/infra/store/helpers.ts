// Shared schema and helpers of the store tests: an incident-like record that moves from the
// `open` partition to a monthly archive when it closes.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const Item = z.object({
  id: z.string().min(1),
  title: z.string(),
  n: z.number().int(),
  status: z.enum(['open', 'closed']),
  closedMonth: z.string().optional(),
});
export type Item = z.infer<typeof Item>;

export const itemOptions = {
  schema: Item,
  partition: (r: Item) => (r.status === 'open' ? 'open' : (r.closedMonth ?? 'undated')),
};

export function item(id: string, extra: Partial<Item> = {}): Item {
  return { id, title: `title of ${id}`, n: 0, status: 'open', ...extra };
}

/** The parsed JSON of a partition file. */
export async function readPartition(dir: string, collection: string, partition: string): Promise<{ records: Item[]; meta: number[][] }> {
  return JSON.parse(await readFile(path.join(dir, collection, `${partition}.json`), 'utf8'));
}

/** Ids stored in a partition file, in file order. */
export async function idsOnDisk(dir: string, collection: string, partition: string): Promise<string[]> {
  return (await readPartition(dir, collection, partition)).records.map((r) => r.id);
}

/** Names of the files in a collection directory. */
export async function filesOf(dir: string, collection: string): Promise<string[]> {
  return (await readdir(path.join(dir, collection))).sort();
}
