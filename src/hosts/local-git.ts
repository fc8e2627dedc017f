/**
 * A pull request's changed files from local git, for a local `--event` run: what the action reads from
 * GitHub's API (`pulls/{n}/files`), read instead as `git diff base...head` in the checkout, with the
 * same caps, so the model sees the same "changed files with patches" it would in CI.
 *
 * This runs the developer's own git on their machine (the CLI, not the sandbox). The shas come from a
 * payload file anyone could have written: only hex object names reach git's command line, so a "sha"
 * can never be read as an option; external diff drivers and textconv filters are off.
 */
import { execFile } from 'node:child_process';
import { LIMITS } from '../limits.js';
import type { ChangedFile, TriggerContextExtras } from '../trigger/prompt.js';
import { capText, plainLine } from '../trigger/text.js';

export type LocalDiff = { ok: true; context: Pick<TriggerContextExtras, 'files' | 'filesCap'> } | { ok: false; why: string };

const SHA = /^[0-9a-f]{7,64}$/;
/** The whole diff git may print before the run gives up on it: far above what the caps keep. */
const MAX_DIFF_BYTES = 64 * 1024 * 1024;

/**
 * The changed files between `base` and `head` (three dots: what the pull request adds to its base).
 * `git`: the command (default `git` on PATH).
 */
export async function localPullRequestDiff(workspace: string, base: string | undefined, head: string | undefined, git = 'git'): Promise<LocalDiff> {
  if (base === undefined || head === undefined) {
    const missing = [base === undefined ? 'base' : undefined, head === undefined ? 'head' : undefined].filter(Boolean).join(' and ');
    return { ok: false, why: `the event names no ${missing} commit of the pull request` };
  }
  for (const [name, sha] of [
    ['base', base],
    ['head', head],
  ] as const) {
    if (!SHA.test(sha)) return { ok: false, why: `the event's ${name} sha '${plainLine(sha, 80)}' is not a commit id (hex)` };
  }
  let text: string;
  try {
    text = await runGit(git, workspace, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', `${base}...${head}`]);
  } catch (error) {
    const why = gitFailure(error as GitError, `git diff ${base.slice(0, 12)}...${head.slice(0, 12)}`);
    return { ok: false, why: (error as GitError).code === 'ENOENT' ? why : `${why}; fetch the pull request's commits into this checkout` };
  }
  return { ok: true, context: capFiles(parseDiff(text)) };
}

export type LocalRefs = { ok: true; base: string; head: string } | { ok: false; why: string };

/**
 * The refs of a pull request the event does not name (a comment on it): the checkout's HEAD, and where it
 * forked from origin's default branch, which is what a pull request of this branch would show.
 */
export async function localPullRequestRefs(workspace: string, git = 'git'): Promise<LocalRefs> {
  try {
    const head = (await runGit(git, workspace, ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
    const base = (await runGit(git, workspace, ['merge-base', 'HEAD', 'refs/remotes/origin/HEAD'])).trim();
    return { ok: true, base, head };
  } catch (error) {
    return { ok: false, why: gitFailure(error as GitError, 'git merge-base HEAD origin/HEAD') };
  }
}

type GitError = NodeJS.ErrnoException & { stderr?: string; code?: string | number };

function runGit(git: string, cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // core.quotePath=false: paths with non-ASCII letters stay as written, as GitHub shows them.
    execFile(git, ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: MAX_DIFF_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve(stdout);
    });
  });
}

function gitFailure(error: GitError, command: string): string {
  if (error.code === 'ENOENT') return 'git is not installed (or not on PATH)';
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return `${command} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`;
  const said = error.stderr?.trim().split('\n')[0] ?? error.message;
  return `${command} failed in --cwd (${plainLine(said, 200)})`;
}

/** One entry per `diff --git` section: its path, GitHub's status word, the counts and the hunks. */
export function parseDiff(text: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const section of text.split(/^(?=diff --git )/m)) {
    if (!section.startsWith('diff --git ')) continue;
    const lines = section.replace(/\n$/, '').split('\n');
    const hunk = lines.findIndex((line) => line.startsWith('@@'));
    const header = hunk === -1 ? lines : lines.slice(0, hunk);
    const patchLines = hunk === -1 ? [] : lines.slice(hunk);
    let additions = 0;
    let deletions = 0;
    for (const line of patchLines) {
      if (line.startsWith('+')) additions += 1;
      else if (line.startsWith('-')) deletions += 1;
    }
    const file: ChangedFile = { path: pathOf(header), status: statusOf(header), additions, deletions };
    if (patchLines.length > 0) file.patch = patchLines.join('\n');
    files.push(file);
  }
  return files;
}

function statusOf(header: string[]): string {
  if (header.some((line) => line.startsWith('new file mode'))) return 'added';
  if (header.some((line) => line.startsWith('deleted file mode'))) return 'removed';
  if (header.some((line) => line.startsWith('rename to '))) return 'renamed';
  return 'modified';
}

/** The new path (the old one for a removed file), as git names it in the section's header. */
function pathOf(header: string[]): string {
  // git ends a ---/+++ path that holds a space with a tab, so its end can be told.
  const named = (prefix: string) =>
    header
      .find((line) => line.startsWith(prefix))
      ?.slice(prefix.length)
      .replace(/\t$/, '');
  const renamed = named('rename to ');
  if (renamed !== undefined) return unquote(renamed);
  const added = named('+++ ');
  if (added !== undefined && added !== '/dev/null') return unquote(added).replace(/^b\//, '');
  const removed = named('--- ');
  if (removed !== undefined && removed !== '/dev/null') return unquote(removed).replace(/^a\//, '');
  // A binary or mode-only change has no ---/+++ lines: `diff --git a/P b/P` names P twice.
  const both = (header[0] ?? '').slice('diff --git '.length);
  const half = (both.length - 1) / 2;
  return unquote(both.slice(half + 1)).replace(/^b\//, '');
}

/** git quotes a path holding control characters or quotes: `"b/a\tb"`; shown as git spells it, unquoted. */
function unquote(path: string): string {
  return path.startsWith('"') && path.endsWith('"') ? path.slice(1, -1) : path;
}

/** At most LIMITS.contextFiles files; patches until LIMITS.contextPatchesChars, then the list alone (as the CI hosts cap). */
export function capFiles(all: ChangedFile[]): Pick<TriggerContextExtras, 'files' | 'filesCap'> {
  const shown = all.slice(0, LIMITS.contextFiles);
  let budget = LIMITS.contextPatchesChars;
  const files = shown.map((file): ChangedFile => {
    if (file.patch === undefined) return file;
    const patch = capText(file.patch, LIMITS.contextPatchChars);
    if (patch.length > budget) {
      const { patch: _left, ...listed } = file;
      return listed;
    }
    budget -= patch.length;
    return { ...file, patch };
  });
  return shown.length < all.length ? { files, filesCap: { shown: shown.length, total: all.length } } : { files };
}
