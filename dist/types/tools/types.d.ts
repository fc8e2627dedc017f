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
};
