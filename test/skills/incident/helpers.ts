// Test helpers for the incident skill: what is on disk, and message ids from console output.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IncidentSchema, type Incident } from '../../../src/skills/incident/model.js';

/** Every incident as stored on disk (all partitions), validated against the schema. */
export async function storedIncidents(dataDir: string): Promise<Array<Incident & { file: string }>> {
  const dir = join(dataDir, 'incidents');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  const out: Array<Incident & { file: string }> = [];
  for (const f of files.sort()) {
    const doc = JSON.parse(await readFile(join(dir, f), 'utf8')) as { records: unknown[] };
    for (const r of doc.records) out.push({ ...IncidentSchema.parse(r), file: f });
  }
  return out.sort((a, b) => a.number - b.number);
}

export async function stored(dataDir: string, id: string): Promise<Incident & { file: string }> {
  const inc = (await storedIncidents(dataDir)).find((i) => i.id === id);
  if (!inc) throw new Error(`${id} is not on disk`);
  return inc;
}

/** The id of the last console message posted to `channel` whose text contains `needle`. */
export function messageId(output: string, channel: string, needle: string): string {
  const re = /── (\S+) · (m\d+) ──\n([\s\S]*?)(?=\n── |$)/g;
  let found: string | undefined;
  for (const m of output.matchAll(re)) if (m[1] === channel && m[3].includes(needle)) found = m[2];
  if (!found) throw new Error(`no message in ${channel} containing "${needle}" in:\n${output}`);
  return found;
}

/** The text printed for one message (post or in-place update) in a channel. */
export function printed(output: string, channel: string, messageRef: string): string[] {
  const re = /── (\S+) · (m\d+)(?: \(updated\))? ──\n([\s\S]*?)(?=\n── |$)/g;
  return [...output.matchAll(re)].filter((m) => m[1] === channel && m[2] === messageRef).map((m) => m[3]);
}
