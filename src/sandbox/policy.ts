import { pathRule, type PathRule } from './path-rules.js';
import type { SandboxOptions } from './types.js';

/**
 * Paths that stay read-only on every run, even when the agent lists `write`. Each one decides what
 * code runs, or who reviews, once a later step commits the tree, or a later run reads it.
 * Rules: see path-rules.ts (`**\/` matches at any depth; compared case-insensitively).
 */
export const PROTECTED_PATHS: readonly string[] = [
  // Any repository's internals: hooks and config (core.fsmonitor, core.pager) run code at the next git
  // command. That holds for a nested repository's or a submodule's `.git` (a directory or a gitfile),
  // and for one made anywhere: `git status` runs git in every submodule it finds.
  '**/.git',
  // Workflows (the next run would grant the agent secrets), composite actions, CODEOWNERS, dependabot:
  // all of `.github/` is CI configuration or review policy.
  '.github/',
  // The other two places GitHub reads CODEOWNERS from.
  'CODEOWNERS',
  'docs/CODEOWNERS',
  // GitLab CI: the pipeline, and the folder of its includes, templates and CODEOWNERS.
  '.gitlab-ci.yml',
  '.gitlab/',
  // Agent definitions, this runner's and those of the other agents that read the same tree (Claude
  // Code, Codex): an agent that rewrites them rewrites its own next run, or another agent's.
  '.flue/',
  '.agents/',
  '.claude/',
  'AGENTS.md',
  'CLAUDE.md',
  // The git hooks husky installs: they run on the next commit.
  '.husky/',
  // What runs on a developer's machine or in a codespace when the tree is opened: a dev container's
  // lifecycle commands (postCreateCommand, in Codespaces without a prompt; its configuration is read from
  // `.devcontainer/` or from `.devcontainer.json` at the root) and VS Code's tasks (`runOn: folderOpen`),
  // launch configurations and settings that name programs.
  '.devcontainer/',
  '.devcontainer.json',
  '.vscode/',
  // Attributes pick filters and diff drivers (`filter=`, `diff=`) and can hide a change from review
  // (`linguist-generated`); every folder can hold one.
  '**/.gitattributes',
  // Submodule URLs and paths: the next `git submodule update` clones and checks out what it names.
  '.gitmodules',
];

/**
 * Paths nothing in the sandbox reads: no tool, no shell command, in any profile, by any path (the
 * gate checks each path in its symlink-resolved form too). `reason` ends every refusal.
 */
export const UNREADABLE_PATHS: ReadonlyArray<{ path: string; reason: string }> = [
  // Every repository's internals, at any depth. actions/checkout writes the job's token into the config
  // of each repository it checks out (`http.<url>.extraheader`): `.git/config`, a submodule's
  // `.git/modules/<name>/config`, a `path:` checkout's `<path>/.git/config`; worktrees add
  // `config.worktree`, other steps credential files (`credential.helper store --file`) or configs that
  // `include.path` pulls in. Nothing in the sandbox needs `.git/`: the file tools skip it, and git is
  // a real command (`commands:`) that reads the disk itself. So all of it is refused, not a list of
  // the places a credential is known to sit today.
  { path: '**/.git', reason: "a repository's internals may hold the job's credentials" },
  // google-github-actions/auth writes its credentials file into the workspace root: a service account
  // key, or with workload identity federation the request token for the job's OIDC tokens.
  { path: 'gha-creds-*.json', reason: 'a cloud credentials file' },
];

/**
 * Where a pull-request run's definitions live. The runner reads them from the base commit (a copy
 * under `definitionsRoot`); the sandbox then serves that copy at these workspace paths, read-only, so
 * a skill's resource files are the base's too and the PR's own versions are out of reach.
 */
export const DEFINITION_PATHS: readonly string[] = ['.flue', '.agents', '.claude', 'AGENTS.md', 'CLAUDE.md'];

const PROTECTED_RULES = PROTECTED_PATHS.map(pathRule);
const UNREADABLE_RULES = UNREADABLE_PATHS.map((entry) => ({ rule: pathRule(entry.path), reason: entry.reason }));

/** Names that make a path unreadable at any depth: a tree holding one cannot be moved or copied whole. */
export const UNREADABLE_NAMES = anyDepthNames(UNREADABLE_RULES.map((entry) => entry.rule));

/** How far a mutation reaches: one entry (write, mkdir), or a whole tree (rm -r, mv). */
export type MutationScope = 'entry' | 'tree';

export interface PathPolicy {
  /** Real absolute path of the workspace. */
  workspace: string;
  writable: boolean;
  /** Why the workspace is read-only, shown in every refusal. */
  readOnlyReason: string;
  protectedRules: readonly PathRule[];
  /** Names protected at any depth: a tree holding one may not be removed or moved. */
  protectedNames: ReadonlySet<string>;
}

/** The policy of a sandbox over `workspace` (its real path): writable only when trusted and the agent lists `write`. */
export function sandboxPolicy(options: Pick<SandboxOptions, 'profile' | 'allowWrite' | 'protectedPaths'>, workspace: string): PathPolicy {
  const trusted = options.profile === 'trusted';
  const protectedRules = [...PROTECTED_RULES, ...(options.protectedPaths ?? []).map(pathRule)];
  return {
    workspace,
    writable: trusted && options.allowWrite,
    readOnlyReason: trusted ? 'read-only: the agent does not list `write`' : 'read-only: this run uses the untrusted profile',
    protectedRules,
    protectedNames: anyDepthNames(protectedRules),
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

/**
 * Why a mutation of `target` (normalized, absolute) is refused, or undefined when it is allowed.
 * Outside the workspace is the shell's in-memory scratch area, so nothing there is refused. For a
 * tree, this sees the rules rooted at a fixed place; the gate walks the tree for the any-depth names.
 */
export function mutationRefusal(policy: PathPolicy, target: string, scope: MutationScope): string | undefined {
  const where = placement(policy.workspace, target);
  if (where.kind === 'outside') return undefined;
  if (!policy.writable) return policy.readOnlyReason;
  const relative = where.kind === 'ancestor' ? '' : where.relative;
  for (const rule of policy.protectedRules) {
    if (where.kind === 'inside' && rule.covers(relative)) return `protected path ${rule.pattern}`;
    if (scope === 'tree' && rule.mayBeInside(relative)) return `protected path ${rule.pattern} is inside it`;
  }
  return undefined;
}

/** Why reading `target` (normalized, absolute) is refused, or undefined. */
export function readRefusal(workspace: string, target: string): string | undefined {
  const where = placement(workspace, target);
  if (where.kind !== 'inside') return undefined;
  const entry = UNREADABLE_RULES.find(({ rule }) => rule.covers(where.relative));
  return entry ? `${entry.rule.pattern}: ${entry.reason}` : undefined;
}

/** The path as the model should see it: workspace-relative inside the workspace, absolute outside. */
export function displayPath(workspace: string, target: string): string {
  const where = placement(workspace, target);
  if (where.kind !== 'inside') return target;
  return where.relative === '' ? '.' : where.relative;
}

function anyDepthNames(rules: readonly PathRule[]): ReadonlySet<string> {
  return new Set(rules.flatMap((rule) => (rule.anyDepthName === undefined ? [] : [rule.anyDepthName])));
}
