/**
 * The agent definitions as they are on a commit writers chose (a PR's base, the workflow's own commit):
 * a PR must not rewrite the agent, its skills or AGENTS.md that then review it, nor a fork's checkout
 * supply the code a workflow_run imports. Read through the git data API (trees and
 * blobs), so no second checkout is needed, into a fresh folder. Tree entries are treated as hostile
 * input: every path is checked before anything is written, and nothing but regular files is created.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { destinationUnder, eachLimited } from '../definition-files.js';
import type { GitTree, RepoApi } from './api.js';

/** Root files, and folders fetched whole, in the order the caps are filled. */
const ROOT_FILES = ['AGENTS.md', 'CLAUDE.md'];
// Whole folders, not only their skills: the sandbox serves these paths from the copy (DEFINITION_PATHS),
// so anything else in them would otherwise vanish from the run.
const FOLDERS = [['.flue'], ['.agents'], ['.claude']];

interface WantedFile {
  path: string;
  sha: string;
  size: number;
  executable: boolean;
}

type TreeEntry = GitTree['tree'][number];

/**
 * Writes the definition files of commit `baseSha` under a new folder in `tmpDir` and returns that folder.
 * `folder` is where the run works in the repository (`working-directory`: `packages/app`), '' for its
 * root: the definitions are read there, as they are from the checkout.
 */
export async function fetchBaseDefinitions(
  api: RepoApi,
  baseSha: string,
  folder: string,
  tmpDir: string,
  warn: (message: string) => void,
): Promise<string> {
  const commit = `commit ${baseSha.slice(0, 7)}`;
  const root = await folderTree(api, baseSha, folder, commit);
  const wanted: WantedFile[] = [];
  for (const name of ROOT_FILES) {
    const entry = root.tree.find((item) => item.path === name);
    if (entry) addFile(wanted, name, entry, commit, warn);
  }
  for (const names of FOLDERS) {
    const tree = await subtree(api, root, names, true);
    if (!tree) continue;
    const prefix = names.join('/');
    if (tree.truncated) warn(`The listing of ${prefix}/ on ${commit} was cut short by GitHub; some of its files are missing.`);
    for (const entry of tree.tree) addFile(wanted, `${prefix}/${entry.path}`, entry, commit, warn);
  }
  const files = withinCaps(wanted, commit, warn);
  const target = await mkdtemp(path.join(tmpDir, 'flue-base-'));
  try {
    // Every path is checked before the first write: a hostile tree leaves nothing behind.
    const source = `GET ${api.path}/git/trees/${baseSha}`;
    const planned = files.map((file) => ({ ...file, destination: safeDestination(target, file.path, source) }));
    let bytes = 0;
    // Skills often share files (a LICENSE in each): a blob is fetched once, whatever paths hold it.
    const blobs = new Map<string, Promise<Buffer>>();
    const read = (sha: string): Promise<Buffer> => {
      const known = blobs.get(sha);
      if (known) return known;
      const reading = readBlob(api, sha);
      blobs.set(sha, reading);
      return reading;
    };
    await eachLimited(planned, LIMITS.baseDefinitionConcurrentFetches, async (file) => {
      // Awaited before the addition: `bytes += await ...` would read `bytes` before the wait and lose other tasks' counts.
      const written = await writeBlob(file, await read(file.sha));
      bytes += written;
      // The tree's sizes decided what to fetch; the blobs themselves are counted too.
      if (bytes > LIMITS.baseDefinitionBytes) {
        throw new FlueError(`GET ${api.path}/git/blobs: the definition files of ${commit} exceed ${LIMITS.baseDefinitionBytes} bytes.`);
      }
    });
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  return target;
}

async function readBlob(api: RepoApi, sha: string): Promise<Buffer> {
  const blob = await api.getBlob(sha);
  return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8');
}

/** Returns the bytes written. */
async function writeBlob(file: WantedFile & { destination: string }, bytes: Buffer): Promise<number> {
  await mkdir(path.dirname(file.destination), { recursive: true });
  // `wx`: never replace a file, so a tree listing one path twice cannot overwrite what was checked.
  await writeFile(file.destination, bytes, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 });
  return bytes.length;
}

/** The tree of `folder` ('' or `packages/app`) on the commit; a FlueError when the commit has no such folder. */
async function folderTree(api: RepoApi, sha: string, folder: string, commit: string): Promise<GitTree> {
  const root = await api.getTree(sha, false);
  const names = folder.split('/').filter((name) => name !== '');
  const tree = await subtree(api, root, names, false);
  if (tree) return tree;
  throw new FlueError(
    `The working directory '${folder}' does not exist on ${commit}, so its agent definitions cannot be read from that commit. ` +
      "Definitions come from the commit writers chose (a pull request's base); merge the folder with its .flue/ first.",
  );
}

/** The tree at `folder` (`['.agents', 'skills']`) under `root`, the last level listed recursively when asked; undefined when absent. */
async function subtree(api: RepoApi, root: GitTree, folder: string[], recursive: boolean): Promise<GitTree | undefined> {
  let current = root;
  for (const [index, name] of folder.entries()) {
    const entry = current.tree.find((item) => item.path === name && item.type === 'tree');
    if (!entry?.sha) return undefined;
    current = await api.getTree(entry.sha, recursive && index === folder.length - 1);
  }
  return current;
}

/** Regular files only: a symlink's target could name anything on the runner, and submodules are other repositories. */
function addFile(wanted: WantedFile[], filePath: string, entry: TreeEntry, commit: string, warn: (message: string) => void): void {
  if (entry.type === 'tree') return;
  if (entry.type !== 'blob' || entry.mode === '120000' || !entry.sha) {
    warn(`${filePath} on ${commit} is a ${entry.mode === '120000' ? 'symbolic link' : String(entry.type)}, not a file; skipped.`);
    return;
  }
  wanted.push({ path: filePath, sha: entry.sha, size: entry.size ?? 0, executable: entry.mode === '100755' });
}

function withinCaps(wanted: WantedFile[], commit: string, warn: (message: string) => void): WantedFile[] {
  const kept: WantedFile[] = [];
  let bytes = 0;
  for (const file of wanted) {
    if (kept.length >= LIMITS.baseDefinitionFiles || bytes + file.size > LIMITS.baseDefinitionBytes) break;
    bytes += file.size;
    kept.push(file);
  }
  if (kept.length < wanted.length) {
    warn(
      `${sentence(commit)} holds ${wanted.length} definition files; only the first ${kept.length} were fetched ` +
        `(limits: ${LIMITS.baseDefinitionFiles} files, ${LIMITS.baseDefinitionBytes} bytes). ` +
        `Missing from the run: ${wanted
          .slice(kept.length, kept.length + 3)
          .map((file) => file.path)
          .join(', ')}` +
        `${wanted.length - kept.length > 3 ? ', ...' : ''}.`,
    );
  }
  return kept;
}

/**
 * The absolute path `relative` gets under `root`, or a FlueError: GitHub never lists `..`, an
 * absolute path or an empty segment, so a tree that does is not one to trust with any file.
 */
export function safeDestination(root: string, relative: string, source: string): string {
  const destination = destinationUnder(root, relative);
  if (destination === undefined) {
    throw new FlueError(
      `${source}: refusing tree entry ${JSON.stringify(relative)}: a definition path must stay inside the repository. ` +
        'Nothing was written outside the temporary folder; check the repository and the GitHub API URL.',
    );
  }
  return destination;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
