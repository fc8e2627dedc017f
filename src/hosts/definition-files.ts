/**
 * What both hosts do when they write definition files read through their API (a commit's `.flue/`, skills,
 * AGENTS.md) into a temporary folder: where each file may go, and how many are fetched at once.
 */
import path from 'node:path';

/**
 * The absolute path `relative` (a '/'-separated tree path) gets under `root`; undefined when it would leave
 * `root` or names nothing real: no platform lists `..`, `.`, an empty segment, a backslash or a NUL, so a
 * tree that does is not one to trust with any file.
 */
export function destinationUnder(root: string, relative: string): string | undefined {
  const segments = relative.split('/');
  const bad = segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\\0]/.test(segment));
  const destination = path.resolve(root, ...segments);
  return bad || !destination.startsWith(root + path.sep) ? undefined : destination;
}

/**
 * Runs `task` over `items`, at most `limit` at a time. After a failure no new task starts, and the first
 * error is thrown only once every running task has settled, so nothing writes after cleanup.
 */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
