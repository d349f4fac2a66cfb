import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Store } from '../../../src/core/ports.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { openStore, StoreCorruptError } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';

const Entry = z.object({ id: z.string(), at: z.string(), n: z.number().int() });
type Entry = z.infer<typeof Entry>;
const opts = { schema: Entry, partition: (e: Entry) => e.at.slice(0, 7) };

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await cleanupTempDirs();
});
const open = async (dir: string) => {
  const s = await openStore(dir, { log: silentLogger });
  stores.push(s);
  return s;
};

describe('append-only journal', () => {
  it('appends one line per record into per-partition files and reads them back in order', async () => {
    const dir = await tempDir();
    const s = await open(dir);
    const j = await s.journal('log', opts);
    await j.append((n) => ({ id: `E-${n}`, at: '2026-10-31T23:59:00Z', n }));
    await j.append((n) => ({ id: `E-${n}`, at: '2026-11-01T00:00:00Z', n }));
    await s.close();
    expect((await readdir(join(dir, 'log'))).sort()).toEqual(['2026-10.jsonl', '2026-11.jsonl']);
    expect(await readFile(join(dir, 'log', '2026-11.jsonl'), 'utf8')).toBe('{"id":"E-2","at":"2026-11-01T00:00:00Z","n":2}\n');
    const again = await (await open(dir)).journal('log', opts);
    expect(again.all().map((e) => e.id)).toEqual(['E-1', 'E-2']);
    expect((await again.append((n) => ({ id: `E-${n}`, at: '2026-11-02T00:00:00Z', n }))).id).toBe('E-3');
  });

  it('1000 concurrent appends: every one on disk, numbered once each', async () => {
    const dir = await tempDir();
    const s = await open(dir);
    const j = await s.journal('log', opts);
    const done = await Promise.all(Array.from({ length: 1000 }, () => j.append((n) => ({ id: `E-${n}`, at: '2026-11-21T10:00:00Z', n }))));
    expect(new Set(done.map((e) => e.id)).size).toBe(1000);
    await s.close();
    const lines = (await readFile(join(dir, 'log', '2026-11.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1000);
    expect(new Set(lines.map((l) => (JSON.parse(l) as Entry).n)).size).toBe(1000);
  });

  it('refuses a record its schema rejects, alone, and keeps the others', async () => {
    const s = await open(await tempDir());
    const j = await s.journal('log', opts);
    const results = await Promise.allSettled([
      j.append((n) => ({ id: `E-${n}`, at: '2026-11-21T10:00:00Z', n })),
      j.append((n) => ({ id: `E-${n}`, at: '2026-11-21T10:00:00Z', n: 'x' as unknown as number })),
      j.append((n) => ({ id: `E-${n}`, at: '2026-11-21T10:00:00Z', n })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(j.all().map((e) => e.id)).toEqual(['E-1', 'E-2']);
  });

  it('cuts a torn last line left by a crash, and keeps every complete one', async () => {
    const dir = await tempDir();
    const s = await open(dir);
    const j = await s.journal('log', opts);
    await j.append((n) => ({ id: `E-${n}`, at: '2026-11-21T10:00:00Z', n }));
    await s.close();
    await appendFile(join(dir, 'log', '2026-11.jsonl'), '{"id":"E-2","at":"2026-11-2');
    const again = await (await open(dir)).journal('log', opts);
    expect(again.all().map((e) => e.id)).toEqual(['E-1']);
    await again.append((n) => ({ id: `E-${n}`, at: '2026-11-21T11:00:00Z', n }));
    expect((await readFile(join(dir, 'log', '2026-11.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as Entry).id)).toEqual(['E-1', 'E-2']);
  });

  it('stops the open on a corrupt line in the middle, naming the file and line, and leaves it untouched', async () => {
    const dir = await tempDir();
    const s = await open(dir);
    await s.journal('log', opts);
    await s.close();
    const file = join(dir, 'log', '2026-11.jsonl');
    const text = '{"id":"E-1","at":"2026-11-21T10:00:00Z","n":1}\nnot json\n{"id":"E-3","at":"2026-11-21T10:00:00Z","n":3}\n';
    await writeFile(file, text);
    const s2 = await open(dir);
    await expect(s2.journal('log', opts)).rejects.toThrow(StoreCorruptError);
    await expect(s2.journal('log', opts)).rejects.toThrow(/2026-11\.jsonl: line 2 is not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
