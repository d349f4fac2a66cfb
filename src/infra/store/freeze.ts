// Records handed to callers are the stored objects themselves, deep-frozen once when written.
// That makes every read free (no clone per get/all/filter), and an accidental
// `record.status = 'x'` throws a TypeError in strict-mode code instead of silently changing
// what the store believes is on disk.

/** Freezes `value` and everything reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Typed arrays cannot be frozen; they never come out of JSON, so leave them be.
  if (ArrayBuffer.isView(value)) return value;
  // No cycle guard: callers freeze only values that JSON.stringify accepted (so acyclic), and
  // an already frozen object may still hold unfrozen children, so it is walked too.
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}
