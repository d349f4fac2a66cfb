// The embedded, file-backed Store (lowdb + crash-safe writes). See lowdb-store.ts for the
// layout and commit-plan.ts for what a crash can and cannot leave behind.
import type { Logger, Store } from '../../core/ports.js';
import { LowdbStore } from './lowdb-store.js';

export { StoreCorruptError, StoreLockedError } from './errors.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

/**
 * Opens (creating if needed) the data directory `dir` and locks it for this process.
 * Throws StoreLockedError when another live process holds it, StoreCorruptError when
 * `_sequences.json` cannot be read.
 */
export async function openStore(dir: string, opts: { log?: Logger } = {}): Promise<Store & { dir: string }> {
  return LowdbStore.open(dir, opts.log ?? silent);
}
