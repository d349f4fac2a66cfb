// Errors the store throws on open. They name the file so an operator can fix or restore it
// by hand: the store never "repairs" data it cannot read, it refuses to start instead.

/** A store file is not valid JSON or holds a record its schema rejects. The file is left untouched. */
export class StoreCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`corrupt store file ${file}: ${problem}`);
    this.name = 'StoreCorruptError';
  }
}

/** Another live process (or this one) already holds the data directory's lock. */
export class StoreLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number | undefined,
  ) {
    super(
      pid === undefined
        ? `data directory is locked by another process that is still starting (${lockFile})`
        : `data directory is locked by process ${pid} (${lockFile}); stop it, or delete the lock file if that process is not a switchboard`,
    );
    this.name = 'StoreLockedError';
  }
}
