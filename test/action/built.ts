/**
 * The tests that run dist/ (the action's steps, the CLI as a process) test the sources only if dist/
 * was built from them: scripts/build.mjs records a hash of its inputs in dist/, and these compare it
 * with the sources beside it, once a test file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS_FILE, buildInputsHash } from '../../scripts/build-inputs.mjs';

export const STALE_DIST = 'dist/ is older than src/: run npm run build';

/** Whether dist/ under `root` was built from the sources under `root` as they are now. */
export function distIsCurrent(root: string): boolean {
  const recorded = path.join(root, 'dist', BUILD_INPUTS_FILE);
  return existsSync(recorded) && readFileSync(recorded, 'utf8').trim() === buildInputsHash(root);
}

let current: boolean | undefined;

/** Throws STALE_DIST unless this checkout's dist/ was built from its sources. */
export function requireCurrentDist(): void {
  current ??= distIsCurrent(fileURLToPath(new URL('../../', import.meta.url)));
  if (!current) throw new Error(STALE_DIST);
}
