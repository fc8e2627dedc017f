import { inspect } from 'node:util';
import * as v from 'valibot';
import { codeResult } from '../definitions/result-schema.js';
import { formatValibotIssues } from '../definitions/valibot-schema.js';
import type { ResultSchema } from '../definitions/types.js';
import type { AgentContext, ChangeProposal, PromptOptions, ShellResult } from '../lib/types.js';
import type { SessionEventInput } from '../session-log/events.js';
import type { ChangeSet, ProposedOutput, ToolDefinition } from '../tools/types.js';
import { renderTriggerContext, type TriggerContextExtras } from '../trigger/prompt.js';
import type { Trigger } from '../trigger/types.js';
import { agentEventContext } from './agent-event.js';
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
  /** The thread and changed files the host fetched: in `ctx.thread`, `ctx.diff` and every prompt. */
  context?: TriggerContextExtras;
  /** The run's OutputCollector: its verdict says why a proposal was refused (a test double may return nothing). */
  outputs: {
    propose(output: ProposedOutput): ProposalVerdict | undefined;
    /** Folders the runner writes in the checkout (its log): left out of a change set. */
    readonly context?: { runnerPaths?: readonly string[]; isPullRequest?: boolean };
  };
  shell(command: string, signal: AbortSignal): Promise<ShellResult>;
  /** Records a session event; the log's listeners (CLI progress, the job log) print it. */
  emit(event: SessionEventInput): void;
}

type CallOptions = PromptOptions & { result?: unknown };
export type ProposalVerdict = { ok: true; id: string } | { ok: false; message: string };

/**
 * The `ctx` of a TS agent's `run`. Every call goes through the same tools, budget, log and output
 * policy as a markdown agent: each `prompt` is a loop over the agent's tools, each `task` a subagent.
 * Each message starts with the event, the thread and the diff, fenced as untrusted data as in a
 * markdown agent's first message (renderTriggerContext), unless the call says `event: false`.
 */
export function createAgentContext(scope: ContextScope): AgentContext {
  const { spec } = scope.task.self;
  const { event, thread, diff } = agentEventContext(scope.event, scope.context);
  let loops = 0;
  let shells = 0;
  const schemaOf = (options: CallOptions | undefined): ResultSchema | undefined =>
    options?.result === undefined ? undefined : codeResult(options.result, spec.file);
  // Rendered once: every message of the run starts with the same bytes (one fence id), so the model
  // provider's prompt cache can reuse them.
  let eventText: Promise<string> | undefined;
  const message = async (call: string, text: unknown, options: CallOptions | undefined): Promise<string> => {
    if (typeof text !== 'string' || text.trim() === '') {
      const given = typeof text === 'string' ? 'an empty string' : typeof text;
      throw new Error(`${call}: the text must be a non-empty string saying what to do, got ${given}`);
    }
    if (options?.event === false) return text;
    eventText ??= renderTriggerContext(scope.event, scope.context);
    return `${await eventText}\n\n${text}`;
  };

  const prompt = async (text: string, options?: CallOptions, call = 'ctx.prompt'): Promise<unknown> => {
    const result = schemaOf(options);
    const first = await message(call, text, options);
    loops += 1;
    const outcome = await runLoop({
      model: scope.task.model,
      modelId: scope.modelId,
      system: scope.system,
      tools: scope.tools,
      prompt: first,
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
    event,
    thread,
    diff,
    inputs: event.inputs,
    prompt: (text: string, options?: CallOptions) => prompt(text, options),
    skill: (name: string, options?: CallOptions & { args?: Record<string, unknown> }) => {
      if (!spec.skills.some((skill) => skill.name === name)) {
        const known = spec.skills.map((skill) => skill.name).join(', ') || 'none';
        throw new Error(`ctx.skill('${name}'): no such skill in the catalog of ${spec.name} (skills: ${known})`);
      }
      const args = options?.args ? `\nArguments: ${JSON.stringify(options.args)}` : '';
      return prompt(`Call activate_skill with name "${name}", then follow that skill.${args}`, options, 'ctx.skill');
    },
    task: async (text: string, options?: CallOptions & { agent?: string }) => {
      const result = schemaOf(options);
      const first = await message('ctx.task', text, options);
      const outcome = await runSubtask(scope.task, { prompt: first, agent: options?.agent, result });
      return outcomeValue(outcome, result !== undefined);
    },
    shell: (command: string) => runShell(scope, command, `shell_${++shells}`),
    outputs: {
      addComment: (body: unknown) => scope.outputs.propose({ kind: 'add_comment', body: checked('addComment', body, OUTPUT_INPUTS.body) }),
      addLabels: (labels: unknown) => scope.outputs.propose({ kind: 'add_labels', labels: checked('addLabels', labels, OUTPUT_INPUTS.labels) }),
      removeLabels: (labels: unknown) =>
        scope.outputs.propose({ kind: 'remove_labels', labels: checked('removeLabels', labels, OUTPUT_INPUTS.labels) }),
      submitReview: (review: unknown) => {
        const { body, event, comments } = checked('submitReview', review, OUTPUT_INPUTS.review);
        scope.outputs.propose({ kind: 'submit_review', body, event: event ?? 'COMMENT', comments: comments ?? [] });
      },
      proposeChange: async (change: unknown) => proposeChange(scope, checked('proposeChange', change, OUTPUT_INPUTS.change)),
    },
    log: (...values: unknown[]) => scope.emit({ type: 'log', message: logMessage(values) }),
  };
  // The overloads of AgentContext narrow the return type by the schema; one implementation serves them all.
  return context as unknown as AgentContext;
}

/**
 * The shapes `ctx.outputs` takes. Code is not type-checked when Node strips its types, so a wrong
 * shape is refused here, naming the call and the field; what the values may be (not empty, labels
 * allowed, a review only on a pull request) is the `outputs:` policy's to say, as for the model.
 */
const OUTPUT_INPUTS = {
  body: v.string(),
  labels: v.array(v.string()),
  review: v.object({
    body: v.string(),
    event: v.optional(v.picklist(['COMMENT', 'REQUEST_CHANGES', 'APPROVE'])),
    comments: v.optional(v.array(v.object({ path: v.string(), line: v.number(), body: v.string() }))),
  }),
  change: v.object({ title: v.string(), body: v.string() }),
};

/**
 * `ctx.outputs.proposeChange`: what the `propose_change` tool does for the model (src/tools/output-tools.ts),
 * with the same policy, the same change-set reader and the same collector, answered as data. The tool is
 * among the agent's tools exactly when the policy declares it on a trusted run over a workspace; anywhere
 * else the checkout is not read (reading it runs git, a real process), and the collector's refusal says
 * why (not declared, untrusted profile), logged as `output_rejected` like the model's.
 */
async function proposeChange(scope: ContextScope, { title, body }: { title: string; body: string }): Promise<ChangeProposal> {
  const rule = scope.task.self.spec.outputs.propose_change;
  const offered = rule !== undefined && scope.tools.some((tool) => tool.name === 'propose_change');
  let changes: ChangeSet = { base: '', files: [] };
  if (offered) {
    const read = await (await changeSetReader()).readChangeSet(scope.task.workspace, scope.task.budget.signal, scope.outputs.context?.runnerPaths);
    if (!read.ok) return { ok: false, message: read.message };
    changes = read.changes;
  }
  const verdict = scope.outputs.propose({
    kind: 'propose_change',
    title,
    body,
    changes,
    branchPrefix: rule?.branchPrefix ?? '',
    draft: rule?.draft ?? true,
    onPullRequest: rule?.onPullRequest ?? 'branch',
  });
  if (!verdict?.ok) return { ok: false, message: verdict?.message ?? 'propose_change: refused by the output policy' };
  const files = changes.files.map((file) => file.path);
  const lines = changes.files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
  const delivery = rule?.onPullRequest === 'suggestions' && scope.outputs.context?.isPullRequest === true ? 'suggestions' : 'branch';
  return { ok: true, id: verdict.id, files, lines, delivery };
}

// Loaded on the first proposal, as the tool loads it: a run that proposes no change never loads the process runner.
const changeSetReader = () => import('../tools/change-set.js');

function checked<S extends v.GenericSchema>(call: string, value: unknown, schema: S): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issues = formatValibotIssues(parsed.issues)
    .split('\n')
    .map((line) => line.replace(/^- (?:\(root\): )?/, ''));
  throw new Error(`ctx.outputs.${call}: ${issues.join('; ')}`);
}

/**
 * `ctx.log`'s values as one message, as `console.log` shows them but without its `%s` formatting (a
 * logged stranger's text stays as written). The session log redacts and caps it like every event.
 */
function logMessage(values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : inspect(value, { depth: 6, breakLength: 120 }))).join(' ');
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
