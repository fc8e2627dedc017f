/**
 * Shared wording for definition errors and warnings: how a given value is shown, how a path is
 * written, and the "did you mean" hint for a misspelled name.
 */
import { truncate } from '../text/index.js';

/** A value as a message shows it: strings quoted, containers named rather than dumped. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(truncate(value, 60, '...'));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  return 'a mapping';
}

/** `["a", "b"]` as `"a", "b"`: for messages that list the names a user may choose from. */
export function quoteList(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}

/** A field path as the user writes it: `outputs.add_labels.allowed[2]`. */
export function fieldPath(base: string, keys: ReadonlyArray<string | number>): string {
  return keys.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`), base);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Case and `-`/`_` are ignored, so `max_turns` and `maxTurns` both find `max-turns`. */
const comparable = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/** The known name closest to `given`, when it is close enough to be a likely typo. */
export function nearestName(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(comparable(given), comparable(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const tolerance = Math.max(2, Math.floor(best.name.length / 3));
  return best.distance <= tolerance ? best.name : undefined;
}

/** ` (did you mean "tools"?)`, or an empty string when nothing is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const near = nearestName(given, known);
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}
