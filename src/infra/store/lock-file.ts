// One process per data directory: two bots writing the same files would each overwrite the
// other's partitions from their own memory and lose updates. The lock is `<dir>/.lock`,
// created with O_EXCL and holding the owner's pid; a lock whose pid is dead is taken over.
import { open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../core/ports.js';
import { StoreLockedError } from './errors.js';

/** A lock file without a pid is only trusted this long (its creator may be mid-write). */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else; it still holds the lock.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Takes the lock or throws StoreLockedError; resolves to the function that releases it. */
export async function acquireLock(dir: string, log: Logger): Promise<() => Promise<void>> {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o644);
      try {
        await fh.writeFile(`${process.pid}\n`, 'utf8');
        await fh.datasync();
      } finally {
        await fh.close();
      }
      return async () => {
        // Only remove a lock that is still ours (an operator may have deleted and reused it).
        if ((await readPid(file)) === process.pid) await rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw e;
    }
    const pid = await readPid(file);
    if (pid !== undefined && isAlive(pid)) throw new StoreLockedError(file, pid);
    if (pid === undefined) {
      const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
      if (age < UNREADABLE_LOCK_GRACE_MS) throw new StoreLockedError(file, undefined);
    }
    // Narrow race left open on purpose: two processes taking over the same stale lock at the
    // same instant could both succeed. Deployments run one bot per directory, and the cost of
    // a real lock server is not worth it for that case.
    log.warn({ lockFile: file, stalePid: pid }, 'taking over a stale store lock');
    await rm(file, { force: true });
  }
}
