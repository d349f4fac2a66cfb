import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/infra/store/index.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { itemOptions } from './helpers.js';

afterEach(cleanupTempDirs);

/**
 * Runs the writer, SIGKILLs it once it has acknowledged `acks` writes (more are in flight by
 * then), and returns the lines it printed. Counting acknowledgements instead of waiting a fixed
 * time keeps the test meaningful on a loaded machine.
 */
function writeThenKill(dir: string, acks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/store-writer.ts', dir, 'write'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const done = out.split('\n').filter((l) => l && l !== 'ready').length;
      if (!timer && done >= acks) timer = setTimeout(() => child.kill('SIGKILL'), 0);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself (code ${code}): ${out.slice(-500)}`));
      else resolve(out.split('\n').filter((l) => l && l !== 'ready'));
    });
  });
}

describe('lowdb store: crash safety', () => {
  it('a SIGKILL mid-write leaves a store that loads and holds every acknowledged write', async () => {
    const dir = await tempDir();
    const created = new Set<string>();
    const minN = new Map<string, number>();
    // Several rounds on the same directory: each also takes over the dead writer's lock.
    for (const acks of [60, 35, 90]) {
      const lines = await writeThenKill(dir, acks);
      expect(lines.length).toBeGreaterThanOrEqual(acks);
      for (const line of lines) {
        const [kind, id, n] = line.split(' ');
        if (kind === 'C') created.add(id);
        else minN.set(id, Math.max(minN.get(id) ?? 0, Number(n)));
      }

      const store = await openStore(dir);
      const items = await store.collection('items', itemOptions);
      for (const id of created) expect(items.get(id), `created ${id}`).toBeDefined();
      for (const [id, n] of minN) expect(items.get(id)!.n, `update of ${id}`).toBeGreaterThanOrEqual(n);
      // Ids are INC-1.. with gaps at most where a crash burnt a number: never a duplicate.
      const ids = items.all().map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      await store.close();
    }
    expect(created.size).toBeGreaterThan(10);
  });
});
