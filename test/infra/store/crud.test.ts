import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { filesOf, idsOnDisk, item, itemOptions, readPartition, type Item } from './helpers.js';

afterEach(cleanupTempDirs);

describe('lowdb store: records', () => {
  it('inserts, reads, updates, upserts and deletes, and keeps them across a reopen', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    expect(await items.insert(item('a'))).toEqual(item('a'));
    await items.insert(item('b'));
    await expect(items.insert(item('a', { title: 'dup' }))).rejects.toThrow(/already exists/);
    expect((await items.update('a', (r) => ({ ...r, n: r.n + 5 }))).n).toBe(5);
    await expect(items.update('nope', (r) => r)).rejects.toThrow(/no record with id "nope"/);
    expect((await items.upsert('c', (r) => r ?? item('c', { n: 7 }))).n).toBe(7);
    expect((await items.upsert('c', (r) => ({ ...r!, n: r!.n + 1 }))).n).toBe(8);
    expect(await items.delete('b')).toBe(true);
    expect(await items.delete('b')).toBe(false);
    expect(items.get('a')?.n).toBe(5);
    expect(items.get('b')).toBeUndefined();
    expect(items.size).toBe(2);
    expect(items.filter((r) => r.n > 6).map((r) => r.id)).toEqual(['c']);
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['a', 'c']);
    await store.close();

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect(reread.all()).toEqual([item('a', { n: 5 }), item('c', { n: 8 })]);
    await again.close();
  });

  it('rejects an update that changes the id', async () => {
    const store = await openStore(await tempDir());
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    await expect(items.update('a', (r) => ({ ...r, id: 'b' }))).rejects.toThrow(/cannot change/);
    expect(items.all().map((r) => r.id)).toEqual(['a']);
    await store.close();
  });

  it('validates on write: an invalid record rejects and stores nothing', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    const before = await readFile(path.join(dir, 'items', 'open.json'), 'utf8');
    await expect(items.insert({ ...item('b'), n: 1.5 })).rejects.toThrow(/invalid record "b": n:/);
    await expect(items.update('a', (r) => ({ ...r, status: 'gone' as 'open' }))).rejects.toThrow(/status/);
    expect(items.size).toBe(1);
    expect(items.get('a')?.status).toBe('open');
    expect(await readFile(path.join(dir, 'items', 'open.json'), 'utf8')).toBe(before);
    await store.close();
  });

  it('refuses a record that would not read back from JSON', async () => {
    const store = await openStore(await tempDir());
    const Dated = z.object({ id: z.string(), at: z.date() });
    const dated = await store.collection('dated', { schema: Dated });
    await expect(dated.insert({ id: 'x', at: new Date() })).rejects.toThrow(/does not survive JSON/);
    expect(dated.size).toBe(0);
    await store.close();
  });

  it('stores the parsed value and hands out frozen records', async () => {
    const store = await openStore(await tempDir());
    const items = await store.collection('items', itemOptions);
    const stored = await items.insert({ ...item('a'), extra: 'stripped' } as Item);
    expect(stored).not.toHaveProperty('extra');
    const got = items.get('a')!;
    expect(Object.isFrozen(got)).toBe(true);
    expect(() => {
      (got as { n: number }).n = 99;
    }).toThrow(TypeError);
    expect(items.get('a')?.n).toBe(0);
    await store.close();
  });

  it('returns the same instance for the same name and schema, and refuses another schema', async () => {
    const store = await openStore(await tempDir());
    const one = await store.collection('items', itemOptions);
    expect(await store.collection('items', itemOptions)).toBe(one);
    await expect(store.collection('items', { schema: z.object({ id: z.string() }) })).rejects.toThrow(/another schema/);
    await expect(store.collection('../escape', itemOptions)).rejects.toThrow(/invalid collection name/);
    await store.close();
  });

  it('rejects writes after close and reports unhealthy', async () => {
    const store = await openStore(await tempDir());
    const items = await store.collection('items', itemOptions);
    expect(await store.healthy()).toBe(true);
    await store.close();
    expect(await store.healthy()).toBe(false);
    await expect(items.insert(item('a'))).rejects.toThrow(/closed/);
  });

  it('is unhealthy when the directory no longer accepts writes', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const { rm } = await import('node:fs/promises');
    await rm(dir, { recursive: true });
    expect(await store.healthy()).toBe(false);
  });
});

describe('lowdb store: partitions', () => {
  it('moves a record between partition files in one write and rewrites only touched files', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    await items.insert(item('a'));
    await items.insert(item('b'));
    await items.insert(item('old', { status: 'closed', closedMonth: '2026-10' }));
    const archiveBefore = await readFile(path.join(dir, 'items', '2026-10.json'), 'utf8');

    await items.update('a', (r) => ({ ...r, status: 'closed', closedMonth: '2026-11' }));
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['b']);
    expect(await idsOnDisk(dir, 'items', '2026-11')).toEqual(['a']);
    expect((await readPartition(dir, 'items', '2026-11')).records[0].status).toBe('closed');
    expect(await readFile(path.join(dir, 'items', '2026-10.json'), 'utf8')).toBe(archiveBefore);
    expect(await filesOf(dir, 'items')).toEqual(['2026-10.json', '2026-11.json', 'open.json']);
    await store.close();
  });

  it('keeps insertion order across partitions after a reopen', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    for (const id of ['p', 'q', 'r', 's', 't']) await items.insert(item(id));
    await items.update('r', (x) => ({ ...x, status: 'closed', closedMonth: '2026-01' }));
    await items.update('p', (x) => ({ ...x, status: 'closed', closedMonth: '2026-02' }));
    await items.update('t', (x) => ({ ...x, status: 'closed', closedMonth: '2026-01' }));
    await items.update('r', (x) => ({ ...x, status: 'open' })); // back to open, keeps its place
    expect(items.all().map((x) => x.id)).toEqual(['p', 'q', 'r', 's', 't']);
    await store.close();

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect(reread.all().map((x) => x.id)).toEqual(['p', 'q', 'r', 's', 't']);
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['q', 'r', 's']);
    expect(await idsOnDisk(dir, 'items', '2026-01')).toEqual(['t']);
    await again.close();
  });

  it('a record deleted and inserted again goes to the end of the insertion order', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    for (const id of ['a', 'b', 'c']) await items.insert(item(id));
    await Promise.all([items.delete('a'), items.insert(item('a', { n: 1 }))]);
    await items.delete('b');
    await items.insert(item('b', { status: 'closed', closedMonth: '2026-03' }));
    expect(items.all().map((x) => x.id)).toEqual(['c', 'a', 'b']);
    await store.close();
    const again = await openStore(dir);
    expect((await again.collection('items', itemOptions)).all().map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(await idsOnDisk(dir, 'items', 'open')).toEqual(['c', 'a']);
    await again.close();
  });

  it('sanitises partition names to safe file names', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', { schema: itemOptions.schema, partition: (r: Item) => r.title });
    await items.insert(item('a', { title: '../../etc/passwd' }));
    await items.insert(item('b', { title: '' }));
    expect(await filesOf(dir, 'items')).toEqual(['_.._.._etc_passwd.json', '_.json']);
    await store.close();
  });

  it('uses one "main" file without a partition function', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const plain = await store.collection('plain', { schema: z.object({ id: z.string(), v: z.number() }) });
    await plain.insert({ id: 'x', v: 1 });
    expect(JSON.parse(await readFile(path.join(dir, 'plain', 'main.json'), 'utf8')).records).toEqual([{ id: 'x', v: 1 }]);
    await store.close();
  });
});

describe('lowdb store: sequences', () => {
  it('allocates INC-1, INC-2… that survive a reopen and never repeat', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    const a = await items.create('INC', (id) => item(id));
    const b = await items.create('INC', (id) => item(id));
    expect([a.id, b.id]).toEqual(['INC-1', 'INC-2']);
    expect(await store.nextSeq('standup')).toBe(1);
    expect(await store.nextSeq('standup')).toBe(2);
    await items.delete('INC-2');
    await store.close();

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect((await reread.create('INC', (id) => item(id))).id).toBe('INC-3');
    expect(await again.nextSeq('standup')).toBe(3);
    expect(JSON.parse(await readFile(path.join(dir, '_sequences.json'), 'utf8'))).toEqual({ sequences: { INC: 3, standup: 3 } });
    await again.close();
  });

  it('skips ahead when the sequence file was lost', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const items = await store.collection('items', itemOptions);
    for (let i = 0; i < 3; i++) await items.create('INC', (id) => item(id));
    await store.close();
    await writeFile(path.join(dir, '_sequences.json'), '{"sequences":{}}');

    const again = await openStore(dir);
    const reread = await again.collection('items', itemOptions);
    expect((await reread.create('INC', (id) => item(id))).id).toBe('INC-4');
    await again.close();
  });

  it('a failing build consumes nothing', async () => {
    const store = await openStore(await tempDir());
    const items = await store.collection('items', itemOptions);
    await expect(
      items.create('INC', () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await items.create('INC', (id) => item(id))).id).toBe('INC-1');
    await store.close();
  });
});
