/**
 * Where `propose_change` delivers a change set, for both hosts. Without a pull request the commit is built
 * on the checkout's HEAD and proposed into the default branch. On a pull (merge) request event a fix is for
 * that pull request: the commit is built on its head commit and proposed into its head branch, a small
 * stacked pull request its author merges. Proposed into the base from the checkout, it would carry the
 * whole pull request with it (actions/checkout takes the merge commit refs/pull/N/merge).
 *
 * The edits were made on the checkout, which is often not the head commit; they go to the head unchanged
 * only when every edited file is the same blob at HEAD as on the head. A file the base branch changed too
 * (or the pull request changed, under a checkout of another branch) is refused by name: committed, the
 * fix would carry that other version into the branch. A fork's branch is not the runner's to push to.
 * With `on-pull-request: suggestions` nothing is pushed (src/hosts/suggestions.ts): the same comparison
 * holds against the head the suggestions are placed on, and a fork's pull request takes them.
 */
import { FlueError } from '../errors.js';
import type { ChangeDelivery } from '../definitions/types.js';
import type { ChangeSet } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';

/** How a host names its pull requests, and how a user checks out one's head there. */
export interface RequestWords {
  /** `pull request`, `merge request`. */
  noun: string;
  /** `#`, `!`. */
  sign: string;
  /** What to change so the checkout is the head commit. */
  checkoutHint: string;
}

export interface ChangeTarget {
  /** The new commit's parent: the checkout's HEAD, or the pull request's head commit. */
  parent: string;
  /** The pull request's head branch; undefined: the repository's default branch. */
  branch?: string;
  /** `pull request #2`, when the change goes to one's branch (or onto it as suggestions). */
  request?: string;
  /** True when the change is posted as suggestions on the pull request, not committed. */
  suggestions?: boolean;
}

/** The paths' blob ids on `commit`; a path that is no file there is absent. */
export type BlobsAt = (commit: string, paths: string[]) => Promise<Map<string, string>>;

/** True when the change set goes to a pull (merge) request as suggestions: the policy says so and the event is one. */
export function asSuggestions(output: { onPullRequest: ChangeDelivery }, trigger: Trigger): boolean {
  return output.onPullRequest === 'suggestions' && trigger.isPullRequest && trigger.number !== undefined;
}

/**
 * The head commit suggestions are placed against (`parent`), for checkOnHead: a fork's is fine, nothing is
 * pushed. A FlueError when the event does not say it.
 */
export function suggestionTarget(trigger: Trigger, words: RequestWords): ChangeTarget & { request: string } {
  const request = `${words.noun} ${words.sign}${trigger.number}`;
  const { sha } = trigger.refs;
  if (!sha) {
    throw new FlueError(
      `propose_change: the event does not say the head commit of ${request}, so there is no diff to place suggestions on: nothing was posted.`,
    );
  }
  return { parent: sha, request, suggestions: true };
}

/** Where the change goes; a FlueError, before anything is written, when it cannot go to the pull request's branch. */
export function changeTarget(changes: ChangeSet, trigger: Trigger, words: RequestWords): ChangeTarget {
  if (!trigger.isPullRequest || trigger.number === undefined) return { parent: changes.base };
  const request = `${words.noun} ${words.sign}${trigger.number}`;
  const { head, sha, fromFork } = trigger.refs;
  if (fromFork === true) {
    throw new FlueError(
      `propose_change: ${request} comes from a fork, and the runner cannot push to a fork's branch, so the fix cannot be delivered to it: ` +
        `nothing was committed. Ask the ${words.noun}'s author to make the change, run the agent in the fork, or set ` +
        'on-pull-request: suggestions (onPullRequest in a TypeScript agent) under propose_change to post the fix as suggestions on it.',
    );
  }
  if (fromFork !== false || !head || !sha) {
    throw new FlueError(
      `propose_change: the event does not say the head branch and commit of ${request} (or whether it comes from a fork), ` +
        'so the fix has no branch to go to: nothing was committed.',
    );
  }
  return { parent: sha, branch: head, request };
}

/**
 * Refuses the change when HEAD is not the head commit and an edited file is not the same there: the edit
 * would not apply to the head unchanged. Reads nothing when HEAD is the head commit.
 */
export async function checkOnHead(changes: ChangeSet, target: ChangeTarget, words: RequestWords, blobsAt: BlobsAt): Promise<void> {
  if (target.request === undefined || target.parent === changes.base) return;
  const onHead = await blobsAt(
    target.parent,
    changes.files.map((file) => file.path),
  );
  const problems: string[] = [];
  for (const file of changes.files) {
    const there = onHead.get(file.path);
    if (there === file.blob) continue;
    if (file.blob === undefined) problems.push(`${file.path} is new in the checkout but exists on the head commit`);
    else if (there === undefined) problems.push(`${file.path} is not on the head commit`);
    else problems.push(`${file.path} differs between them`);
  }
  if (problems.length === 0) return;
  const goes = target.suggestions ? `is suggested on ${target.request}` : `goes to the branch of ${target.request}`;
  const cannot = target.suggestions
    ? `be suggested on the ${words.noun} unchanged: nothing was posted`
    : `go to the ${words.noun}'s branch unchanged: nothing was committed`;
  throw new FlueError(
    `propose_change: the fix ${goes}, whose head commit is ${short(target.parent)}, but the checkout's HEAD is ` +
      `${short(changes.base)} (a merge with the base branch, or another commit), and ${problems.join('; ')}. ` +
      `The base branch changed ${problems.length === 1 ? 'that file' : 'those files'} (or the checkout lacks the ${words.noun}'s own changes), ` +
      `so the edits cannot ${cannot}. ${words.checkoutHint}`,
  );
}

/** The body the pull request is opened with: the agent's, and a line saying whose branch it goes to. */
export function targetedBody(body: string, target: ChangeTarget): string {
  if (target.request === undefined) return body;
  return `${body}\n\nProposed into the branch of ${target.request}: merging it adds the change there.`;
}

const short = (sha: string): string => sha.slice(0, 12);
