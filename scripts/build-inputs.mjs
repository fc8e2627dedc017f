// What dist/ is built from, as one hash: scripts/build.mjs writes it into dist/, and the tests that
// run dist/ compare it with the sources beside it, so a change to src/ without a rebuild fails them
// instead of testing the old build. Content, not mtimes: a fresh clone gives every file the same age.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file in dist/ that holds the hash. */
export const BUILD_INPUTS_FILE = 'build-inputs.sha256';

/** Everything the build reads but node_modules, which package-lock.json pins. */
const INPUTS = ['src', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/npm-files.mjs'];

/** sha256 over the inputs under `root`: each file's path, length and content, in path order. */
export function buildInputsHash(root) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(root, input)).sort()) {
    const content = readFileSync(join(root, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

/** `relative` if it is a file, else every file under it, as '/'-separated paths relative to `root`. */
function filesUnder(root, relative) {
  const full = join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full).flatMap((name) => filesUnder(root, `${relative}/${name}`));
}
