import type { ToolDefinition } from '../tools/types.js';
import type { AgentRunFunction } from '../lib/types.js';
/** Sandbox tools an agent may list under `tools:`. `write` also enables `edit` and shell writes. */
export declare const SANDBOX_TOOLS: readonly ["read", "write", "edit", "bash", "grep", "glob"];
export type SandboxToolName = (typeof SANDBOX_TOOLS)[number];
/** Safe outputs an agent may declare under `outputs:`. */
export declare const OUTPUT_KINDS: readonly ["add_comment", "add_labels", "remove_labels", "submit_review", "propose_change"];
export type OutputKind = (typeof OUTPUT_KINDS)[number];
export interface CountPolicy {
    /** Most proposals of this kind applied in one run. */
    max: number;
}
export interface LabelPolicy {
    /** Label names or globs (`area/*`) the agent may add or remove. */
    allowed: string[];
    /** Most labels in one run. */
    max: number;
}
export interface ReviewPolicy {
    max: number;
    /** Review events the agent may submit; `APPROVE` only when listed. */
    events: Array<'COMMENT' | 'REQUEST_CHANGES' | 'APPROVE'>;
}
/** `propose_change`: the agent's edits, committed by the runner to a new branch and proposed as a pull request. */
export interface ChangePolicy {
    /** Change sets per run (default 1). */
    max: number;
    /** The new branch is `<branchPrefix><agent>-<run id>`; default `flue/`. */
    branchPrefix: string;
    /** Globs of paths never committed, on top of ALWAYS_PROTECTED_CHANGE_PATHS (src/tools/change-policy.ts). */
    protectedPaths: string[];
    /** Most files changed (added, modified or deleted). */
    maxFiles: number;
    /** Most lines changed (added plus deleted) over all files. */
    maxLines: number;
    /** Open the pull request as a draft (default true): a person marks it ready. */
    draft: boolean;
    /**
     * On a pull (merge) request event: `branch` (default) opens a small pull request into its branch,
     * `suggestions` posts the change as one review of suggestions its author applies (docs/change-set.md).
     */
    onPullRequest: ChangeDelivery;
}
/** How `propose_change` delivers a change set on a pull request event. */
export declare const CHANGE_DELIVERIES: readonly ["branch", "suggestions"];
export type ChangeDelivery = (typeof CHANGE_DELIVERIES)[number];
/** What the agent may propose; a kind that is absent may not be proposed at all. */
export interface OutputPolicy {
    add_comment?: CountPolicy;
    add_labels?: LabelPolicy;
    remove_labels?: LabelPolicy;
    submit_review?: ReviewPolicy;
    propose_change?: ChangePolicy;
}
export interface AgentLimits {
    maxTurns: number;
    maxCostUsd: number;
    timeoutMinutes: number;
    /** Total input + output tokens over the whole run (all model calls). */
    maxTokens: number;
    /** How long one model call keeps retrying an overload, a server error or a broken stream. */
    modelRetryMinutes: number;
    /** Silence on a started model stream before the attempt is aborted and retried. */
    modelIdleSeconds: number;
}
/**
 * The structured result an agent must deliver through `finish`. Both agent formats end here:
 * a markdown agent's JSON Schema and a TS agent's valibot schema.
 */
export interface ResultSchema {
    /** JSON Schema sent to the model as the `finish` tool's input schema. */
    jsonSchema: Record<string, unknown>;
    /** Must not throw. Returns the (possibly coerced) value, or a message the model can act on. */
    validate(value: unknown): {
        ok: true;
        value: unknown;
    } | {
        ok: false;
        message: string;
    };
}
export interface SkillSpec {
    name: string;
    description: string;
    /** Repository-relative path of the SKILL.md file. */
    file: string;
    /** Absolute directory of the skill (resources live beside SKILL.md). */
    dir: string;
    license?: string;
    compatibility?: string;
    metadata?: Record<string, string>;
    allowedTools?: string[];
}
export interface LoadedDocument {
    /** Repository-relative path. */
    file: string;
    body: string;
}
export interface AgentSpec {
    name: string;
    /** Repository-relative path of the agent definition. */
    file: string;
    format: 'markdown' | 'typescript';
    description: string;
    /** Anthropic model id, provider prefix removed (`claude-sonnet-4-6`). */
    model: string;
    instructions: string;
    role?: LoadedDocument & {
        name: string;
    };
    /** AGENTS.md or CLAUDE.md from the working directory. */
    projectInstructions?: LoadedDocument;
    /** The skills catalog offered to the model (name + description); bodies load on demand. */
    skills: SkillSpec[];
    tools: SandboxToolName[];
    /** Real processes the agent may run: `npm test` is that exact argv; `git diff {args}` adds operands, never options. */
    commands: string[];
    network: {
        allow: string[];
    };
    subagents: string[];
    outputs: OutputPolicy;
    result?: ResultSchema;
    limits: AgentLimits;
    /** Custom tools defined by a TS agent. */
    customTools: ToolDefinition[];
    /** Code-driven workflow of a TS agent; absent means "prompt the model once". */
    run?: AgentRunFunction;
    /** Every file the definition was built from, repository-relative path to sha256. */
    files: Record<string, string>;
    /** Problems that did not stop loading (a skill that breaks the spec, say), one line each. */
    warnings: string[];
}
