/**
 * What a change set may hold under the agent's `propose_change` policy (pure: the tool checks it when the
 * agent proposes, the publish stage again before anything is committed). Never committed, whatever the
 * policy says: the paths the sandbox keeps read-only on every run (PROTECTED_PATHS: `.git` at any depth,
 * `.github/` with its workflows, `.gitlab-ci.yml`, `.flue/` and the other agents' definitions, CODEOWNERS,
 * hooks, attributes, submodules), by the sandbox's own rules. The sandbox reasons that each decides what
 * code runs, or who reviews, once a later step commits the tree; a commit of the runner's is that step.
 * A real command (`commands:`) writes past the sandbox, so this check, not the sandbox, keeps them out of
 * a commit. Then the agent's own `protected-paths` globs. Both matched without case: on macOS and Windows
 * checkouts `.GitHub/Workflows/x.yml` is the same file.
 *
 * A symlink is committed as a link (change-set.ts), and whatever later reads the branch through it (a CI
 * job's tests, an artifact upload, a docs build, a bot that writes back) reads or writes what it points
 * at: so a link whose target leaves the repository (`/proc/self/environ`, `../../.ssh/id_rsa`) or lands
 * on a path that is never committed (`../.git/config`, where the checkout keeps the job's token) is
 * refused like that path.
 */
import path from 'node:path';
import type { ChangePolicy } from '../definitions/types.js';
import { compileGlob } from '../patterns/glob.js';
import { pathRule } from '../sandbox/path-rules.js';
import { PROTECTED_PATHS, UNREADABLE_PATHS } from '../sandbox/policy.js';
import type { ChangeSet, FileChange } from './types.js';

const ALWAYS_PROTECTED = PROTECTED_PATHS.map(pathRule);
/**
 * What no tool may read (a repository's internals, a cloud credentials file a step wrote into the
 * checkout): the runner reads the change set from the disk itself, so it must never commit them either.
 */
const NEVER_COMMITTED = UNREADABLE_PATHS.map((entry) => ({ rule: pathRule(entry.path), reason: entry.reason }));

export type ChangeCheck = { ok: true } | { ok: false; message: string };

export function checkChangeSet(policy: ChangePolicy, changes: ChangeSet): ChangeCheck {
  const { files } = changes;
  if (files.length === 0) {
    return { ok: false, message: 'propose_change: the checkout has no changes against HEAD; edit the files first (git status shows them)' };
  }
  // The session log keeps no content (loggedOutput), so a change set restored from it (`run --resume`) has none:
  // committing it would write empty files, or delete them. It is refused; its files are named.
  const empty = files.filter((file) => file.status !== 'deleted' && file.content === undefined).map((file) => file.path);
  if (empty.length > 0) {
    return {
      ok: false,
      message: `propose_change: the change set holds no content for ${empty.join(', ')} (one restored from a session log by --resume keeps none); run the agent again to propose it`,
    };
  }
  const refused = files.flatMap((file) => {
    const rule = protectingRule(file.path, policy.protectedPaths);
    return rule === undefined ? [] : [`${file.path} (${rule})`];
  });
  if (refused.length > 0) {
    const one = refused.length === 1;
    return {
      ok: false,
      message: `propose_change: ${one ? 'path' : 'paths'} ${refused.join(', ')} ${one ? 'is' : 'are'} protected and never committed; undo ${one ? 'that change' : 'those changes'} and propose again`,
    };
  }
  const links = files.flatMap((file) => {
    const problem = linkProblem(file, policy.protectedPaths);
    return problem === undefined ? [] : [problem];
  });
  if (links.length > 0) {
    const one = links.length === 1;
    return {
      ok: false,
      message:
        `propose_change: ${links.join('; ')}. A symlink is committed as a link, and whatever later reads the branch through it reads ` +
        `what it points at; remove ${one ? 'that link' : 'those links'} and propose again`,
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

/** Why the symlink `file` may not be committed (its target leaves the repository or is protected); undefined for any other file. */
function linkProblem(file: FileChange, globs: readonly string[]): string | undefined {
  if (file.mode !== '120000' || file.content === undefined) return undefined;
  const written = Buffer.from(file.content, 'base64').toString();
  const target = written.replaceAll('\\', '/');
  const link = `symlink ${file.path} -> ${JSON.stringify(written).slice(1, -1)}`;
  // A drive letter or a leading slash: an absolute path on the runner, or on whichever machine checks the branch out.
  if (path.posix.isAbsolute(target) || /^[A-Za-z]:/.test(target)) return `${link} leads outside the repository`;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), target));
  if (resolved === '..' || resolved.startsWith('../')) return `${link} leads outside the repository`;
  // The root holds `.git`: a link to it reaches the token as `link/.git/config`.
  if (resolved === '.') return `${link} leads to the repository's root, which holds .git`;
  const rule = protectingRule(resolved, globs);
  return rule === undefined ? undefined : `${link} leads to ${resolved} (${rule})`;
}

/** The rule that protects `file`: `always: <sandbox rule>`, or `protected-paths: <glob>`; undefined when none does. */
function protectingRule(file: string, globs: readonly string[]): string | undefined {
  const always = ALWAYS_PROTECTED.find((rule) => rule.covers(file));
  if (always !== undefined) return `always protected: ${always.pattern}`;
  const unreadable = NEVER_COMMITTED.find((entry) => entry.rule.covers(file));
  if (unreadable !== undefined) return `never committed: ${unreadable.rule.pattern}, ${unreadable.reason}`;
  const own = globs.find((glob) => {
    const compiled = compileGlob(glob, { nocase: true });
    return compiled.ok && compiled.value(file);
  });
  return own === undefined ? undefined : `protected-paths: ${own}`;
}
