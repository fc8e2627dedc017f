import {
  Bash,
  InMemoryFs,
  MountableFs,
  ReadWriteFs,
  getCommandNames,
  type BashOptions,
  type CommandName,
  type CustomCommand,
  type IFileSystem,
} from 'just-bash';
import { errorMessage } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { MountFs } from './backing-fs.js';
import { realCommands } from './commands.js';
import { readOnlyGit } from './git-command.js';
import { shellEnvironment, SHELL_HOME } from './environment.js';
import { SandboxError } from './errors.js';
import { withGuardedLs } from './ls-guard.js';
import type { SandboxExecOptions, SandboxExecResult, SandboxOptions } from './types.js';

// The just-bash side of the sandbox: create.ts imports this file on first need, never at start-up.

// sqlite3 runs a WASM engine in a worker: more attack surface than an agent over a checkout needs.
// python3 and js-exec are not enabled at all (they are off unless asked for).
const EXCLUDED_BUILTINS = new Set<string>(['sqlite3']);

/**
 * What BackingFs hands everything but a read of the workspace: an empty in-memory scratch area with the
 * workspace mounted at its real absolute path (a ReadWriteFs at `/` would write a real `dev/null` into
 * the checkout). The mount writes, moves and removes; symlinks are followed only when they resolve
 * inside the root. `workspace` must be canonical (realpath'd).
 */
export function shellFilesystem(workspace: string): MountFs {
  const scratch = new InMemoryFs({ '/dev/null': '' }, { maxTotalBytes: LIMITS.scratchBytes });
  scratch.mkdirSync('/tmp', { recursive: true });
  scratch.mkdirSync(SHELL_HOME, { recursive: true });
  const mounted = new MountableFs({ base: scratch });
  mounted.mount(workspace, new ReadWriteFs({ root: workspace, maxFileReadSize: LIMITS.readFileBytes, allowSymlinks: true }));
  return mounted;
}

/** Runs a script in the shell; never rejects for a failing command. */
export type ShellRun = (command: string, options?: SandboxExecOptions) => Promise<SandboxExecResult>;

/**
 * A just-bash shell over `fs`, the sandbox's gate, cwd = workspace, environment built from scratch.
 * The shell is built on its first script: a run whose agent never calls bash does not pay for it.
 * just-bash checks a network allow-list as the shell is built, so that one is built now, to fail here.
 */
export function shellRunner(options: SandboxOptions, workspace: string, fs: IFileSystem): ShellRun {
  const trusted = options.profile === 'trusted';
  const networkAllow = trusted ? options.networkAllow : [];
  const shellOptions: BashOptions = {
    fs,
    cwd: workspace,
    env: shellEnvironment(workspace),
    commands: getCommandNames().filter((name) => !EXCLUDED_BUILTINS.has(name)) as CommandName[],
    customCommands: withReadOnlyGit(
      withGuardedLs(trusted ? realCommands(options.commands, workspace, options.commandTimeoutMs ?? LIMITS.commandTimeoutMs) : []),
      workspace,
      options.profile,
    ),
    ...(networkAllow.length > 0 ? { network: { allowedUrlPrefixes: networkAllow, allowedMethods: ['GET', 'HEAD'] } } : {}),
    executionLimits: {
      maxOutputSize: LIMITS.shellOutputBytes,
      // Our own AbortController ends an exec; this is only the backstop.
      maxExecutionTimeMs: LIMITS.bashMaxTimeoutMs,
    },
  };
  let bash = networkAllow.length > 0 ? createShell(shellOptions) : undefined;
  return (command, execOptions) => execWithTimeout((bash ??= createShell(shellOptions)), workspace, command, execOptions ?? {});
}

/** The custom commands with the read-only `git` (git-command.ts); the agent's own allow-listed `git` becomes its fallback. */
function withReadOnlyGit(commands: CustomCommand[], workspace: string, profile: SandboxOptions['profile']): CustomCommand[] {
  const own = commands.find((command) => command.name === 'git');
  return [...commands.filter((command) => command !== own), readOnlyGit(workspace, profile, own)];
}

/** just-bash checks the network allow-list when the shell is built; its complaint names no field. */
function createShell(options: BashOptions): Bash {
  try {
    return new Bash(options);
  } catch (error) {
    const message = errorMessage(error);
    if (!options.network) throw error;
    throw new SandboxError('EINVAL', `network.allow: ${message.replace(/\s*\n\s*/g, ' ')}`);
  }
}

async function execWithTimeout(bash: Bash, workspace: string, command: string, options: SandboxExecOptions): Promise<SandboxExecResult> {
  const timeoutMs = Math.min(options.timeoutMs ?? LIMITS.bashTimeoutMs, LIMITS.bashMaxTimeoutMs);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await bash.exec(command, {
      cwd: workspace,
      env: shellEnvironment(workspace),
      replaceEnv: true,
      // The model's heredocs must keep their indentation (Python, YAML).
      rawScript: true,
      signal: controller.signal,
    });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, timedOut };
  } catch (error) {
    // just-bash re-throws a filesystem error raised by a redirection (`echo x > .git/config`)
    // instead of turning it into a failed command; the script stops there, as bash's `set -e` would.
    if (!isFilesystemError(error)) throw error;
    return { stdout: '', stderr: `bash: ${error.message}\n`, exitCode: 1, timedOut };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

// Ours carry a `code`; just-bash's own name it only at the start of the message (`EACCES: ...`).
const isFilesystemError = (error: unknown): error is Error =>
  error instanceof Error && (typeof (error as { code?: unknown }).code === 'string' || /^E[A-Z]+:/.test(error.message));
