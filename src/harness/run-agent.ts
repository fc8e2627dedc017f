import type { AgentLimits } from '../definitions/types.js';
import { errorMessage } from '../errors.js';
import type { ShellResult } from '../lib/types.js';
import type { SessionEventInput, SessionRecorder } from '../session-log/events.js';
import type { TriggerContextExtras } from '../trigger/prompt.js';
import type { Trigger } from '../trigger/types.js';
import { untilAborted } from './abort.js';
import { type ContextScope, createAgentContext, LoopStoppedError } from './agent-context.js';
import { Budget, type BudgetOptions } from './budget.js';
import { runLoop, stoppedOutcome } from './loop.js';
import type { ModelClient } from './model.js';
import type { LoopResume } from './resume.js';
import type { AgentOutcome } from './outcome.js';
import { buildSystemPrompt } from './system-prompt.js';
import { createTaskTool, type AgentSetup, type TaskScope } from './task.js';

export interface RunAgentOptions extends AgentSetup {
  model: ModelClient;
  /** Replaces the agent's `model:` (and its subagents'), from `--model` or the `model` input. */
  modelId?: string;
  /** The first user message: the event context and the task. */
  prompt: string;
  /** Absolute path of the checkout, named in the system prompt. */
  workspace: string;
  recorder: SessionRecorder;
  /** The run's limits after input overrides; default: the agent's `limits:`. */
  limits?: AgentLimits;
  /** The caller's cancel signal (job cancelled, Ctrl-C): the run ends `cancelled`. */
  signal?: AbortSignal;
  onEvent?: (event: SessionEventInput) => void;
  /** Builds a declared subagent; required when the agent lists `subagents:`. */
  loadSubagent?: (name: string) => Promise<AgentSetup>;
  /** For a TS agent's `ctx`: the event, and the thread and changed files the host fetched. */
  event: Trigger;
  context?: TriggerContextExtras;
  outputs: ContextScope['outputs'];
  shell(command: string, signal: AbortSignal): Promise<ShellResult>;
  /**
   * Continue an interrupted run (`--resume`): its conversation and what it spent. Only for an agent
   * without `run(ctx)`: src/session-log/resume.ts refuses the others before this is called.
   */
  resume?: { conversation: LoopResume; spent: NonNullable<BudgetOptions['spent']> };
}

/**
 * Runs an agent to its one terminal outcome: a markdown agent (or a TS agent without `run`) as one
 * conversation on the given prompt, a TS agent with `run(ctx)` as its code, every `ctx.prompt` and
 * `ctx.task` spending from one Budget. Never throws. The caller records the log's `end` event.
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentOutcome> {
  const budget = new Budget(options.limits ?? options.spec.limits, { signal: options.signal, spent: options.resume?.spent });
  const emit = (event: SessionEventInput) => {
    options.recorder.record(event);
    options.onEvent?.(event);
  };
  const scope: TaskScope = {
    model: options.model,
    modelOverride: options.modelId,
    budget,
    recorder: options.recorder,
    workspace: options.workspace,
    onEvent: options.onEvent,
    loadSubagent:
      options.loadSubagent ??
      (async (name) => {
        throw new Error(`no subagent loader was given, so '${name}' cannot run`);
      }),
    self: { spec: options.spec, tools: options.tools },
    depth: 0,
  };
  const taskTool = createTaskTool(scope);
  const tools = taskTool ? [...options.tools, taskTool] : options.tools;
  const system = buildSystemPrompt(options.spec, options.workspace);
  const modelId = options.modelId ?? options.spec.model;
  try {
    if (!options.spec.run) {
      return await runLoop({
        model: options.model,
        modelId,
        system,
        tools,
        prompt: options.prompt,
        result: options.spec.result,
        budget,
        recorder: options.recorder,
        onEvent: options.onEvent,
        resume: options.resume?.conversation,
      });
    }
    const context = createAgentContext({
      task: scope,
      modelId,
      system,
      tools,
      event: options.event,
      context: options.context,
      outputs: options.outputs,
      shell: options.shell,
      emit,
    });
    const value = await untilAborted(options.spec.run(context), budget.signal);
    return finishRun(value, options, budget, emit);
  } catch (error) {
    if (budget.signal.aborted) return stoppedOutcome(budget, emit);
    if (error instanceof LoopStoppedError) return { ...error.outcome, totals: budget.totals() };
    const message = errorMessage(error);
    emit({ type: 'error', message, cause: 'run' });
    return { status: 'failed', cause: 'run_error', reason: `run(ctx) threw: ${message}`, totals: budget.totals() };
  } finally {
    budget.dispose();
  }
}

/** `run`'s return value is the result: checked against `result:` when the agent declares one. */
function finishRun(value: unknown, options: RunAgentOptions, budget: Budget, emit: (event: SessionEventInput) => void): AgentOutcome {
  const schema = options.spec.result;
  if (schema) {
    const checked = schema.validate(value);
    if (!checked.ok) {
      const reason = `run(ctx) returned an invalid result: ${checked.message}`;
      emit({ type: 'error', message: reason, cause: 'run' });
      return { status: 'failed', cause: 'invalid_result', reason, totals: budget.totals() };
    }
    return { status: 'succeeded', cause: 'finished', result: checked.value, totals: budget.totals() };
  }
  if (value === undefined) return { status: 'succeeded', cause: 'finished', totals: budget.totals() };
  if (typeof value === 'string') return { status: 'succeeded', cause: 'answered', text: value, totals: budget.totals() };
  return { status: 'succeeded', cause: 'finished', result: value, totals: budget.totals() };
}
