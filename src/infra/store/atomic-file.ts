// Crash-safe file replacement and the lowdb adapter built on it. A file is never written in
// place: the new text goes to a temp file in the same directory, is fsynced, renamed over the
// target (atomic on POSIX) and the directory is fsynced so the rename itself survives a power
// loss. A SIGKILL at any point leaves either the old file or the new one, plus at most a temp
// file that the next open removes.
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from './errors.js';

let tempCounter = 0;

/** Temp and probe files start with a dot and end in `.tmp`; nothing else we write does. */
const TEMP_FILE = /^\..+\.tmp$/;

/** A temp file name next to `file`, unique within this process and across processes. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
}

/** Makes renames and creations inside `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (e) {
    // Some platforms (Windows, a few network file systems) cannot fsync a directory; the
    // rename is still atomic there, only its durability on power loss is weaker.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw e;
  } finally {
    await fh.close();
  }
}

/** Replaces `file` with `text` atomically and durably. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(text, 'utf8');
      // datasync is enough: it flushes the data and the size, which is all a reader needs.
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncDir(path.dirname(file));
}

/** Removes temp files a crashed writer left behind; call only while holding the lock. */
export async function removeTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!TEMP_FILE.test(name)) continue;
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * A lowdb adapter for one JSON file written with writeFileAtomic. `stringify` lets a caller
 * reuse cached per-record JSON instead of serializing a whole partition again.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly stringify: (data: T) => string = (data) => `${JSON.stringify(data, null, 2)}\n`,
  ) {}

  /** The parsed file, null when it does not exist; bad JSON is a StoreCorruptError. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new StoreCorruptError(this.file, `not valid JSON (${(e as Error).message})`);
    }
  }

  /** Replaces the file atomically. */
  async write(data: T): Promise<void> {
    await writeFileAtomic(this.file, this.stringify(data));
  }
}
