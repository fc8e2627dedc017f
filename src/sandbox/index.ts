/**
 * The sandbox's filesystem is three layers of ours over just-bash's, built once per run by create.ts.
 * GatedFs (gated-fs.ts) is the one gate: every call of the file tools and of the shell (builtins,
 * redirections) passes through it, and it alone enforces the policy that policy.ts builds from the
 * agent's settings: nothing under a `.git` at any depth nor `gha-creds-*.json` is read, judged on the
 * path as written and as symlinks resolve it; the protected paths (PROTECTED_PATHS and the agent's own)
 * are never written, nor is anything when the agent does not list `write`; writes spend the run's quota
 * (write-quota.ts); copies, and moves between the workspace and the scratch area, go file by file
 * through the gate (tree-copy.ts). Under it, BackingFs (backing-fs.ts) places the checkout at its real
 * absolute path over the shell's in-memory scratch area and checks nothing itself. It sends every read
 * inside the workspace to WorkspaceReader (workspace-reader.ts), which reads as just-bash's ReadWriteFs
 * would (a symlink that leaves the workspace reads as missing) but in synchronous system calls (a
 * thread-pool trip per call cost a millisecond a turn), and on a pull-request run serves the definition
 * paths from the base commit's copy; everything else (a write, the scratch area) goes to just-bash's
 * MountableFs with a plain ReadWriteFs mounted at the workspace. shell.ts builds that mount and the shell;
 * it and the two files only it imports (commands.ts, ls-guard.ts: `ls` never globs a second time) are
 * the only ones that load just-bash, and create.ts imports shell.ts dynamically on first need, so
 * start-up, and a run whose agent only reads, never load it (scripts/build.mjs fails the build if
 * just-bash reaches dist/core.js).
 */
export { createSandbox } from './create.js';
export { DEFINITION_PATHS, PROTECTED_PATHS, UNREADABLE_PATHS } from './policy.js';
export { resolveInWorkspace } from './workspace.js';
export { SandboxError, isSandboxError } from './errors.js';
export type { Sandbox, SandboxExecOptions, SandboxExecResult, SandboxFs, SandboxOptions, SandboxProfile } from './types.js';
