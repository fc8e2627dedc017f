import type { AgentSpec, ResultSchema } from '../definitions/types.js';
import { errorMessage } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { SessionEventInput, SessionRecorder } from '../session-log/events.js';
import type { ToolDefinition, ToolResult } from '../tools/types.js';
import type { Budget } from './budget.js';
import { runLoop } from './loop.js';
import type { ModelClient } from './model.js';
import type { AgentOutcome } from './outcome.js';
import { buildSystemPrompt } from './system-prompt.js';

/** An agent ready to run: its definition and its tools (sandbox, safe outputs, custom), built by the caller. */
export interface AgentSetup {
  spec: AgentSpec;
  tools: ToolDefinition[];
}

/** What delegation needs from the run; one per agent, `depth` 0 for the agent the run started with. */
export interface TaskScope {
  model: ModelClient;
  /** Replaces every agent's own model (the `--model` flag); absent: each agent's `model:`. */
  modelOverride?: string;
  budget: Budget;
  recorder: SessionRecorder;
  workspace: string;
  onEvent?: (event: SessionEventInput) => void;
  /** Builds a declared subagent the same way the run built the first agent. */
  loadSubagent(name: string): Promise<AgentSetup>;
  /** The delegating agent: `task` without `agent` starts a fresh conversation of it. */
  self: AgentSetup;
  depth: number;
}

export interface SubtaskRequest {
  prompt: string;
  agent?: string;
  /** Overrides the subagent's own `result:` (a TS agent's `ctx.task(prompt, { result })`). */
  result?: ResultSchema;
  /** The `task` tool call that asked for it, logged on the subagent's first request. */
  call?: string;
}

/**
 * The `task` tool, for an agent that declares subagents and is not yet at the depth limit: an agent's
 * subagent may delegate once more, no further (LIMITS.taskDepth). Otherwise undefined: a tool the
 * model may not use is not offered, which also saves its bytes.
 */
export function createTaskTool(scope: TaskScope): ToolDefinition | undefined {
  const names = scope.self.spec.subagents;
  if (names.length === 0 || scope.depth >= LIMITS.taskDepth) return undefined;
  return {
    name: 'task',
    description: 'Delegate a self-contained task to a subagent with a fresh context. Returns its answer.',
    inputSchema: {
      type: 'object',
      properties: {
        prompt: { type: 'string' },
        agent: { enum: names },
        description: { type: 'string', description: 'A few words, for the log' },
      },
      required: ['prompt'],
    },
    execute: async (input, context) => {
      const { prompt, agent } = (input ?? {}) as { prompt?: unknown; agent?: unknown };
      if (typeof prompt !== 'string' || prompt.trim() === '') {
        return { isError: true, content: 'task needs a prompt: the whole task, as the subagent knows nothing else.' };
      }
      if (agent !== undefined && typeof agent !== 'string') {
        return { isError: true, content: `agent must be one of: ${names.join(', ')}` };
      }
      const outcome = await runSubtask(scope, { prompt, agent, call: context.callId });
      return toToolResult(outcome);
    },
  };
}

/** Runs one subagent conversation on the shared budget; its events carry its label (`researcher#2`). */
export async function runSubtask(scope: TaskScope, request: SubtaskRequest): Promise<AgentOutcome> {
  const setup = await resolve(scope, request.agent);
  if ('error' in setup) {
    return { status: 'failed', cause: 'run_error', reason: setup.error, totals: scope.budget.totals() };
  }
  const label = `${setup.spec.name}#${scope.budget.nextTaskNumber()}`;
  const nested: TaskScope = { ...scope, self: setup, depth: scope.depth + 1 };
  const taskTool = createTaskTool(nested);
  return runLoop({
    model: scope.model,
    modelId: scope.modelOverride ?? setup.spec.model,
    system: buildSystemPrompt(setup.spec, scope.workspace),
    tools: taskTool ? [...setup.tools, taskTool] : setup.tools,
    prompt: request.prompt,
    result: request.result ?? setup.spec.result,
    budget: scope.budget,
    recorder: scope.recorder,
    agent: label,
    onEvent: scope.onEvent,
    call: request.call,
  });
}

async function resolve(scope: TaskScope, agent: string | undefined): Promise<AgentSetup | { error: string }> {
  if (agent === undefined) return scope.self;
  const declared = scope.self.spec.subagents;
  if (!declared.includes(agent)) {
    return { error: `'${agent}' is not a subagent of ${scope.self.spec.name}; declared: ${declared.join(', ') || 'none'}` };
  }
  try {
    return await scope.loadSubagent(agent);
  } catch (error) {
    return { error: `could not load subagent '${agent}': ${errorMessage(error)}` };
  }
}

function toToolResult(outcome: AgentOutcome): ToolResult {
  if (outcome.status === 'succeeded') {
    if (outcome.result !== undefined) return { content: JSON.stringify(outcome.result) };
    return { content: outcome.text || '(the subagent ended without a reply)' };
  }
  return { isError: true, content: `The subagent stopped (${outcome.status}): ${outcome.reason ?? outcome.cause}` };
}
