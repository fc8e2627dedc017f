/**
 * Whether a real command would find one of the run's secrets in an environment block it can read:
 * its parent's (this process, when it could not restart without them: see start.ts) or that of any
 * process above it (`npx`, `npm exec`, a shell that exported the variable). A process can read the
 * environment a process of its own user was started with (`/proc/<pid>/environ`, `ps eww`), and no
 * later change to that process's memory hides it.
 *
 * On Linux the blocks are read and searched, so the answer is what a command would see. Elsewhere
 * only this process is judged: Windows has no process.execve (so the secrets stay in the block), and
 * other systems restart like Linux does where Node has it.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { MIN_SECRET_LENGTH } from '../session-log/redact.js';
import { RESTART_NOTE_VARIABLE } from './start.js';

export interface SecretExposure {
  /** The process whose environment block holds a secret. */
  pid: number;
  /** Its program's name (`node`, `sh`, `npm` runs as `node`); '' when unknown. Never its arguments: they may hold a secret. */
  command: string;
  /** The variable that holds it; undefined when the block cannot be read (not Linux). */
  variable?: string;
  /** This process (it could not restart), rather than one above it. */
  self: boolean;
}

/** Ancestors are read up to this depth; a real chain (runner, shell, npm, node) is under ten. */
const MAX_DEPTH = 32;

/** The first readable environment block, this process's or an ancestor's, that holds one of `secrets`. */
export function findExposedSecret(secrets: readonly string[], proc = '/proc'): SecretExposure | undefined {
  const needles = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (needles.length === 0) return undefined;
  if (process.platform !== 'linux') {
    const restarted = typeof process.execve === 'function';
    return restarted ? undefined : { pid: process.pid, command: '', self: true };
  }
  let pid = process.pid;
  for (let depth = 0; depth < MAX_DEPTH && pid > 0; depth += 1) {
    const variable = variableHolding(readOrEmpty(`${proc}/${pid}/environ`), needles);
    if (variable !== undefined) {
      return { pid, command: programOf(proc, pid), variable, self: pid === process.pid };
    }
    pid = parentOf(readOrEmpty(`${proc}/${pid}/stat`));
  }
  return undefined;
}

/**
 * Throws, with one line naming the fix, when an agent that lists `commands:` would start them where
 * a command can read a secret of the run. Called before the model is, so the refusal costs nothing.
 */
export function refuseCommandsWhereSecretsAreReadable(agent: string, secrets: readonly string[], proc?: string): void {
  const exposure = findExposedSecret(secrets, proc);
  if (exposure !== undefined) throw new InputError(exposureMessage(agent, exposure));
}

export function exposureMessage(agent: string, exposure: SecretExposure): string {
  const holder = exposure.variable === undefined ? "the run's secrets" : exposure.variable;
  const start = `Agent '${agent}' lists commands:, but`;
  const remove = 'or remove commands: from the agent';
  if (!exposure.self) {
    return (
      `${start} process ${exposure.pid} (${exposure.command || 'unknown'}), which started flue-action, holds ${holder} in its environment, ` +
      `where any command could read it (/proc/${exposure.pid}/environ). Start flue-action without npx or npm run, replacing the shell ` +
      `(exec node_modules/.bin/flue-action run ...), ${remove}.`
    );
  }
  const where = `this process's environment holds ${holder}, which any command it starts could read`;
  if (process.platform === 'win32')
    return `${start} ${where}: Windows has no process.execve to restart without it. Run this agent on a Linux or macOS runner, ${remove}.`;
  if (typeof process.execve !== 'function') {
    return `${start} ${where}: Node ${process.version} cannot restart without it (process.execve). Run on Node >= 22.15 (the action runs on node24), ${remove}.`;
  }
  // start.ts skips the restart when the checkout's .flue/ declares no commands: the definitions then
  // came from another commit (a pull request's base, the workflow's own commit) than the checkout.
  const note = process.env[RESTART_NOTE_VARIABLE];
  if (note !== undefined) {
    return (
      `${start} ${where}: flue-action ${note} of the checkout, so the definitions were read from another commit. ` +
      `Check out the commit the workflow runs from (the agent's commands must be in the checkout's .flue/ too), ${remove}.`
    );
  }
  return `${start} ${where}: flue-action did not restart without it. Start it through its entry files (dist/cli.js, dist/index.js), ${remove}.`;
}

/** The name of the first `NAME=value` entry of a NUL-separated block whose value holds a needle. */
function variableHolding(block: string, needles: readonly string[]): string | undefined {
  for (const entry of block.split('\0')) {
    const equals = entry.indexOf('=');
    const value = entry.slice(equals + 1);
    if (equals > 0 && needles.some((needle) => value.includes(needle))) return entry.slice(0, equals);
  }
  return undefined;
}

/** The parent pid from `/proc/<pid>/stat` (`pid (comm) state ppid ...`; comm may hold spaces and parentheses); 0 when unknown. */
function parentOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields[1]);
  return Number.isSafeInteger(parent) && parent > 0 ? parent : 0;
}

/** The basename of the process's executable, else its thread name (`comm`, which Node sets to `MainThread`). */
function programOf(proc: string, pid: number): string {
  try {
    return basename(readlinkSync(`${proc}/${pid}/exe`));
  } catch {
    return readOrEmpty(`${proc}/${pid}/comm`).trim();
  }
}

/** A file's text; '' when it cannot be read (gone, another user's): then a command cannot read it either. */
function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
