import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreCorruptError } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { idsOnDisk, item, itemOptions, readPartition } from './helpers.js';

afterEach(cleanupTempDirs);

async function seed(dir: string): Promise<void> {
  const store = await openStore(dir);
  const items = await store.collection('items', itemOptions);
  await items.insert(item('a'));
  await items.insert(item('b'));
  await store.close();
}

async function expectCorrupt(dir: string, file: string, problem: RegExp): Promise<void> {
  const before = await readFile(file);
  const store = await openStore(dir);
  const err = await store.collection('items', itemOptions).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreCorruptError);
  expect((err as StoreCorruptError).file).toBe(file);
  expect((err as Error).message).toContain(file);
  expect((err as Error).message).toMatch(problem);
  // Never repaired, never overwritten, and the store still refuses the next time.
  expect(await store.collection('items', itemOptions).catch((e: unknown) => e)).toBeInstanceOf(StoreCorruptError);
  await store.close();
  expect(Buffer.compare(await readFile(file), before)).toBe(0);
}

describe('lowdb store: corrupt files', () => {
  it('a file that is not JSON throws StoreCorruptError naming it and stays untouched', async () => {
    const dir = await tempDir();
    await seed(dir);
    const file = path.join(dir, 'items', 'open.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.length / 2));
    await expectCorrupt(dir, file, /not valid JSON/);
  });

  it('a record failing the schema names the file, the record index and the field', async () => {
    const dir = await tempDir();
    await seed(dir);
    const file = path.join(dir, 'items', 'open.json');
    const doc = await readPartition(dir, 'items', 'open');
    (doc.records[1] as { n: unknown }).n = 'many';
    await writeFile(file, JSON.stringify(doc));
    await expectCorrupt(dir, file, /record 1 \(id "b"\) fails the schema: n: /);
  });

  it('a file without a records array is corrupt', async () => {
    const dir = await tempDir();
    await seed(dir);
    const file = path.join(dir, 'items', 'open.json');
    await writeFile(file, '[1,2,3]');
    await expectCorrupt(dir, file, /"records" array/);
  });

  it('a corrupt sequence file makes openStore throw and releases the lock', async () => {
    const dir = await tempDir();
    await seed(dir);
    await writeFile(path.join(dir, '_sequences.json'), '{"sequences":{"INC":"x"}}');
    await expect(openStore(dir)).rejects.toThrow(StoreCorruptError);
    expect(await readdir(dir)).not.toContain('.lock');
  });
});

describe('lowdb store: leftovers of a crash', () => {
  it('removes temp files and ignores them on open', async () => {
    const dir = await tempDir();
    await seed(dir);
    await writeFile(path.join(dir, 'items', '.open.json.999.1.tmp'), '{"records":[{"id":"half');
    await writeFile(path.join(dir, '._sequences.json.999.2.tmp'), '{');
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    expect(items.all().map((r) => r.id)).toEqual(['a', 'b']);
    expect((await readdir(path.join(dir, 'items'))).sort()).toEqual(['open.json']);
    expect(await readdir(dir)).not.toContain('._sequences.json.999.2.tmp');
    await store.close();
  });

  it('a record left in two files by a crash mid-move: the newer copy wins and the stale one is removed', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'items'));
    const closed = item('a', { status: 'closed', closedMonth: '2026-11', n: 3 });
    // Phase 1 of the move wrote the archive (stamp 5); the crash came before open.json lost it.
    await writeFile(path.join(dir, 'items', 'open.json'), JSON.stringify({ records: [item('a'), item('b')], meta: [[1, 4], [2, 2]] }));
    await writeFile(path.join(dir, 'items', '2026-11.json'), JSON.stringify({ records: [closed], meta: [[1, 5]] }));
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    expect(items.all()).toEqual([closed, item('b')]);
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['b']);
    expect(await idsOnDisk(dir, 'items', '2026-11')).toEqual(['a']);
    await store.close();
  });

  it('two copies with the same stamp are ambiguous: corrupt', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'items'));
    await writeFile(path.join(dir, 'items', 'open.json'), JSON.stringify({ records: [item('a')] }));
    await writeFile(path.join(dir, 'items', 'x.json'), JSON.stringify({ records: [item('a', { n: 2 })] }));
    const store = await openStore(dir);
    await expect(store.collection('items', itemOptions)).rejects.toThrow(/id "a" is also stored in .*neither copy is newer/);
    await store.close();
  });

  it('accepts hand-written files without meta, in file order after the rest', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'items'));
    await writeFile(path.join(dir, 'items', 'open.json'), JSON.stringify({ records: [item('x'), item('y')] }));
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('z'));
    expect(items.all().map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect((await readPartition(dir, 'items', 'open')).meta.map((m) => m[0])).toEqual([1, 2, 3]);
    await store.close();
  });
});
