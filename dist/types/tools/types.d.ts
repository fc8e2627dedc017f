/** A tool result as the model reads it. `isError` marks a result the model should correct. */
export interface ToolResult {
    content: string;
    isError?: boolean;
}
export interface ToolContext {
    /** Aborted when the run's time limit passes or the run is cancelled; long tools must honour it. */
    signal: AbortSignal;
    /** The model's tool_use id of this call: the `task` tool names it on the subagent's first request. */
    callId?: string;
}
/**
 * One model-facing tool. `execute` validates its own input and should return errors as results
 * (`isError: true`) rather than throw; the harness turns a throw into an error result anyway.
 */
export interface ToolDefinition {
    name: string;
    /** Lean: every byte is paid on every model call. */
    description: string;
    /** JSON Schema of the input object. */
    inputSchema: Record<string, unknown>;
    execute(input: unknown, context: ToolContext): Promise<ToolResult>;
    /**
     * What a call with this input reads or writes in the workspace, so that the calls of one response
     * run in the order the model gave them where it matters (src/harness/tool-calls.ts). Undefined, or a
     * tool without it, touches nothing there (the output tools). Must not throw.
     */
    access?(input: unknown): ToolAccess | undefined;
}
/** Files a call reads or writes: absolute paths from `Sandbox.resolve`, or 'all' for the whole workspace. */
export interface ToolAccess {
    write: boolean;
    paths: readonly string[] | 'all';
}
export interface ReviewComment {
    path: string;
    line: number;
    body: string;
}
/** A write the agent proposed. Nothing is applied until the publish stage checks it against policy. */
export type ProposedOutput = {
    kind: 'add_comment';
    body: string;
} | {
    kind: 'add_labels';
    labels: string[];
} | {
    kind: 'remove_labels';
    labels: string[];
} | {
    kind: 'submit_review';
    body: string;
    event: 'COMMENT' | 'REQUEST_CHANGES' | 'APPROVE';
    comments: ReviewComment[];
} | {
    kind: 'propose_change';
    /** The commit subject and the pull request's title. */
    title: string;
    /** The pull request's description. */
    body: string;
    /** What the runner read from the checkout when the agent proposed it: never the model's own words. */
    changes: ChangeSet;
    /** From the policy, set by the runner (the publish stage checks they still match it). */
    branchPrefix: string;
    draft: boolean;
    /** On a pull request event: a pull request into its branch, or a review of suggestions on it. */
    onPullRequest: 'branch' | 'suggestions';
};
/**
 * The agent's edits in the checkout, against its HEAD commit, as the runner read them (change-set.ts):
 * what a commit of them needs, and nothing the model wrote.
 */
export interface ChangeSet {
    /** The HEAD commit the edits were made on: the new commit's parent. */
    base: string;
    files: FileChange[];
}
export interface FileChange {
    /** Repository-relative, '/'-separated. */
    path: string;
    status: 'added' | 'modified' | 'deleted';
    /** Git mode: 100644, 100755, or 120000 for a symlink (its target is the content). Absent when deleted. */
    mode?: '100644' | '100755' | '120000';
    /**
     * The file's blob at HEAD (git's object id), as the runner's git read it; absent for a file HEAD lacks. On a
     * pull request event it tells whether the edit applies unchanged to the pull request's head commit.
     */
    blob?: string;
    /** The file's git mode at HEAD, when HEAD has it: suggestions cannot change a mode (src/hosts/suggestions.ts). */
    headMode?: string;
    /** The new content, base64 (files may be binary). Absent when deleted. */
    content?: string;
    /** Lines added and deleted, as `git diff --numstat` counts them (0 for a binary file). */
    additions: number;
    deletions: number;
}
