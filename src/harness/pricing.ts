import type { Usage } from '../session-log/status.js';

/** USD per million tokens. `cacheWrite` is the 5-minute cache write (the only kind we request). */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/** Anthropic's usual cache multipliers: a 5-minute write costs 1.25x input, a read 0.1x. */
const standard = (input: number, output: number): ModelPrice => ({
  input,
  output,
  cacheWrite: tidy(input * 1.25),
  cacheRead: tidy(input * 0.1),
});

/** Rounds away float noise (0.8 * 0.1 = 0.08000000000000002) so the table reads like the price list. */
function tidy(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}

/**
 * Public list prices (platform.claude.com/docs/en/about-claude/pricing, checked 2026-10). Keys are model
 * ids without a date suffix. A model missing here is priced with the most expensive row (see costOf),
 * so update this table when a model ships rather than relying on the fallback.
 */
const PRICES: Record<string, ModelPrice> = {
  'claude-fable-5-2': { ...standard(10, 50), cacheRead: 0.25 },
  'claude-mythos-5-2': { ...standard(10, 50), cacheRead: 0.25 },
  'claude-fable-5-1': { ...standard(10, 50), cacheRead: 0.25 },
  'claude-mythos-5-1': { ...standard(10, 50), cacheRead: 0.25 },
  'claude-fable-5': standard(10, 50),
  'claude-mythos-5': standard(10, 50),
  'claude-opus-5-5': { ...standard(4, 20), cacheRead: 0.2 },
  'claude-opus-5': standard(5, 25),
  'claude-opus-4-8': standard(5, 25),
  'claude-opus-4-7': standard(5, 25),
  'claude-opus-4-6': standard(5, 25),
  'claude-opus-4-5': standard(5, 25),
  'claude-opus-4-1': standard(15, 75),
  'claude-opus-4': standard(15, 75),
  'claude-sonnet-5-5': { ...standard(2, 10), cacheRead: 0.1 },
  'claude-sonnet-5': standard(2, 10),
  'claude-sonnet-4-6': standard(3, 15),
  'claude-sonnet-4-5': standard(3, 15),
  'claude-sonnet-4': standard(3, 15),
  'claude-3-7-sonnet': standard(3, 15),
  // Haiku 5.5 is billed at 5x these rates when a request's prompt passes 100k tokens (see LONG_PROMPT).
  'claude-haiku-5-5': standard(0.1, 0.5),
  'claude-haiku-4-5': standard(1, 5),
  'claude-3-5-haiku': standard(0.8, 4),
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },
};

/** Models whose price rises for a long prompt (input + cache reads + cache writes of one request). */
const LONG_PROMPT: Record<string, { thresholdTokens: number; price: ModelPrice }> = {
  'claude-haiku-5-5': { thresholdTokens: 100_000, price: standard(0.5, 2.5) },
};

const ALIASES: Record<string, string> = {
  'claude-opus-4-0': 'claude-opus-4',
  'claude-sonnet-4-0': 'claude-sonnet-4',
  'claude-haiku-3-5': 'claude-3-5-haiku',
};

/** The most expensive known rate for each kind of token: what an unknown model is charged. */
export const FALLBACK_PRICE: ModelPrice = (() => {
  const rows = Object.values(PRICES);
  const max = (pick: (price: ModelPrice) => number) => Math.max(...rows.map(pick));
  return {
    input: max((p) => p.input),
    output: max((p) => p.output),
    cacheWrite: max((p) => p.cacheWrite),
    cacheRead: max((p) => p.cacheRead),
  };
})();

/**
 * Reduces the spellings users and gateways send to a table key: `anthropic/` prefixes, Bedrock's
 * `anthropic.` prefix and `-v1:0` suffix, Vertex's `@date`, dated snapshots, `-latest`, `[1m]`.
 */
export function canonicalModelId(model: string): string {
  let id = model.trim().toLowerCase();
  id = id.replace(/^anthropic[/.]/, '').replace(/^(us|eu|apac|global)\.anthropic\./, '');
  id = id
    .replace(/\[1m\]$/, '')
    .replace(/@.*$/, '')
    .replace(/-v\d+(:\d+)?$/, '');
  id = id.replace(/-latest$/, '').replace(/-\d{8}$/, '');
  return ALIASES[id] ?? id;
}

/** The price row for a model, or undefined when the table does not know it. */
export function priceOf(model: string): ModelPrice | undefined {
  return PRICES[canonicalModelId(model)];
}

export interface Cost {
  usd: number;
  /** Set when the model is not in the table and was charged the fallback price. */
  warning?: string;
}

/** What one model response cost. Unknown models err on the safe side so a cost cap still bites. */
export function costOf(model: string, usage: Usage): Cost {
  const id = canonicalModelId(model);
  let price = PRICES[id];
  const warning =
    price === undefined
      ? `No price known for model '${model}': cost is estimated at the highest known rate ` +
        `($${FALLBACK_PRICE.input}/$${FALLBACK_PRICE.output} per million input/output tokens).`
      : undefined;
  price ??= FALLBACK_PRICE;
  const long = LONG_PROMPT[id];
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  if (long && promptTokens > long.thresholdTokens) price = long.price;
  const usd =
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheWriteTokens * price.cacheWrite +
      usage.cacheReadTokens * price.cacheRead) /
    1_000_000;
  return warning === undefined ? { usd } : { usd, warning };
}
