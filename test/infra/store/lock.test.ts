import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreLockedError } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';

afterEach(cleanupTempDirs);

/** Runs the fixture in `open` mode and returns what it printed. */
function childOpen(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/store-writer.ts', dir, 'open'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
  });
}

describe('lowdb store: directory lock', () => {
  it('a second open in the same process fails with StoreLockedError until the first closes', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    expect(await readFile(path.join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    const err = await openStore(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as StoreLockedError).pid).toBe(process.pid);
    await store.close();
    const again = await openStore(dir);
    await again.close();
  });

  it('another process cannot open a locked directory', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    expect(await childOpen(dir)).toBe('locked');
    await store.close();
    expect(await childOpen(dir)).toBe('opened');
  });

  it('takes over a stale lock whose pid is dead', async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(path.join(dir, '.lock'), `${dead}\n`);
    const store = await openStore(dir);
    expect(await readFile(path.join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await store.close();
  });

  it('close removes the lock file', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    await store.close();
    await expect(readFile(path.join(dir, '.lock'))).rejects.toThrow(/ENOENT/);
  });
});
