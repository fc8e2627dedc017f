/**
 * How the variables the restarted runner does not keep in its environment reach it: a file only its
 * user can open (0600, in a fresh 0700 folder from mkdtemp), read and deleted by the new image before
 * it runs anything else. process.execve keeps no other file descriptor open, and an argument or a
 * variable would be readable in /proc; while the file exists, no child of the run exists yet.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The variable that names the file; the only name the restarted image gets beyond the kept ones. */
export const HANDOFF_VARIABLE = 'FLUE_ACTION_ENV_HANDOFF';

const FOLDER_PREFIX = 'flue-env-';
const FILE_NAME = 'env.json';

/** Writes `variables` for the restarted image; returns the file's path. */
export function writeHandoff(variables: Readonly<Record<string, string>>, parent: string): string {
  const folder = mkdtempSync(join(parent, FOLDER_PREFIX));
  const file = join(folder, FILE_NAME);
  // `wx`: a file someone placed there first is an error, not a file we fill.
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(variables));
  } finally {
    closeSync(fd);
  }
  return file;
}

/**
 * Reads the variables and deletes the file and its folder. Throws when `file` is not a handoff file
 * (a name this module made, a regular file only its owner can read): the variable came from somewhere else.
 */
export function takeHandoff(file: string): Record<string, string> {
  try {
    if (basename(file) !== FILE_NAME || !basename(dirname(file)).startsWith(FOLDER_PREFIX)) throw new Error('not a file flue-action wrote');
    const stat = statSync(file);
    if (!stat.isFile() || (stat.mode & 0o077) !== 0) throw new Error('not a private regular file');
    const text = readFileSync(file, 'utf8');
    removeHandoff(file);
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Object.values(parsed).some((value) => typeof value !== 'string')) {
      throw new Error('not a JSON object of strings');
    }
    // Null prototype: variable names are data.
    return Object.assign(Object.create(null) as Record<string, string>, parsed);
  } catch (error) {
    throw new Error(
      `flue-action: cannot read the environment handed over when it restarted (${HANDOFF_VARIABLE}=${file}): ${(error as Error).message}. ` +
        `Unset ${HANDOFF_VARIABLE}; flue-action sets it itself.`,
    );
  }
}

/** Deletes the file and its folder; what is already gone is not an error. */
export function removeHandoff(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already.
  }
  try {
    rmdirSync(dirname(file));
  } catch {
    // Gone already, or not empty: not ours to force.
  }
}
