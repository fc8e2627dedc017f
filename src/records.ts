/**
 * Plain-data records: what JSON, YAML and webhook payloads parse into, and what user-keyed data is
 * collected in.
 */

/** A non-null object that is not an array: a JSON object, a YAML mapping, an object literal. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An empty record without a prototype, for keys someone else chose: `__proto__` or `constructor`
 * stays a key like any other instead of reaching Object.prototype.
 */
export function nullPrototypeRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
