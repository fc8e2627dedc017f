import { codeResult } from '../definitions/result-schema.js';
import type { ResultSchema } from '../definitions/types.js';
import type { AgentContext, ShellResult } from '../lib/types.js';
import type { SessionEventInput } from '../session-log/events.js';
import type { ProposedOutput, ToolDefinition } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';
import { runLoop } from './loop.js';
import type { AgentOutcome } from './outcome.js';
import { runSubtask, type TaskScope } from './task.js';

/** Thrown into a TS agent's `run` when a prompt or task does not succeed; runAgent reports its outcome. */
export class LoopStoppedError extends Error {
  override name = 'LoopStoppedError';
  constructor(readonly outcome: AgentOutcome) {
    super(`the conversation ended ${outcome.status}: ${outcome.reason ?? outcome.cause}`);
  }
}

export interface ContextScope {
  task: TaskScope;
  modelId: string;
  system: string;
  /** The agent's tools, `task` included when it may delegate. */
  tools: ToolDefinition[];
  event: Trigger;
  inputs: Record<string, unknown>;
  outputs: { propose(output: ProposedOutput): void };
  shell(command: string, signal: AbortSignal): Promise<ShellResult>;
  log?: (message: string) => void;
  emit(event: SessionEventInput): void;
}

/**
 * The `ctx` of a TS agent's `run`. Every call goes through the same tools, budget, log and output
 * policy as a markdown agent: each `prompt` is a loop over the agent's tools, each `task` a subagent.
 */
export function createAgentContext(scope: ContextScope): AgentContext {
  const { spec } = scope.task.self;
  let loops = 0;
  let shells = 0;
  const schemaOf = (options: { result?: unknown } | undefined): ResultSchema | undefined =>
    options?.result === undefined ? undefined : codeResult(options.result, spec.file);

  const prompt = async (text: string, options?: { result?: unknown }): Promise<unknown> => {
    const result = schemaOf(options);
    loops += 1;
    const outcome = await runLoop({
      model: scope.task.model,
      modelId: scope.modelId,
      system: scope.system,
      tools: scope.tools,
      prompt: text,
      result,
      budget: scope.task.budget,
      recorder: scope.task.recorder,
      // The system prompt and tool list do not change between prompts: log them once.
      logPrefix: loops === 1,
      onEvent: scope.task.onEvent,
    });
    return outcomeValue(outcome, result !== undefined);
  };

  const context = {
    event: scope.event,
    inputs: scope.inputs,
    prompt,
    skill: (name: string, options?: { args?: Record<string, unknown>; result?: unknown }) => {
      if (!spec.skills.some((skill) => skill.name === name)) {
        const known = spec.skills.map((skill) => skill.name).join(', ') || 'none';
        throw new Error(`ctx.skill('${name}'): no such skill in the catalog of ${spec.name} (skills: ${known})`);
      }
      const args = options?.args ? `\nArguments: ${JSON.stringify(options.args)}` : '';
      return prompt(`Call activate_skill with name "${name}", then follow that skill.${args}`, options);
    },
    task: async (text: string, options?: { agent?: string; result?: unknown }) => {
      const result = schemaOf(options);
      const outcome = await runSubtask(scope.task, { prompt: text, agent: options?.agent, result });
      return outcomeValue(outcome, result !== undefined);
    },
    shell: (command: string) => runShell(scope, command, `shell_${++shells}`),
    outputs: {
      addComment: (body: string) => scope.outputs.propose({ kind: 'add_comment', body }),
      addLabels: (labels: string[]) => scope.outputs.propose({ kind: 'add_labels', labels }),
      removeLabels: (labels: string[]) => scope.outputs.propose({ kind: 'remove_labels', labels }),
      submitReview: (review: Omit<Extract<ProposedOutput, { kind: 'submit_review' }>, 'kind'>) =>
        scope.outputs.propose({ kind: 'submit_review', ...review }),
    },
    log: (message: string) => scope.log?.(message),
  };
  // The overloads of AgentContext narrow the return type by the schema; one implementation serves them all.
  return context as unknown as AgentContext;
}

function outcomeValue(outcome: AgentOutcome, wantsResult: boolean): unknown {
  if (outcome.status !== 'succeeded') throw new LoopStoppedError(outcome);
  return wantsResult ? outcome.result : (outcome.text ?? '');
}

/** `ctx.shell` is logged like a tool call (turn 0: outside any model turn) so the log shows what ran. */
async function runShell(scope: ContextScope, command: string, id: string): Promise<ShellResult> {
  scope.emit({ type: 'tool_call', turn: 0, id, name: 'shell', input: { command } });
  const started = performance.now();
  const result = await scope.shell(command, scope.task.budget.signal);
  scope.emit({
    type: 'tool_result',
    turn: 0,
    id,
    name: 'shell',
    isError: result.exitCode !== 0,
    content: `exit ${result.exitCode}\n${result.stdout}${result.stderr ? `\n[stderr]\n${result.stderr}` : ''}`,
    durationMs: Math.round(performance.now() - started),
  });
  return result;
}
