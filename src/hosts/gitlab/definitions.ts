/**
 * The agent definitions as they are on a commit writers chose (an MR's target, the pipeline's own
 * commit): an MR must not rewrite the agent, its skills or AGENTS.md that then review it. Read through
 * the repository API (tree, then raw files), so no second checkout is needed, into a fresh folder.
 * Tree entries are hostile input: every path is checked before anything is written, nothing but
 * regular files is created, and GitLab's tree gives no sizes, so every file is read against the cap.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { destinationUnder, eachLimited } from '../definition-files.js';
import type { ProjectApi, TreeEntry } from './api.js';
import { statusOf } from './errors.js';

const ROOT_FILES = ['AGENTS.md', 'CLAUDE.md'];
// Whole folders, not only their skills: the sandbox serves these paths from the copy.
const FOLDERS = ['.flue', '.agents', '.claude'];

interface WantedFile {
  /** Relative to the working directory: `.flue/agents/review.md`. */
  path: string;
  /** From the repository root, as the files API takes it. */
  repositoryPath: string;
  executable: boolean;
}

/** Writes the definition files of `commit` (under `folder`, '' for the root) into a new folder in `tmpDir`. */
export async function fetchDefinitionsAt(
  api: ProjectApi,
  commit: string,
  folder: string,
  tmpDir: string,
  warn: (message: string) => void,
): Promise<string> {
  const where = `commit ${commit.slice(0, 7)}`;
  const prefix = folder
    .split('/')
    .filter((name) => name !== '')
    .join('/');
  const root = await api.tree(commit, prefix, false).catch((error: unknown) => {
    if (statusOf(error) === 404 && prefix !== '') {
      throw new FlueError(
        `The working directory '${prefix}' does not exist on ${where}, so its agent definitions cannot be read from that commit. ` +
          "Definitions come from the commit writers chose (a merge request's target branch); merge the folder with its .flue/ first.",
      );
    }
    throw error;
  });
  const source = `GET ${api.path}/repository/tree?ref=${commit}`;
  const wanted: WantedFile[] = [];
  const under = (name: string) => (prefix === '' ? name : `${prefix}/${name}`);
  for (const name of ROOT_FILES) {
    const entry = root.find((item) => item.path === under(name));
    if (entry) addFile(wanted, entry, prefix, where, source, warn);
  }
  for (const name of FOLDERS) {
    if (!root.some((item) => item.path === under(name) && item.type === 'tree')) continue;
    for (const entry of await api.tree(commit, under(name), true)) {
      if (!entry.path.startsWith(`${under(name)}/`)) refuse(source, entry.path);
      addFile(wanted, entry, prefix, where, source, warn);
    }
  }
  const files = wanted.slice(0, LIMITS.baseDefinitionFiles);
  if (files.length < wanted.length) {
    warn(
      `Commit ${commit.slice(0, 7)} holds ${wanted.length} definition files; only the first ${files.length} were fetched (limit: ${LIMITS.baseDefinitionFiles} files). ` +
        `Missing from the run: ${wanted
          .slice(files.length, files.length + 3)
          .map((file) => file.path)
          .join(', ')}${wanted.length - files.length > 3 ? ', ...' : ''}.`,
    );
  }
  const target = await mkdtemp(path.join(tmpDir, 'flue-base-'));
  try {
    // Every path is checked before the first write: a hostile tree leaves nothing behind.
    const planned = files.map((file) => ({ ...file, destination: safeDestination(target, file.path, source) }));
    let bytes = 0;
    await eachLimited(planned, LIMITS.baseDefinitionConcurrentFetches, async (file) => {
      const content = await api.rawFile(commit, file.repositoryPath, LIMITS.baseDefinitionBytes - bytes);
      if (content !== undefined) bytes += content.length;
      if (content === undefined || bytes > LIMITS.baseDefinitionBytes) {
        throw new FlueError(`GET ${api.path}/repository/files: the definition files of ${where} exceed ${LIMITS.baseDefinitionBytes} bytes.`);
      }
      await mkdir(path.dirname(file.destination), { recursive: true });
      // `wx`: never replace a file, so a tree listing one path twice cannot overwrite what was checked.
      await writeFile(file.destination, content, { flag: 'wx', mode: file.executable ? 0o755 : 0o644 });
    });
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/** Regular files only: a symlink's target could name anything on the runner, and submodules are other repositories. */
function addFile(wanted: WantedFile[], entry: TreeEntry, prefix: string, where: string, source: string, warn: (message: string) => void): void {
  if (entry.type === 'tree') return;
  const relative = prefix === '' ? entry.path : entry.path.slice(prefix.length + 1);
  if (entry.type !== 'blob' || entry.mode === '120000') {
    warn(
      `${relative} on ${where} is a ${entry.mode === '120000' ? 'symbolic link' : entry.type === 'commit' ? 'submodule' : String(entry.type)}, not a file; skipped.`,
    );
    return;
  }
  if (prefix !== '' && !entry.path.startsWith(`${prefix}/`)) refuse(source, entry.path);
  wanted.push({ path: relative, repositoryPath: entry.path, executable: entry.mode === '100755' });
}

function refuse(source: string, entryPath: string): never {
  throw new FlueError(
    `${source}: refusing tree entry ${JSON.stringify(entryPath)}: a definition path must stay inside the folder it was listed from. ` +
      'Nothing was written outside the temporary folder; check the repository and CI_API_V4_URL.',
  );
}

/** The absolute path `relative` gets under `root`, or a FlueError: no `..`, absolute path or empty segment is trusted. */
export function safeDestination(root: string, relative: string, source: string): string {
  return destinationUnder(root, relative) ?? refuse(source, relative);
}
