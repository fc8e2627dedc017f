import { Bash, InMemoryFs, MountableFs, getCommandNames, type BashOptions, type CommandName } from 'just-bash';
import { LIMITS } from '../limits.js';
import { realCommands } from './commands.js';
import { shellEnvironment, SHELL_HOME } from './environment.js';
import { SandboxError } from './errors.js';
import { GatedFs } from './gated-fs.js';
import { withGuardedLs } from './ls-guard.js';
import { sandboxPolicy } from './policy.js';
import type { Sandbox, SandboxExecOptions, SandboxExecResult, SandboxOptions } from './types.js';
import { realWorkspace, resolveInWorkspace, servedDefinitions } from './workspace.js';
import { WorkspaceFs } from './workspace-fs.js';

// sqlite3 runs a WASM engine in a worker: more attack surface than an agent over a checkout needs.
// python3 and js-exec are not enabled at all (they are off unless asked for).
const EXCLUDED_BUILTINS = new Set<string>(['sqlite3']);

/**
 * The sandbox: a just-bash shell whose filesystem is an empty in-memory scratch area with the
 * workspace mounted at its real absolute path (a ReadWriteFs at `/` would write a real `dev/null`
 * into the checkout). Every access goes through one GatedFs; the environment is built from scratch.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const workspace = realWorkspace(options.workspace);
  const definitions = servedDefinitions(workspace, options.definitionsRoot);
  const trusted = options.profile === 'trusted';
  const policy = sandboxPolicy(options, workspace);

  const scratch = new InMemoryFs({ '/dev/null': '' }, { maxTotalBytes: LIMITS.scratchBytes });
  scratch.mkdirSync('/tmp', { recursive: true });
  scratch.mkdirSync(SHELL_HOME, { recursive: true });
  const mounted = new MountableFs({ base: scratch });
  // Symlinks are followed only when they resolve inside the root; one pointing outside reads as missing.
  // A pull-request run's definitions come from the base commit's copy, read-only (see WorkspaceReader).
  mounted.mount(workspace, new WorkspaceFs({ root: workspace, maxFileReadSize: LIMITS.readFileBytes, definitions }));
  const gated = new GatedFs(mounted, policy, LIMITS.workspaceWriteBytes);

  const networkAllow = trusted ? options.networkAllow : [];
  const shellOptions: BashOptions = {
    fs: gated,
    cwd: workspace,
    env: shellEnvironment(workspace),
    commands: getCommandNames().filter((name) => !EXCLUDED_BUILTINS.has(name)) as CommandName[],
    customCommands: withGuardedLs(
      trusted ? realCommands(options.commands, workspace, options.commandTimeoutMs ?? LIMITS.commandTimeoutMs) : [],
    ),
    ...(networkAllow.length > 0 ? { network: { allowedUrlPrefixes: networkAllow, allowedMethods: ['GET', 'HEAD'] } } : {}),
    executionLimits: {
      maxOutputSize: LIMITS.shellOutputBytes,
      // Our own AbortController ends an exec; this is only the backstop.
      maxExecutionTimeMs: LIMITS.bashMaxTimeoutMs,
    },
  };
  // The shell is built on the first exec: a run whose agent never calls bash does not pay for it.
  // just-bash checks a network allow-list as the shell is built, so that one is built now, to fail here.
  let bash = networkAllow.length > 0 ? createShell(shellOptions) : undefined;

  return {
    workspace,
    profile: options.profile,
    writable: policy.writable,
    fs: gated,
    resolve: (file) => resolveInWorkspace(workspace, file),
    exec: async (command, execOptions) =>
      execWithTimeout((bash ??= createShell(shellOptions)), workspace, command, execOptions ?? {}),
  };
}

/** just-bash checks the network allow-list when the shell is built; its complaint names no field. */
function createShell(options: BashOptions): Bash {
  try {
    return new Bash(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!options.network) throw error;
    throw new SandboxError('EINVAL', `network.allow: ${message.replace(/\s*\n\s*/g, ' ')}`);
  }
}

async function execWithTimeout(
  bash: Bash,
  workspace: string,
  command: string,
  options: SandboxExecOptions,
): Promise<SandboxExecResult> {
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
