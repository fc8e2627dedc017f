/**
 * The platform-neutral description of why a run happened. Every front end (GitHub event payload,
 * GitLab CI variables, a local `--event` file or `--input` JSON) produces exactly one of these;
 * nothing after the trigger stage reads a platform payload directly.
 */
export type TriggerKind = 'issue' | 'issue_comment' | 'pull_request' | 'pull_request_review' | 'pull_request_review_comment' | 'discussion' | 'discussion_comment' | 'commit_comment' | 'push' | 'schedule' | 'workflow_dispatch' | 'workflow_run' | 'manual' | 'unknown';
/** Repository permission of an actor, as GitHub's collaborator-permission API names it. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none' | 'unknown';
/**
 * Text someone posted that the event is about: a comment, a review's body. Any trigger that has one is
 * gated as a comment (trigger phrase, and a writer), whatever its kind.
 */
export interface TriggerComment {
    id: number;
    body: string;
    author: string;
    /** Set when the comment author is a bot account (`type: Bot` or a `[bot]` login). */
    authorIsBot: boolean;
    url?: string;
    /** File and line a pull-request review comment is attached to. */
    path?: string;
    line?: number;
}
export interface TriggerRefs {
    /** Base branch of a pull request, or the pushed branch. */
    base?: string;
    /** Head branch of a pull request. */
    head?: string;
    /** Commit the run is about (PR head sha, pushed sha). */
    sha?: string;
    /** Base commit of a pull request. */
    baseSha?: string;
    /** True when a pull request comes from a fork: its author controls the head. */
    fromFork?: boolean;
}
export interface Trigger {
    kind: TriggerKind;
    /** The platform's own event name (`issues`, `issue_comment`, ...), kept for logs and agents. */
    eventName: string;
    /** The event's action (`opened`, `created`, ...), when it has one. */
    action?: string;
    repository: {
        owner: string;
        name: string;
    };
    /**
     * Issue, pull request or merge request number: what comments, labels and reviews are posted on.
     * A discussion's number is not one (`/issues/<n>` would be another thread): see `discussion`.
     */
    number?: number;
    /** The discussion a `discussion` or `discussion_comment` event is about; its comments go through GraphQL. */
    discussion?: {
        number: number;
        nodeId?: string;
    };
    /** True when `number` names a pull/merge request rather than an issue. */
    isPullRequest: boolean;
    title?: string;
    body?: string;
    labels: string[];
    url?: string;
    /** Who caused the event (the comment author for comment events). */
    actor: string;
    actorIsBot: boolean;
    /** Author of the issue or pull request; for `workflow_run`, the actor of the upstream run. */
    author?: string;
    /** The actor's permission when already known (filled by the host during gating). */
    actorPermission?: Permission;
    comment?: TriggerComment;
    refs: TriggerRefs;
    /** Free-form inputs: `--input` JSON locally, `workflow_dispatch` inputs on GitHub. */
    inputs: Record<string, unknown>;
}
