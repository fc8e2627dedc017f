import type * as v from 'valibot';
import type { ProposedOutput } from '../tools/types.js';
type AnySchema = v.GenericSchema;
export interface ShellResult {
    stdout: string;
    stderr: string;
    exitCode: number;
}
/**
 * Why a run happened, the same on GitHub, GitLab and locally. The runner's own kinds must all be here:
 * src/harness/agent-event.ts does not compile when the runner gains one this type lacks.
 */
export type EventKind = 'issue' | 'issue_comment' | 'pull_request' | 'pull_request_review' | 'pull_request_review_comment' | 'discussion' | 'discussion_comment' | 'commit_comment' | 'push' | 'schedule' | 'workflow_dispatch' | 'workflow_run' | 'manual' | 'unknown';
/** The comment (or review body) an event is about. */
export interface EventComment {
    readonly id: number;
    /** A stranger's words: data, never instructions. */
    readonly body: string;
    readonly author: string;
    readonly authorIsBot: boolean;
    readonly url?: string;
    /** File and line a pull-request review comment is attached to. */
    readonly path?: string;
    readonly line?: number;
}
/**
 * The event a run is about, `ctx.event`: the same fields whatever the platform. A copy, frozen: changing
 * it changes nothing about where outputs go. `title`, `body`, `comment`, `labels`, `refs.head` and
 * `inputs` can be a stranger's words: handle them as data. The model already sees them in every
 * `ctx.prompt`, marked as untrusted; pasting them into a prompt's text puts them where your
 * instructions go.
 */
export interface AgentEvent {
    readonly kind: EventKind;
    /** The platform's own event name (`issues`, `issue_comment`, `pull_request`, `merge_request`, ...). */
    readonly eventName: string;
    /** The event's action (`opened`, `created`, ...), when it has one. */
    readonly action?: string;
    readonly repository: {
        readonly owner: string;
        readonly name: string;
    };
    /** The issue, pull request or merge request number: what comments, labels and reviews go on. */
    readonly number?: number;
    /** True when `number` is a pull or merge request. */
    readonly isPullRequest: boolean;
    /** The discussion a `discussion` or `discussion_comment` event is about. */
    readonly discussion?: {
        readonly number: number;
    };
    readonly title?: string;
    readonly body?: string;
    readonly labels: readonly string[];
    readonly url?: string;
    /** Who caused the event (the comment author for comment events). */
    readonly actor: string;
    readonly actorIsBot: boolean;
    /** Author of the issue or pull request. */
    readonly author?: string;
    readonly comment?: EventComment;
    readonly refs: {
        /** Base branch of a pull request, or the pushed branch. */
        readonly base?: string;
        /** Head branch of a pull request (named by its author, a fork's included). */
        readonly head?: string;
        /** Commit the run is about (the head of a pull request, the pushed commit). */
        readonly sha?: string;
        /** Base commit of a pull request. */
        readonly baseSha?: string;
        /** True when the pull request comes from a fork. */
        readonly fromFork?: boolean;
    };
    /** `--input` JSON locally, the `input` input or `workflow_dispatch` inputs in CI. */
    readonly inputs: Readonly<Record<string, unknown>>;
}
/** An earlier comment of the thread the event is in. */
export interface ThreadComment {
    readonly author: string;
    /** A stranger's words: data, never instructions. */
    readonly body: string;
    /** ISO 8601, when the platform gave it. */
    readonly createdAt?: string;
}
/** One file a pull or merge request changes. */
export interface ChangedFile {
    /** Repository-relative, chosen by the pull request's author. */
    readonly path: string;
    /** The platform's word: `added`, `modified`, `removed`, `renamed`, ... */
    readonly status: string;
    readonly additions: number;
    readonly deletions: number;
    /**
     * The unified diff of the file, cut at `caps.patchChars` with a marker. Absent for a binary file, a
     * diff the platform would not send, or once the run's `caps.patchesChars` were used: read the file.
     */
    readonly patch?: string;
}
/** The changed files of the pull or merge request a run is about, `ctx.diff`. */
export interface PullRequestDiff {
    /** In the platform's order, at most `caps.files` of them. */
    readonly files: readonly ChangedFile[];
    /** How many files the pull request changes: more than `files.length` when the list was cut. */
    readonly totalFiles: number;
    /** The limits the runner fetched the diff under, so an agent can say what it did not see. */
    readonly caps: {
        readonly files: number;
        readonly patchChars: number;
        readonly patchesChars: number;
    };
}
type SubmitReview = Extract<ProposedOutput, {
    kind: 'submit_review';
}>;
/** What `ctx.outputs.submitReview` takes. */
export type ReviewProposal = Pick<SubmitReview, 'body'> & Partial<Pick<SubmitReview, 'event' | 'comments'>>;
/** What `ctx.outputs.proposeChange` takes: the `propose_change` tool's input. */
export interface ChangeRequest {
    /** One line: the commit subject and the pull (merge) request's title. */
    title: string;
    /** The pull (merge) request's description. */
    body: string;
}
/**
 * What `ctx.outputs.proposeChange` resolves to. Accepted: the proposal's id, the files of the change set
 * (paths as git shows them, sorted), the lines changed (added plus deleted) and how it will be delivered:
 * `suggestions` on a pull (merge) request event when the policy says `on-pull-request: suggestions`, else
 * `branch` (a new branch and pull request). Refused: the same message the model would read (a protected
 * path named with its rule, too many files or lines, no change, not declared, an untrusted run); nothing of
 * it is committed.
 */
export type ChangeProposal = {
    readonly ok: true;
    readonly id: string;
    readonly files: readonly string[];
    readonly lines: number;
    readonly delivery: 'branch' | 'suggestions';
} | {
    readonly ok: false;
    readonly message: string;
};
/** Options of `ctx.prompt`, `ctx.skill` and `ctx.task`. */
export interface PromptOptions {
    /**
     * `false`: the message is your text alone. By default the event, the thread and the diff come first,
     * fenced as untrusted data, exactly as a markdown agent's first message has them.
     */
    event?: boolean;
}
/**
 * What a TS agent's `run(ctx)` receives. Every call goes through the same sandbox, limits, session
 * log and output policy as a markdown agent: code-driven workflows get no extra authority.
 */
export interface AgentContext {
    /** The event of this run (issue, comment, pull request, ...). */
    readonly event: AgentEvent;
    /**
     * Earlier comments of the event's thread, oldest first, without the triggering comment and the
     * runner's own comments; the newest 30 within 30,000 characters. Empty when the front end fetched
     * none (a local run).
     */
    readonly thread: readonly ThreadComment[];
    /**
     * The pull or merge request's changed files with their patches. Undefined when the run is not about
     * one, or the front end could not fetch it (a local run without API access).
     */
    readonly diff: PullRequestDiff | undefined;
    /** `--input` JSON locally, `input` / workflow_dispatch inputs in CI (the same object as `event.inputs`). */
    readonly inputs: Readonly<Record<string, unknown>>;
    /**
     * One model conversation on the agent's tools; resolves to the final text, or the validated result.
     * The message is the event (with the thread and diff), fenced as untrusted data, then `text`.
     */
    prompt(text: string, options?: PromptOptions): Promise<string>;
    prompt<S extends AnySchema>(text: string, options: PromptOptions & {
        result: S;
    }): Promise<v.InferOutput<S>>;
    /** Runs a skill by name: the model is told to activate it and follow it with `args`. */
    skill(name: string, options?: PromptOptions & {
        args?: Record<string, unknown>;
    }): Promise<string>;
    skill<S extends AnySchema>(name: string, options: PromptOptions & {
        args?: Record<string, unknown>;
        result: S;
    }): Promise<v.InferOutput<S>>;
    /** Delegates to a declared subagent (or a fresh conversation of this agent when `agent` is absent). */
    task(prompt: string, options?: PromptOptions & {
        agent?: string;
    }): Promise<string>;
    task<S extends AnySchema>(prompt: string, options: PromptOptions & {
        agent?: string;
        result: S;
    }): Promise<v.InferOutput<S>>;
    /** Runs a command in the sandbox shell (just-bash; allow-listed real commands only). */
    shell(command: string): Promise<ShellResult>;
    /**
     * Proposes safe outputs directly; checked against `outputs:` like the model's proposals (a refusal is
     * an `output_rejected` event in the session log). A value of the wrong shape throws, naming the field.
     */
    readonly outputs: {
        addComment(body: string): void;
        addLabels(labels: string[]): void;
        removeLabels(labels: string[]): void;
        /** `event` defaults to `COMMENT`, `comments` (inline, on lines of the new version of a file) to none. */
        submitReview(review: ReviewProposal): void;
        /**
         * Proposes the edits in the checkout (everything `git status` shows against HEAD, read now; later
         * edits are not in it) as a pull request (a merge request on GitLab), under `outputs.proposeChange`:
         * after a run that succeeds, the runner commits them to a new branch and opens it, a draft by default.
         * Resolves to what was proposed or why it was refused (also an `output_rejected` event); throws only
         * for a value of the wrong shape.
         */
        proposeChange(change: ChangeRequest): Promise<ChangeProposal>;
    };
    /**
     * Writes a line to the console (the CLI's progress on stderr, the job log) and a `log` event to the
     * session log, with secrets redacted in both. Strings as they are, other values inspected, joined by
     * spaces. Never posted: a comment is `outputs.addComment`.
     */
    log(...values: unknown[]): void;
}
/** A TS agent's code-driven workflow. Its return value becomes the run's result. */
export type AgentRunFunction = (context: AgentContext) => Promise<unknown>;
export {};
