import type { AgentLimits } from '../definitions/types.js';
import type { RunTotals, Usage } from '../session-log/status.js';
import { plural } from '../text/index.js';

export type LimitName = 'turns' | 'tokens' | 'cost' | 'time';

/** A limit that was reached: the shape of the session log's `limit` event. */
export interface LimitHit {
  limit: LimitName;
  value: number;
  max: number;
}

export interface BudgetOptions {
  /** The caller's cancel signal (CI job cancelled, Ctrl-C). */
  signal?: AbortSignal;
  /**
   * What the interrupted attempts of a resumed run spent (src/session-log/resume.ts): the limits apply to
   * the whole run, so a resume starts from these, time included, and subagent labels continue after `tasks`.
   */
  spent?: { totals: RunTotals; tasks: number };
}

/**
 * What one run may spend: turns, tokens, USD and wall time. One Budget is shared by an agent, every
 * `ctx.prompt` of a TS agent and every subagent it delegates to, so delegation never widens a limit.
 * `signal` aborts when the time limit passes or the caller cancels; model calls and tools get it.
 */
export class Budget {
  readonly limits: AgentLimits;
  readonly signal: AbortSignal;
  readonly #controller = new AbortController();
  readonly #startedAt: number;
  readonly #timer: NodeJS.Timeout;
  readonly #external: AbortSignal | undefined;
  readonly #onExternalAbort = () => this.#stop('cancelled');
  #cause: 'timeout' | 'cancelled' | undefined;
  #usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  #turns = 0;
  #costUsd = 0;
  #taskCount = 0;
  readonly #noted = new Set<string>();

  constructor(limits: AgentLimits, options: BudgetOptions = {}) {
    this.limits = limits;
    this.signal = this.#controller.signal;
    const spent = options.spent;
    this.#startedAt = performance.now() - (spent?.totals.durationMs ?? 0);
    if (spent) {
      const { turns, costUsd, durationMs: _, ...usage } = spent.totals;
      this.#usage = usage;
      this.#turns = turns;
      this.#costUsd = costUsd;
      this.#taskCount = spent.tasks;
    }
    // setTimeout fires at once for delays past 2^31-1 ms (about 24 days): clamp a huge timeout-minutes.
    const delay = Math.max(0, Math.min(limits.timeoutMinutes * 60_000 - (spent?.totals.durationMs ?? 0), 2 ** 31 - 1));
    this.#timer = setTimeout(() => this.#stop('timeout'), delay);
    // A forgotten dispose() must not keep the CLI process alive.
    this.#timer.unref();
    this.#external = options.signal;
    if (options.signal?.aborted) this.#stop('cancelled');
    else options.signal?.addEventListener('abort', this.#onExternalAbort, { once: true });
  }

  #stop(cause: 'timeout' | 'cancelled'): void {
    if (this.#cause) return;
    this.#cause = cause;
    this.#controller.abort(new Error(cause === 'timeout' ? this.timeoutReason() : 'cancelled'));
  }

  /** Set once the run's signal has aborted: which of the two reasons did it. */
  get stopCause(): 'timeout' | 'cancelled' | undefined {
    return this.#cause;
  }

  get turns(): number {
    return this.#turns;
  }

  /** Input and output tokens of every kind: cache reads are input the model processed too. */
  get tokens(): number {
    const u = this.#usage;
    return u.inputTokens + u.outputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  }

  /** Records one model response. */
  spend(usage: Usage, costUsd: number): void {
    this.#turns += 1;
    this.#costUsd += costUsd;
    this.#usage = {
      inputTokens: this.#usage.inputTokens + usage.inputTokens,
      outputTokens: this.#usage.outputTokens + usage.outputTokens,
      cacheReadTokens: this.#usage.cacheReadTokens + usage.cacheReadTokens,
      cacheWriteTokens: this.#usage.cacheWriteTokens + usage.cacheWriteTokens,
    };
  }

  /**
   * The first spending limit that forbids another model call. After a response, pass
   * `{ turns: false }`: the last allowed turn may still deliver its tool calls and its result.
   */
  exceeded(options: { turns?: boolean } = {}): LimitHit | undefined {
    const { maxCostUsd, maxTokens, maxTurns } = this.limits;
    if (this.#costUsd >= maxCostUsd) return { limit: 'cost', value: round(this.#costUsd), max: maxCostUsd };
    if (this.tokens >= maxTokens) return { limit: 'tokens', value: this.tokens, max: maxTokens };
    if (options.turns !== false && this.#turns >= maxTurns) {
      return { limit: 'turns', value: this.#turns, max: maxTurns };
    }
    return undefined;
  }

  /** The `limit` event for a passed time limit; the log counts time in milliseconds. */
  timeLimit(): LimitHit {
    const elapsed = Math.round(performance.now() - this.#startedAt);
    return { limit: 'time', value: elapsed, max: Math.round(this.limits.timeoutMinutes * 60_000) };
  }

  timeoutReason(): string {
    const minutes = this.limits.timeoutMinutes;
    return `timed out after ${round(minutes)} ${plural(minutes, 'minute')} (timeout-minutes)`;
  }

  /**
   * True the first time a key is seen in this run: a limit or a price warning is logged once, though
   * a subagent and its parent both run into it.
   */
  firstTime(key: string): boolean {
    if (this.#noted.has(key)) return false;
    this.#noted.add(key);
    return true;
  }

  /** A run-wide sequence number for subagent labels (`researcher#2`), unique across parallel tasks. */
  nextTaskNumber(): number {
    this.#taskCount += 1;
    return this.#taskCount;
  }

  totals(): RunTotals {
    return {
      ...this.#usage,
      turns: this.#turns,
      costUsd: round(this.#costUsd),
      durationMs: Math.round(performance.now() - this.#startedAt),
    };
  }

  /** Stops the clock; call once the run has ended. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#external?.removeEventListener('abort', this.#onExternalAbort);
  }
}

/** Six decimals: sub-cent costs stay readable and sums do not show float noise. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
