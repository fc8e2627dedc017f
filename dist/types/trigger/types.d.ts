/**
 * The platform-neutral description of why a run happened. Every front end (GitHub event payload,
 * GitLab CI variables, a local `--event` file or `--input` JSON) produces exactly one of these;
 * nothing after the trigger stage reads a platform payload directly.
 */
export type TriggerKind = 'issue' | 'issue_comment' | 'pull_request' | 'pull_request_review' | 'pull_request_review_comment' | 'discussion' | 'discussion_comment' | 'commit_comment' | 'push' | 'schedule' | 'workflow_dispatch' | 'workflow_run' | 'manual' | 'unknown';
/**
 * How far the gate trusts an account on the repository, whatever the platform calls its levels: a writer
 * may start runs and vouch for code (GitHub: write, maintain, admin; GitLab: Developer and above by
 * default); `unknown` when the platform could not say, which the gate treats as not a writer.
 */
export type Trust = 'writer' | 'reader' | 'none' | 'unknown';
/** An account's trust, and the platform's own name for its level, for the gate's reasons ("read permission", "the Reporter role"). */
export interface Access {
    trust: Trust;
    role: string;
}
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
    /** The actor's access when already known (filled by the host during gating). */
    actorAccess?: Access;
    comment?: TriggerComment;
    refs: TriggerRefs;
    /** Free-form inputs: `--input` JSON locally, `workflow_dispatch` inputs on GitHub. */
    inputs: Record<string, unknown>;
}
