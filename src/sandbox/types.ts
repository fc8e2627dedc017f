import type { IFileSystem } from 'just-bash';

/** `untrusted` runs for events a stranger can cause: read-only, no real commands, no network. */
export type SandboxProfile = 'trusted' | 'untrusted';

export interface SandboxOptions {
  /** Absolute path of the checkout the agent works on. */
  workspace: string;
  profile: SandboxProfile;
  /** Writes to the workspace (the agent lists `write`). Ignored under the untrusted profile. */
  allowWrite: boolean;
  /**
   * Real processes the agent may run, as entries of the grammar in definitions/command-entry.ts: `npm test`
   * allows exactly `npm test`; `git diff {args}` allows operands after `git diff`, never an option.
   * Ignored under the untrusted profile.
   */
  commands: string[];
  /** URL prefixes `curl` may GET/HEAD. Empty: no network. Ignored under the untrusted profile. */
  networkAllow: string[];
  /**
   * Paths kept read-only even when writes are allowed, on top of PROTECTED_PATHS (policy.ts), which
   * every sandbox protects; same rules (path-rules.ts).
   */
  protectedPaths?: string[];
  /**
   * Where the run's definitions were read from, when not the workspace (a pull-request run's copy of
   * the base commit): the sandbox then serves `.flue/`, `.agents/`, `.claude/`, AGENTS.md and
   * CLAUDE.md from it, read-only, at their workspace paths, and the checkout's own are out of reach.
   */
  definitionsRoot?: string;
  /** Wall time of one real process; default LIMITS.commandTimeoutMs. */
  commandTimeoutMs?: number;
}

export interface SandboxExecOptions {
  /** Aborts the command (and kills any real process it started). */
  signal?: AbortSignal;
  /** Default LIMITS.bashTimeoutMs, at most LIMITS.bashMaxTimeoutMs. */
  timeoutMs?: number;
}

export interface SandboxExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The command ran past its timeout and was stopped. */
  timedOut: boolean;
}

/** The gated filesystem; it always lists directories with file types (grep and glob walk with it). */
export type SandboxFs = IFileSystem & Required<Pick<IFileSystem, 'readdirWithFileTypes' | 'readFileBytes'>>;

export interface Sandbox {
  /** Real absolute path of the workspace (symlinks resolved); also its path inside the shell. */
  readonly workspace: string;
  readonly profile: SandboxProfile;
  /** Whether the workspace is writable at all (protected paths never are). */
  readonly writable: boolean;
  /** The gated filesystem the shell uses; every file tool must go through it too. */
  readonly fs: SandboxFs;
  /**
   * Absolute path of a workspace-relative (or absolute, inside the workspace) path.
   * Throws a SandboxError naming the path when it escapes the workspace.
   */
  resolve(path: string): string;
  /** Runs a script in the just-bash shell, cwd = workspace, environment built from scratch. Never rejects for a failing command. */
  exec(command: string, options?: SandboxExecOptions): Promise<SandboxExecResult>;
  /** Loads just-bash and builds the shell now (a network allow-list is checked then); later calls return the same. */
  load(): Promise<Sandbox>;
  /** Whether just-bash has been loaded: an agent that only reads the workspace never loads it. */
  readonly loaded: boolean;
}
