import type Anthropic from '@anthropic-ai/sdk';
import type { ResultSchema } from '../definitions/types.js';
import { errorMessage } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { Usage } from '../session-log/status.js';
import type { SessionEventInput, SessionRecorder } from '../session-log/events.js';
import type { ToolDefinition } from '../tools/types.js';
import { untilAborted } from './abort.js';
import type { Budget, LimitHit } from './budget.js';
import type { ModelClient, ModelError, ModelRequest, SendOptions } from './model.js';
import type { AgentOutcome, StopCause } from './outcome.js';
import { costOf } from './pricing.js';
import { requestBytes } from './request-body.js';
import type { LoopResume } from './resume.js';
import { createResultTools, ResultState } from './result-tools.js';
import { runToolCalls } from './tool-calls.js';

export interface LoopOptions {
  model: ModelClient;
  /** Anthropic model id (`claude-sonnet-4-6`); also the key of the price table. */
  modelId: string;
  system: string;
  /** The agent's tools; `finish`/`give_up` are added here. */
  tools: ToolDefinition[];
  /** The first user message. */
  prompt: string;
  /** When set, the loop succeeds only through a valid `finish` call. */
  result?: ResultSchema;
  /** Limits, shared spending and the run's abort signal (time limit, cancel). */
  budget: Budget;
  recorder: SessionRecorder;
  /** Set inside a subagent; stamped on every event. */
  agent?: string;
  /** Record the system prompt and tool names on the first request (default true). */
  logPrefix?: boolean;
  maxOutputTokens?: number;
  /** Sees every event as it is recorded: progress output. */
  onEvent?: (event: SessionEventInput) => void;
  /** Continue an interrupted conversation (`--resume`) instead of starting on `prompt`: src/harness/resume.ts. */
  resume?: LoopResume;
  /** A subagent's: the parent's `task` call that started it, named on its first request (resume reads it). */
  call?: string;
}

const NUDGE_RESULT =
  'You ended without calling finish. Call finish with the result now (its input is the result), ' + 'or give_up with the reason you cannot.';
const NUDGE_CUT_OFF = 'Your reply was cut off at the output token limit. Reply again, shorter.';

/** Runs one agent conversation to its terminal outcome. Never throws. */
export function runLoop(options: LoopOptions): Promise<AgentOutcome> {
  return new AgentLoop(options).run();
}

type Step = AgentOutcome | 'continue';

class AgentLoop {
  readonly #o: LoopOptions;
  readonly #state = new ResultState();
  readonly #tools: Map<string, ToolDefinition>;
  readonly #request: ModelRequest;
  #turn = 0;
  #logged = 0;
  #nudgedForResult = false;
  #nudgedForCutOff = false;
  /** The resumed turn's calls that finished before the interruption: answered from the log, not run. */
  #done: ReadonlyMap<string, Anthropic.ToolResultBlockParam> | undefined;

  constructor(options: LoopOptions) {
    this.#o = options;
    const tools = [...options.tools, ...createResultTools(options.result, this.#state)];
    this.#tools = new Map(tools.map((tool) => [tool.name, tool]));
    this.#request = {
      model: options.modelId,
      maxTokens: options.maxOutputTokens ?? LIMITS.maxOutputTokensPerCall,
      system: [{ type: 'text', text: options.system }],
      // From the map: a custom tool that reuses a runner tool's name must not make the API refuse the request.
      tools: [...this.#tools.values()].map((tool) => ({
        name: tool.name,
        description: tool.description,
        input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
      })),
      messages: [{ role: 'user', content: options.prompt }],
    };
    if (options.resume) this.#resumeFrom(options.resume);
  }

  #resumeFrom(resume: LoopResume): void {
    this.#request.messages = [...resume.messages];
    this.#turn = resume.turn;
    // The next request logs only what is new since the last one the log holds.
    this.#logged = resume.messages.length;
    this.#done = resume.done;
    const said = (text: string) => resume.messages.some((message) => message.role === 'user' && message.content === text);
    this.#nudgedForResult = said(NUDGE_RESULT);
    this.#nudgedForCutOff = said(NUDGE_CUT_OFF);
  }

  async run(): Promise<AgentOutcome> {
    try {
      const pending = this.#o.resume?.pending;
      const resumed = pending ? await this.#handle(pending) : 'continue';
      if (resumed !== 'continue') return resumed;
      for (;;) {
        const step = this.#checkBefore() ?? (await this.#turnOnce());
        if (step !== 'continue') return step;
      }
    } catch (error) {
      if (this.#o.budget.signal.aborted) return this.#stopped();
      const message = errorMessage(error);
      this.#emit({ type: 'error', message, cause: 'harness' });
      return this.#end('failed', 'run_error', `internal error: ${message}`);
    }
  }

  /** Before each model call: has the run been stopped, or is a spending limit reached? */
  #checkBefore(): AgentOutcome | undefined {
    if (this.#o.budget.signal.aborted) return this.#stopped();
    const hit = this.#o.budget.exceeded();
    return hit ? this.#exhausted(hit) : undefined;
  }

  async #turnOnce(): Promise<Step> {
    const { budget, model, modelId } = this.#o;
    this.#turn += 1;
    this.#recordRequest();
    const started = performance.now();
    const outcome = await untilAborted(model.send(this.#request, budget.signal, this.#sendOptions()), budget.signal);
    for (const warning of outcome.warnings ?? []) {
      if (budget.firstTime(`sdk:${warning}`)) this.#emit({ type: 'warning', message: warning });
    }
    if (!outcome.ok) return this.#modelFailed(outcome.error);
    const message = outcome.message;
    const usage = toUsage(message.usage);
    const answeredBy = outcome.model ?? modelId;
    const cost = costOf(answeredBy, usage);
    if (cost.warning && budget.firstTime(`price:${answeredBy}`)) this.#emit({ type: 'warning', message: cost.warning });
    budget.spend(usage, cost.usd);
    this.#emit({
      type: 'model_response',
      turn: this.#turn,
      stopReason: message.stop_reason,
      content: message.content,
      usage,
      costUsd: cost.usd,
      durationMs: Math.round(performance.now() - started),
    });
    return this.#handle(message);
  }

  /** The run's retry limits, its time left, and a warning in the log for each retry. */
  #sendOptions(): SendOptions {
    const { limits } = this.#o.budget;
    const time = this.#o.budget.timeLimit();
    return {
      onRetry: (message) => this.#emit({ type: 'warning', message: `turn ${this.#turn}: ${message}` }),
      timeLeftMs: time.max - time.value,
      retryForMs: limits.modelRetryMinutes * 60_000,
      streamIdleMs: limits.modelIdleSeconds * 1_000,
    };
  }

  #recordRequest(): void {
    const first = this.#turn === 1 && this.#o.logPrefix !== false && !this.#o.resume;
    const messages = this.#request.messages.slice(this.#logged);
    this.#logged = this.#request.messages.length;
    this.#emit({
      type: 'model_request',
      turn: this.#turn,
      bytes: requestBytes(this.#request),
      ...(first ? { system: this.#o.system, tools: this.#request.tools.map((t) => t.name) } : {}),
      messages,
      ...(this.#turn === 1 && this.#o.call !== undefined ? { call: this.#o.call } : {}),
    });
  }

  async #handle(message: Anthropic.Message): Promise<Step> {
    const content = message.content.flatMap(toParam);
    if (content.length > 0) this.#request.messages.push({ role: 'assistant', content });
    const calls = message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    if (calls.length === 0) return this.#noToolCalls(message);

    // Over the cost or token cap: no more work, unless this very turn delivers the ending.
    const overSpend = this.#o.budget.exceeded({ turns: false });
    if (overSpend && !calls.some((call) => call.name === 'finish' || call.name === 'give_up')) {
      return this.#exhausted(overSpend);
    }
    const cutOff = message.stop_reason === 'max_tokens' ? calls.at(-1)?.id : undefined;
    const { signal } = this.#o.budget;
    const scope = { tools: this.#tools, signal, turn: this.#turn, emit: this.#emit.bind(this), truncatedId: cutOff, done: this.#done };
    this.#done = undefined;
    const results = await untilAborted(runToolCalls(calls, scope), signal);
    this.#request.messages.push({ role: 'user', content: results });
    if (this.#o.budget.signal.aborted) return this.#stopped();
    const settled = this.#settled(message);
    if (settled) return settled;
    return overSpend ? this.#exhausted(overSpend) : 'continue';
  }

  #settled(message: Anthropic.Message): AgentOutcome | undefined {
    const settled = this.#state.settled;
    if (!settled) return undefined;
    if (settled.kind === 'gave_up') return this.#end('failed', 'gave_up', `the agent gave up: ${settled.reason}`);
    if (settled.kind === 'invalid_result') return this.#end('failed', 'invalid_result', settled.message);
    const text = finalText(message);
    return this.#end('succeeded', 'finished', undefined, { result: settled.value, text: text || undefined });
  }

  /** A response without tool calls: the answer, a refusal, or a reply cut off at max_tokens. */
  #noToolCalls(message: Anthropic.Message): Step {
    const text = finalText(message);
    if (message.stop_reason === 'refusal') {
      return this.#end('failed', 'refusal', 'the model refused to continue (stop_reason refusal)', { text });
    }
    if (message.stop_reason === 'model_context_window_exceeded') {
      return this.#end('failed', 'context_window', "the conversation outgrew the model's context window");
    }
    if (message.stop_reason === 'max_tokens') {
      if (this.#nudgedForCutOff) {
        const max = this.#request.maxTokens;
        return this.#end('failed', 'output_limit', `the reply was cut off at max_tokens (${max}) twice`, { text });
      }
      this.#nudgedForCutOff = true;
      return this.#nudge(NUDGE_CUT_OFF);
    }
    if (!this.#o.result) return this.#end('succeeded', 'answered', undefined, { text });
    if (this.#nudgedForResult) {
      return this.#end('failed', 'missing_result', 'the agent ended without the required result (finish was not called)', {
        text,
      });
    }
    this.#nudgedForResult = true;
    return this.#nudge(NUDGE_RESULT);
  }

  #nudge(text: string): Step {
    this.#request.messages.push({ role: 'user', content: text });
    return 'continue';
  }

  #modelFailed(error: ModelError): AgentOutcome {
    if (error.aborted && this.#o.budget.signal.aborted) return this.#stopped();
    this.#emit({ type: 'error', message: error.message, cause: 'model' });
    return this.#end('failed', 'model_error', error.message);
  }

  #stopped(): AgentOutcome {
    return stoppedOutcome(this.#o.budget, (event) => this.#emit(event));
  }

  #exhausted(hit: LimitHit): AgentOutcome {
    if (this.#o.budget.firstTime(`limit:${hit.limit}`)) this.#emit({ type: 'limit', ...hit });
    const names = { turns: 'max-turns', tokens: 'max-tokens', cost: 'max-cost-usd', time: 'timeout-minutes' };
    const reason = `reached ${names[hit.limit]} (${hit.value} of ${hit.max})`;
    return this.#end('budget_exhausted', hit.limit === 'time' ? 'timeout' : hit.limit, reason);
  }

  #end(status: AgentOutcome['status'], cause: StopCause, reason: string | undefined, extra: { result?: unknown; text?: string } = {}): AgentOutcome {
    const outcome: AgentOutcome = { status, cause, totals: this.#o.budget.totals() };
    if (reason !== undefined) outcome.reason = reason;
    if (extra.result !== undefined) outcome.result = extra.result;
    if (extra.text !== undefined) outcome.text = extra.text;
    return outcome;
  }

  #emit(event: SessionEventInput): void {
    const stamped = this.#o.agent === undefined ? event : { ...event, agent: this.#o.agent };
    this.#o.recorder.record(stamped);
    this.#o.onEvent?.(stamped);
  }
}

/** The run's signal aborted: its time limit passed (budget_exhausted, with a `limit` event), or the caller cancelled. */
export function stoppedOutcome(budget: Budget, emit: (event: SessionEventInput) => void): AgentOutcome {
  if (budget.stopCause === 'cancelled') {
    return { status: 'cancelled', cause: 'cancelled', reason: 'the run was cancelled', totals: budget.totals() };
  }
  if (budget.firstTime('limit:time')) emit({ type: 'limit', ...budget.timeLimit() });
  return { status: 'budget_exhausted', cause: 'timeout', reason: budget.timeoutReason(), totals: budget.totals() };
}

function toUsage(usage: Anthropic.Usage): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/** The assistant turn as it goes back into the history: only what the API accepts and the model wrote. */
function toParam(block: Anthropic.ContentBlock): Anthropic.ContentBlockParam[] {
  switch (block.type) {
    case 'text':
      // The API rejects empty text blocks in a request.
      return block.text === '' ? [] : [{ type: 'text', text: block.text }];
    case 'tool_use':
      return [{ type: 'tool_use', id: block.id, name: block.name, input: block.input }];
    case 'thinking':
      return [{ type: 'thinking', thinking: block.thinking, signature: block.signature }];
    case 'redacted_thinking':
      return [{ type: 'redacted_thinking', data: block.data }];
    default:
      return []; // Server-tool blocks: we never offer server tools.
  }
}

function finalText(message: Anthropic.Message): string {
  return message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n\n')
    .trim();
}
