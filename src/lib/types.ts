import type * as v from 'valibot';
import type { Trigger } from '../trigger/types.js';
import type { ProposedOutput } from '../tools/types.js';

type AnySchema = v.GenericSchema;

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * What a TS agent's `run(ctx)` receives. Every call goes through the same sandbox, limits, session
 * log and output policy as a markdown agent: code-driven workflows get no extra authority.
 */
export interface AgentContext {
  /** The trigger of this run (issue, comment, pull request, ...). */
  readonly event: Trigger;
  /** `--input` JSON locally, `input` / workflow_dispatch inputs in CI. */
  readonly inputs: Record<string, unknown>;
  /** One model conversation on the agent's tools; resolves to the final text, or the validated result. */
  prompt(text: string): Promise<string>;
  prompt<S extends AnySchema>(text: string, options: { result: S }): Promise<v.InferOutput<S>>;
  /** Runs a skill by name: the model is told to activate it and follow it with `args`. */
  skill(name: string, options?: { args?: Record<string, unknown> }): Promise<string>;
  skill<S extends AnySchema>(name: string, options: { args?: Record<string, unknown>; result: S }): Promise<v.InferOutput<S>>;
  /** Delegates to a declared subagent (or a fresh conversation of this agent when `agent` is absent). */
  task(prompt: string, options?: { agent?: string }): Promise<string>;
  task<S extends AnySchema>(prompt: string, options: { agent?: string; result: S }): Promise<v.InferOutput<S>>;
  /** Runs a command in the sandbox shell (just-bash; allow-listed real commands only). */
  shell(command: string): Promise<ShellResult>;
  /** Proposes safe outputs directly; checked against `outputs:` like the model's proposals. */
  readonly outputs: {
    addComment(body: string): void;
    addLabels(labels: string[]): void;
    removeLabels(labels: string[]): void;
    submitReview(review: Omit<Extract<ProposedOutput, { kind: 'submit_review' }>, 'kind'>): void;
  };
  /** A progress line on stderr and a warning-free note in the session log. */
  log(message: string): void;
}

/** A TS agent's code-driven workflow. Its return value becomes the run's result. */
export type AgentRunFunction = (context: AgentContext) => Promise<unknown>;
