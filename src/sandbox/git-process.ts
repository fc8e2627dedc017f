import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LIMITS } from '../limits.js';
import { runProcess, type ProcessResult } from './process.js';

/**
 * The runner's side of read-only git: the real `git` binary, run with an argv the runner built (never
 * one the model wrote unchecked: see git-argv.ts), over the checkout, in an environment built from
 * scratch. The agent's tools never read `.git/` (it may hold the job's token); git reads it here and the
 * agent sees only what the allowed subcommands print: file contents, commits and names, never config.
 *
 * Each setting below closes a way git runs a program or reaches the network on its own: a pager, an
 * external diff or a textconv driver (`diff=` in a .gitattributes the checkout brings), an fsmonitor
 * hook, signature checks (gpg), a lazy fetch of a missing object in a partial clone (with the job's
 * credentials), the user's or the system's config (their aliases, filters, credential helpers).
 */
export const GIT_SAFETY_CONFIG: readonly string[] = [
  'core.pager=cat',
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.untrackedCache=false',
  'diff.external=',
  'log.showSignature=false',
  'color.ui=false',
  'protocol.allow=never',
  'credential.helper=',
  'core.askPass=',
];

/** `git <GIT_SAFETY_CONFIG as -c pairs> <args>`: the argv every runner-side git call starts with. */
export function safeGitArgv(args: readonly string[]): string[] {
  return [...GIT_SAFETY_CONFIG.flatMap((setting) => ['-c', setting]), ...args];
}

/**
 * Nothing of the runner's environment but PATH (to find git): no token, no GIT_DIR or GIT_CONFIG_* a
 * step exported. The global config is a file of ours that only marks the checkout safe (git refuses a
 * repository another user owns, as on container runners, and reads `safe.directory` only from there).
 */
export function gitEnvironment(workspace: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: globalConfig(workspace),
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_PAGER: 'cat',
    GIT_CEILING_DIRECTORIES: path.dirname(workspace),
  };
}

const configs = new Map<string, string>();

function globalConfig(workspace: string): string {
  const existing = configs.get(workspace);
  if (existing !== undefined) return existing;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flue-git-')), 'config');
  fs.writeFileSync(file, `[safe]\n\tdirectory = ${workspace.replace(/[\\"]/g, '\\$&')}\n`);
  configs.set(workspace, file);
  return file;
}

export interface GitRunOptions {
  /** A real directory inside the workspace; default the workspace. */
  cwd?: string;
  signal?: AbortSignal;
  /** Default LIMITS.commandOutputBytes (the tail is kept). */
  maxOutputBytes?: number;
}

/**
 * What a run without a `git` binary says, where the model and the job log read it: slim images
 * (GitLab's `node:24-slim`) have none, and GitLab clones with its own helper, so a job may lack it.
 */
export const GIT_MISSING =
  "git: not installed on this runner (not on its PATH): read-only git and propose_change run the real git. Use an image that has it (on GitLab, node:24-slim has none: the template's install-git input, or image: node:24)";

/** Runs `git <safety config> <args>` over `workspace` (its real path); never rejects for a failing git. */
export async function runGit(workspace: string, args: readonly string[], options: GitRunOptions = {}): Promise<ProcessResult> {
  const result = await runProcess('git', safeGitArgv(args), {
    cwd: options.cwd ?? workspace,
    env: gitEnvironment(workspace),
    stdin: Buffer.alloc(0),
    timeoutMs: LIMITS.gitTimeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? LIMITS.commandOutputBytes,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return result.exitCode === 127 && result.stdout === '' && /^git: not found on the runner's PATH\n$/.test(result.stderr)
    ? { ...result, stderr: `${GIT_MISSING}\n` }
    : result;
}
