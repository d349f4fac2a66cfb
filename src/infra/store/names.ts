// File names derived from collection and partition names. Collection names are code, so a bad
// one is a bug and throws; partition names come from data (a month, a status), so they are
// sanitised instead — two names that map to the same file simply share it.

const COLLECTION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$/;

/** Throws unless `name` is usable as a directory name (no leading `.` or `_`: those are ours). */
export function checkCollectionName(name: string): string {
  if (!COLLECTION_NAME.test(name)) {
    throw new Error(`invalid collection name "${name}": use letters, digits, "_", "." or "-" (not first)`);
  }
  return name;
}

/** A partition name reduced to `[a-zA-Z0-9_.-]`, never hidden (temp files start with a dot). */
export function sanitizePartition(name: string): string {
  let safe = String(name).replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 100);
  if (safe === '' || safe.startsWith('.')) safe = `_${safe}`;
  return safe;
}

/** The partition of a `<partition>.json` file name, or undefined for other files. */
export function partitionOfFile(fileName: string): string | undefined {
  if (!fileName.endsWith('.json') || fileName.startsWith('.')) return undefined;
  return fileName.slice(0, -'.json'.length);
}
