import * as path from 'node:path';
import type { Sandbox } from '../sandbox/index.js';

/** Directories grep and glob never enter: version-control internals and installed dependencies. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every file under `dir` (absolute), depth-first in name order, through the sandbox's gated fs.
 * Symlinked files are followed when they resolve inside the workspace; symlinked directories are
 * not entered (no cycles). Stops with the signal's reason when it aborts.
 */
export async function* walkFiles(sandbox: Sandbox, dir: string, signal: AbortSignal): AsyncGenerator<string> {
  signal.throwIfAborted();
  let entries: Awaited<ReturnType<Sandbox['fs']['readdirWithFileTypes']>>;
  try {
    entries = await sandbox.fs.readdirWithFileTypes(dir);
  } catch {
    return; // unreadable directory: nothing to list
  }
  for (const entry of [...entries].sort(byName)) {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) yield* walkFiles(sandbox, full, signal);
    } else if (entry.isFile) {
      yield full;
    } else if (entry.isSymbolicLink && (await isFileThroughLink(sandbox, full))) {
      yield full;
    }
  }
}

async function isFileThroughLink(sandbox: Sandbox, file: string): Promise<boolean> {
  try {
    return (await sandbox.fs.stat(file)).isFile;
  } catch {
    return false; // dangling, or resolving outside the workspace
  }
}

/** Path relative to the workspace, as tool output shows it. */
export const workspaceRelative = (sandbox: Sandbox, file: string): string =>
  file === sandbox.workspace ? '.' : file.slice(sandbox.workspace.length + 1);
