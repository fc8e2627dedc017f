/**
 * The change set of `propose_change`: the agent's edits in the checkout against its HEAD commit, read by
 * the runner (git through git-process.ts, file contents from the disk), never described by the model.
 * New files count when git would commit them (untracked, not ignored). A symlink is committed as a
 * symlink (its target is the content), never as the file it points to: an agent that links
 * `leak -> ../../.git/config` proposes a link, not the runner's credentials.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LIMITS } from '../limits.js';
import { GIT_MISSING, runGit } from '../sandbox/git-process.js';
import type { ChangeSet, FileChange } from './types.js';

export type ChangeSetRead = { ok: true; changes: ChangeSet } | { ok: false; message: string };

// git prints this at the start of an output it cut (process.ts keeps the tail): a change set read in part is refused.
const CUT = /^\[\d+ bytes cut from the start\]\n/;
const DIFF = ['diff', 'HEAD', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all'];

/** Reads the checkout's changes against HEAD; a message the model can act on when they cannot be read. */
/**
 * `runnerPaths`: workspace-relative folders the runner itself writes in the checkout (a GitLab job's
 * session log, which must sit there for artifacts): never the agent's edits, never in a change set.
 */
export async function readChangeSet(workspace: string, signal?: AbortSignal, runnerPaths: readonly string[] = []): Promise<ChangeSetRead> {
  const runners = runnerPaths.map((folder) => `${folder.replace(/\/+$/, '')}/`);
  const isRunners = (file: string) => runners.some((folder) => file.startsWith(folder));
  const git = async (args: string[]): Promise<string | { problem: string }> => {
    const result = await runGit(workspace, args, { maxOutputBytes: 4_000_000, ...(signal ? { signal } : {}) });
    if (result.exitCode !== 0) return { problem: `git ${args[0]} failed: ${result.stderr.trim() || `exit ${result.exitCode}`}` };
    if (CUT.test(result.stdout)) return { problem: `git ${args[0]} printed more than the runner reads: the change is far too large to propose` };
    return result.stdout;
  };
  const base = await git(['rev-parse', '--verify', 'HEAD^{commit}']);
  if (typeof base !== 'string' && base.problem.includes(GIT_MISSING)) return fail(`propose_change: ${GIT_MISSING}`);
  if (typeof base !== 'string') return fail(`propose_change: the checkout has no HEAD commit to build on (${base.problem})`);
  const numstat = await git([...DIFF, '--numstat']);
  // --raw names each file's blob at HEAD: on a pull request event the host checks it against the PR's head.
  const statuses = await git([...DIFF, '--raw', '--no-abbrev']);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  for (const answer of [numstat, statuses, untracked]) {
    if (typeof answer !== 'string') return fail(`propose_change: ${answer.problem}`);
  }
  const counts = parseNumstat(numstat as string);
  const files: FileChange[] = [];
  const budget = { bytes: 0 };
  let current = '';
  try {
    for (const { status, file, blob } of parseRaw(statuses as string)) {
      if (isRunners(file)) continue;
      current = file;
      const lines = counts.get(file) ?? { additions: 0, deletions: 0 };
      const was = blob === undefined ? {} : { blob };
      if (status === 'D') files.push({ path: file, status: 'deleted', ...was, ...lines });
      else files.push({ path: file, status: status === 'A' ? 'added' : 'modified', ...was, ...read(workspace, file, budget), ...lines });
    }
    for (const file of (untracked as string).split('\0').filter((name) => name !== '' && !isRunners(name))) {
      current = file;
      const content = read(workspace, file, budget);
      files.push({ path: file, status: 'added', ...content, additions: lineCount(Buffer.from(content.content, 'base64')), deletions: 0 });
    }
  } catch (error) {
    if (error instanceof ChangeSetTooLarge) {
      return fail(
        `propose_change: the changed files hold at least ${error.bytes} bytes; a change set holds at most ${LIMITS.changeSetBytes}. Propose source edits, not data`,
      );
    }
    // A folder git lists whole (a nested repository) or a file removed meanwhile: nothing a commit can hold.
    return fail(
      `propose_change: '${current}' cannot be committed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Remove it from the checkout`,
    );
  }
  const bytes = files.reduce((sum, file) => sum + (file.content === undefined ? 0 : Buffer.byteLength(file.content, 'base64')), 0);
  if (bytes > LIMITS.changeSetBytes) {
    return fail(
      `propose_change: the changed files hold ${bytes} bytes; a change set holds at most ${LIMITS.changeSetBytes}. Propose source edits, not data`,
    );
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, changes: { base: (base as string).trim(), files } };
}

/** Mode and content of a file as it is on disk, the link itself for a symlink. */
function read(workspace: string, file: string, budget: { bytes: number }): { mode: NonNullable<FileChange['mode']>; content: string } {
  const full = path.join(workspace, file);
  const stat = fs.lstatSync(full);
  if (stat.isSymbolicLink()) return { mode: '120000', content: Buffer.from(fs.readlinkSync(full)).toString('base64') };
  // Sized before it is read: a stray build output of a gigabyte must not be loaded to learn it is too big.
  budget.bytes += stat.size;
  if (budget.bytes > LIMITS.changeSetBytes) throw new ChangeSetTooLarge(budget.bytes);
  return { mode: stat.mode & 0o111 ? '100755' : '100644', content: fs.readFileSync(full).toString('base64') };
}

class ChangeSetTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`the changed files hold more than ${bytes} bytes`);
  }
}

/** `added\tdeleted\tpath\0` records; a binary file's `-\t-` counts 0 lines. */
function parseNumstat(text: string): Map<string, { additions: number; deletions: number }> {
  const counts = new Map<string, { additions: number; deletions: number }>();
  for (const record of text.split('\0')) {
    const match = /^(-|\d+)\t(-|\d+)\t(.+)$/s.exec(record);
    if (match) counts.set(match[3]!, { additions: Number(match[1]) || 0, deletions: Number(match[2]) || 0 });
  }
  return counts;
}

/**
 * `:oldmode newmode oldsha newsha X\0path\0` records (no renames: -z --no-renames gives one path each); the
 * old sha is the blob at HEAD, all zeros for a file HEAD lacks. A type change (T) is a modification.
 */
function parseRaw(text: string): Array<{ status: string; file: string; blob: string | undefined }> {
  const fields = text.split('\0');
  const records: Array<{ status: string; file: string; blob: string | undefined }> = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const match = /^:\d+ \d+ ([0-9a-f]+) [0-9a-f]+ ([A-Z])\d*$/.exec(fields[index]!);
    const file = fields[index + 1]!;
    if (!match || file === '') continue;
    records.push({ status: match[2]!, file, blob: /^0+$/.test(match[1]!) ? undefined : match[1] });
  }
  return records;
}

/** Lines of a new file as git counts them; 0 for binary content (a NUL in its first 8,000 bytes, git's own test). */
function lineCount(bytes: Buffer): number {
  if (bytes.length === 0 || bytes.subarray(0, 8000).includes(0)) return 0;
  const newlines = bytes.reduce((count, byte) => count + (byte === 10 ? 1 : 0), 0);
  return bytes[bytes.length - 1] === 10 ? newlines : newlines + 1;
}

const fail = (message: string): ChangeSetRead => ({ ok: false, message });
