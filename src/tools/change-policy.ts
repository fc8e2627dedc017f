/**
 * What a change set may hold under the agent's `propose_change` policy (pure: the tool checks it when the
 * agent proposes, the publish stage again before anything is committed). Some paths are never committed
 * whatever the policy says: a workflow runs with the repository's secrets on the next push, GitLab's
 * pipeline likewise, `.flue/` is the agents' own definitions (an agent that rewrites them rewrites its
 * next run), and `.git/` is no file of the tree. Matched without case: on macOS and Windows checkouts
 * `.GitHub/Workflows/x.yml` is the same file.
 */
import type { ChangePolicy } from '../definitions/types.js';
import { compileGlobList } from '../patterns/glob.js';
import { plural } from '../text/index.js';
import type { ChangeSet } from './types.js';

export const ALWAYS_PROTECTED_CHANGE_PATHS: readonly string[] = ['.github/workflows/**', '.gitlab-ci.yml', '.flue/**', '.git/**', '**/.git/**'];

export type ChangeCheck = { ok: true } | { ok: false; message: string };

export function checkChangeSet(policy: ChangePolicy, changes: ChangeSet): ChangeCheck {
  const { files } = changes;
  if (files.length === 0) {
    return { ok: false, message: 'propose_change: the checkout has no changes against HEAD; edit the files first (git status shows them)' };
  }
  const isProtected = compileGlobList([...ALWAYS_PROTECTED_CHANGE_PATHS, ...policy.protectedPaths], { nocase: true });
  const refused = files.filter((file) => isProtected(file.path)).map((file) => file.path);
  if (refused.length > 0) {
    return {
      ok: false,
      message:
        `propose_change: ${plural(refused.length, 'path')} ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} protected and never committed ` +
        `(protected: ${[...ALWAYS_PROTECTED_CHANGE_PATHS, ...policy.protectedPaths].join(', ')}); undo ${refused.length === 1 ? 'that change' : 'those changes'} and propose again`,
    };
  }
  if (files.length > policy.maxFiles) {
    return {
      ok: false,
      message: `propose_change: ${files.length} files changed; the policy allows at most ${policy.maxFiles} (max-files). Propose a smaller change`,
    };
  }
  const lines = files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
  if (lines > policy.maxLines) {
    return {
      ok: false,
      message: `propose_change: ${lines} lines changed; the policy allows at most ${policy.maxLines} (max-lines). Propose a smaller change`,
    };
  }
  return { ok: true };
}
