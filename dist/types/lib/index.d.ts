/**
 * What `import { defineAgent, defineTool } from 'flue-action'` gives a TS agent. The runner maps that
 * import to its own bundled copy of this module, so it stays tiny: types and two identity functions.
 * Validation happens when the runner loads the agent, with messages that name the file and field.
 */
import type * as v from 'valibot';
import type { SandboxToolName } from '../definitions/types.js';
import type { AgentContext } from './types.js';
export type { AgentContext, AgentEvent, AgentRunFunction, ChangedFile, ChangeProposal, ChangeRequest, EventComment, EventKind, PromptOptions, PullRequestDiff, ReviewProposal, ShellResult, ThreadComment, } from './types.js';
export type { SandboxToolName } from '../definitions/types.js';
export interface ToolRunContext {
    /** Aborted when the run's time limit passes or the run is cancelled; pass it to fetch and friends. */
    signal: AbortSignal;
}
/** A custom tool of a TS agent. Its input is validated with `input` before `run` sees it. */
export interface ToolConfig<S extends v.GenericSchema = v.GenericSchema> {
    /** Tool name the model calls: letters, digits, `_` and `-`, at most 64 characters. */
    name: string;
    /** Lean: every byte is sent on every model call. */
    description: string;
    /** An object schema, such as `v.object({ query: v.string() })`. */
    input: S;
    /** A string is shown to the model as is; an object as JSON. A throw becomes an error result. */
    run(input: v.InferOutput<S>, context: ToolRunContext): Promise<string | object> | string | object;
}
export interface OutputsConfig {
    addComment?: {
        max?: number;
    };
    /** `allowed`: label names or globs (`area/*`). */
    addLabels?: {
        allowed: string[];
        max?: number;
    };
    removeLabels?: {
        allowed: string[];
        max?: number;
    };
    /** `events` defaults to `['COMMENT']`; `APPROVE` only when listed. */
    submitReview?: {
        max?: number;
        events?: Array<'COMMENT' | 'REQUEST_CHANGES' | 'APPROVE'>;
    };
    /**
     * The agent's edits as a pull request (docs/change-set.md): `branchPrefix` (default `flue/`),
     * `protectedPaths` (globs, on top of the fixed list), `maxFiles` (20), `maxLines` (500), `draft` (true),
     * `onPullRequest` (`branch`, or `suggestions`: one review of suggestions on the pull request).
     */
    proposeChange?: {
        max?: number;
        branchPrefix?: string;
        protectedPaths?: string[];
        maxFiles?: number;
        maxLines?: number;
        draft?: boolean;
        onPullRequest?: 'branch' | 'suggestions';
    };
}
export interface LimitsConfig {
    maxTurns?: number;
    maxCostUsd?: number;
    timeoutMinutes?: number;
    maxTokens?: number;
    modelRetryMinutes?: number;
    modelIdleSeconds?: number;
}
/** The same fields as a markdown agent's frontmatter (DESIGN.md §1), camelCase where multi-word. */
export interface AgentConfig<R extends v.GenericSchema | undefined = undefined> {
    description: string;
    /** The system prompt's instructions (a markdown agent's body). */
    instructions?: string;
    /** `claude-sonnet-4-6` or `anthropic/claude-sonnet-4-6`. */
    model?: string;
    /** A role from `.flue/roles/<role>.md`. */
    role?: string;
    /** Skills offered to the model; default: every skill found. */
    skills?: string[];
    /** Sandbox tools by name, and custom tools made with `defineTool`. Default: read, grep, glob. */
    tools?: Array<SandboxToolName | ToolConfig>;
    /** Real processes the agent may run: `npm test` is that exact argv; `git diff {args}` adds operands, never options. */
    commands?: string[];
    network?: {
        allow: string[];
    };
    subagents?: string[];
    outputs?: OutputsConfig;
    /** A valibot object schema of the structured result the agent delivers through `finish`. */
    result?: R;
    limits?: LimitsConfig;
    /** A code-driven workflow; its return value is the run's result. Absent: the model is prompted once. */
    run?: (context: AgentContext) => Promise<R extends v.GenericSchema ? v.InferInput<R> : unknown>;
}
/** Declares a TS agent: `export default defineAgent({ ... })`. */
export declare function defineAgent<R extends v.GenericSchema | undefined = undefined>(config: AgentConfig<R>): AgentConfig<R>;
/** Declares a custom tool for a TS agent's `tools` list. */
export declare function defineTool<S extends v.GenericSchema>(config: ToolConfig<S>): ToolConfig<S>;
