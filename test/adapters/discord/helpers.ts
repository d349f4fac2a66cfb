// Reading what a Discord user sees at the fake: embed fields, every text of an embed, the
// buttons and selects of a message by their label, and records as they are on disk.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIEmbed } from 'discord-api-types/v10';
import type { StoredMessage } from '../../fakes/discord/rest.js';

export const field = (e: APIEmbed | undefined, name: string): string | undefined => e?.fields?.find((f) => f.name === name)?.value;

/** Everything an embed shows as text (text after fields keeps its place as an unnamed field). */
export const shown = (e: APIEmbed | undefined): string => [e?.title, e?.description, ...(e?.fields ?? []).map((f) => `${f.name}: ${f.value}`), e?.footer?.text].filter(Boolean).join('\n');

/** The components of a message, row by row flattened. */
export const components = (m: Pick<StoredMessage, 'components'> | { components?: unknown[] }): any[] => (m.components ?? []).flatMap((r: any) => r.components);

/** The button (or select, by placeholder) a person would press. */
export function control(m: Pick<StoredMessage, 'components'> | { components?: unknown[] }, label: string): any {
  const hit = components(m).find((c) => c.label === label || c.placeholder === label);
  if (!hit) throw new Error(`no "${label}" on the message; it has ${components(m).map((c) => c.label ?? c.placeholder).join(', ')}`);
  return hit;
}

/** Every record of a collection or journal as it is on disk (what a restart would read). */
export async function onDisk<T = any>(dataDir: string, collection: string): Promise<T[]> {
  const dir = join(dataDir, collection);
  const files = await readdir(dir).catch(() => [] as string[]);
  const out: T[] = [];
  for (const f of files.filter((x) => x.endsWith('.json'))) out.push(...(JSON.parse(await readFile(join(dir, f), 'utf8')) as { records: T[] }).records);
  // Journals (the audit log) keep one JSON record per line.
  for (const f of files.filter((x) => x.endsWith('.jsonl'))) {
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) if (line) out.push(JSON.parse(line) as T);
  }
  return out;
}
