import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { idsOnDisk, item, itemOptions, readPartition } from './helpers.js';

afterEach(cleanupTempDirs);

describe('lowdb store: concurrent writes', () => {
  it('1000 concurrent increments of one record lose nothing, on disk too', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('counter'));
    const results = await Promise.all(Array.from({ length: 1000 }, () => items.update('counter', (r) => ({ ...r, n: r.n + 1 }))));
    // Each update saw the one before it: every intermediate value appears exactly once.
    expect(new Set(results.map((r) => r.n)).size).toBe(1000);
    expect(items.get('counter')?.n).toBe(1000);
    await store.close();

    const again = await openStore(dir);
    expect((await again.collection('items', itemOptions)).get('counter')?.n).toBe(1000);
    await again.close();
  });

  it('1000 concurrent creates get 1000 distinct ids, all stored', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    const made = await Promise.all(Array.from({ length: 1000 }, () => items.create('INC', (id) => item(id))));
    const ids = new Set(made.map((r) => r.id));
    expect(ids.size).toBe(1000);
    expect(ids.has('INC-1') && ids.has('INC-1000')).toBe(true);
    await store.close();

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect(reread.size).toBe(1000);
    expect((await reread.create('INC', (id) => item(id))).id).toBe('INC-1001');
    await again.close();
  });

  it('groups concurrent writes: fewer file writes than mutations', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    const stampBefore = (await readPartition(dir, 'items', 'open')).meta[0][1];
    await Promise.all(Array.from({ length: 200 }, () => items.update('a', (r) => ({ ...r, n: r.n + 1 }))));
    // The stamp counts batches (commits), not mutations.
    const stampAfter = (await readPartition(dir, 'items', 'open')).meta[0][1];
    expect(stampAfter - stampBefore).toBeLessThan(10);
    expect(items.get('a')?.n).toBe(200);
    await store.close();
  });

  it('a throwing fn changes nothing and the rest of its batch succeeds', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    const first = items.update('a', (r) => ({ ...r, n: r.n + 1 }));
    const boom = items.update('a', () => {
      throw new Error('boom');
    });
    const invalid = items.update('a', (r) => ({ ...r, n: -0.5 }));
    const third = items.update('a', (r) => ({ ...r, n: r.n + 10 }));
    const created = items.insert(item('b'));
    await expect(boom).rejects.toThrow('boom');
    await expect(invalid).rejects.toThrow(/invalid record/);
    expect((await first).n).toBe(1);
    expect((await third).n).toBe(11);
    expect((await created).id).toBe('b');
    expect((await readPartition(dir, 'items', 'open')).records.map((r) => [r.id, r.n])).toEqual([
      ['a', 11],
      ['b', 0],
    ]);
    await store.close();
  });

  it('reads see only committed data while a batch is being written', async () => {
    const store = await openStore(await tempDir());
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    let staged = false;
    let settled = false;
    const pending = items.update('a', (r) => {
      staged = true;
      return { ...r, n: 42 };
    });
    const added = items.insert(item('b'));
    void Promise.all([pending, added]).then(() => (settled = true));
    while (!staged) await new Promise((resolve) => setImmediate(resolve));
    // The batch is staged and its files are being written: nothing of it is visible yet.
    expect(settled).toBe(false);
    expect(items.get('a')?.n).toBe(0);
    expect(items.get('b')).toBeUndefined();
    expect(items.size).toBe(1);
    await Promise.all([pending, added]);
    expect(items.get('a')?.n).toBe(42);
    expect(items.size).toBe(2);
    await store.close();
  });

  it('a failed disk write rejects the whole batch, keeps memory as before, and recovers', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    await items.insert(item('z', { status: 'closed', closedMonth: '2026-01' }));
    // A directory where the archive file goes makes its rename fail.
    await mkdir(path.join(dir, 'items', '2026-02.json', 'blocker'), { recursive: true });
    const moved = items.update('a', (r) => ({ ...r, status: 'closed', closedMonth: '2026-02' }));
    const other = items.update('z', (r) => ({ ...r, n: 5 }));
    await expect(moved).rejects.toThrow();
    await expect(other).rejects.toThrow();
    expect(items.get('a')?.status).toBe('open');
    expect(items.get('z')?.n).toBe(0);

    await rm(path.join(dir, 'items', '2026-02.json'), { recursive: true });
    await items.update('a', (r) => ({ ...r, n: 1 }));
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['a']);
    expect((await readPartition(dir, 'items', '2026-01')).records).toEqual([item('z', { status: 'closed', closedMonth: '2026-01' })]);
    await store.close();

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect(reread.all().map((r) => [r.id, r.status, r.n])).toEqual([
      ['a', 'open', 1],
      ['z', 'closed', 0],
    ]);
    expect(await readFile(path.join(dir, 'items', 'open.json'), 'utf8')).toContain('"n":1');
    await again.close();
  });

  it('close waits for in-flight writes', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    const writes = Array.from({ length: 50 }, (_, i) => items.insert(item(`r${i}`)));
    await store.close();
    await Promise.all(writes);
    expect(await idsOnDisk(dir, 'items', 'open')).toHaveLength(50);
  });
});
