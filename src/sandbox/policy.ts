import * as path from 'node:path';
import type { SandboxOptions } from './types.js';

/**
 * Paths that stay read-only even when the agent may write. `.git/` holds hooks and config that run
 * code later; `.github/workflows/` would let the agent grant itself secrets on the next run; on a
 * pull request `.flue/` is the agent's own definition, which a PR must not rewrite for the next run.
 */
export function defaultProtectedPaths(isPullRequest: boolean): string[] {
  return isPullRequest ? ['.git/', '.github/workflows/', '.flue/'] : ['.git/', '.github/workflows/'];
}

/**
 * Paths nothing in the sandbox may read. actions/checkout persists the job's token in
 * `.git/config` (`http.<url>.extraheader`), so a `cat .git/config` would hand it to the model.
 */
const UNREADABLE_PATHS = ['.git/config'];

/** How far a mutation reaches: one entry (write, mkdir), or a whole tree (rm -r, mv, cp -r). */
export type MutationScope = 'entry' | 'tree';

export interface PathPolicy {
  /** Real absolute path of the workspace. */
  workspace: string;
  writable: boolean;
  /** Why the workspace is read-only, shown in every refusal. */
  readOnlyReason: string;
  protectedPaths: string[];
}

/** The policy of a sandbox over `workspace` (its real path): writable only when trusted and the agent lists `write`. */
export function sandboxPolicy(options: Pick<SandboxOptions, 'profile' | 'allowWrite' | 'protectedPaths'>, workspace: string): PathPolicy {
  const trusted = options.profile === 'trusted';
  return {
    workspace,
    writable: trusted && options.allowWrite,
    readOnlyReason: trusted
      ? 'read-only: the agent does not list `write`'
      : 'read-only: this run uses the untrusted profile',
    protectedPaths: options.protectedPaths,
  };
}

/** Where a normalized absolute path sits relative to the workspace. */
type Placement = { kind: 'inside'; relative: string } | { kind: 'ancestor' } | { kind: 'outside' };

export function placement(workspace: string, target: string): Placement {
  if (target === workspace) return { kind: 'inside', relative: '' };
  if (target.startsWith(`${workspace}/`)) return { kind: 'inside', relative: target.slice(workspace.length + 1) };
  if (target === '/' || workspace.startsWith(`${target}/`)) return { kind: 'ancestor' };
  return { kind: 'outside' };
}

// Compared case-insensitively: on macOS runners `.GIT/config` is the same file as `.git/config`.
const normalizeEntry = (entry: string): string =>
  path.posix.normalize(entry).replace(/^\.\/+/, '').replace(/\/+$/, '').toLowerCase();

const isWithin = (relative: string, prefix: string): boolean =>
  relative === prefix || relative.startsWith(`${prefix}/`);

/**
 * Why a mutation of `target` (normalized, absolute) is refused, or undefined when it is allowed.
 * Outside the workspace is the shell's in-memory scratch area, so nothing there is refused.
 */
export function mutationRefusal(policy: PathPolicy, target: string, scope: MutationScope): string | undefined {
  const where = placement(policy.workspace, target);
  if (where.kind === 'outside') return undefined;
  if (!policy.writable) return policy.readOnlyReason;
  const relative = where.kind === 'ancestor' ? '' : where.relative.toLowerCase();
  for (const entry of policy.protectedPaths) {
    const prefix = normalizeEntry(entry);
    if (prefix === '' || prefix === '.') continue;
    if (where.kind === 'inside' && isWithin(relative, prefix)) return `protected path ${entry}`;
    if (scope === 'tree' && (relative === '' || prefix.startsWith(`${relative}/`))) {
      return `protected path ${entry} is inside it`;
    }
  }
  return undefined;
}

/** Why reading `target` is refused, or undefined. `scope: 'tree'` also refuses a directory holding such a path (cp -r). */
export function readRefusal(workspace: string, target: string, scope: MutationScope): string | undefined {
  const where = placement(workspace, target);
  if (where.kind === 'outside') return undefined;
  const relative = where.kind === 'ancestor' ? '' : where.relative.toLowerCase();
  for (const entry of UNREADABLE_PATHS) {
    if (where.kind === 'inside' && isWithin(relative, entry)) return `${entry} may hold the job's credentials`;
    if (scope === 'tree' && (relative === '' || entry.startsWith(`${relative}/`))) {
      return `${entry} inside it may hold the job's credentials`;
    }
  }
  return undefined;
}

/** The path as the model should see it: workspace-relative inside the workspace, absolute outside. */
export function displayPath(workspace: string, target: string): string {
  const where = placement(workspace, target);
  if (where.kind !== 'inside') return target;
  return where.relative === '' ? '.' : where.relative;
}
