import { describe, expect, it } from 'vitest';
import { canonicalModelId, costOf, FALLBACK_PRICE, priceOf } from '../../src/harness/pricing.js';

const usage = (inputTokens: number, outputTokens: number, cacheWriteTokens = 0, cacheReadTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheWriteTokens,
  cacheReadTokens,
});

describe('pricing', () => {
  it('prices input, output, cache writes (1.25x) and cache reads (0.1x) per million tokens', () => {
    // Sonnet 4.6: $3 in, $15 out, $3.75 cache write, $0.30 cache read.
    expect(costOf('claude-sonnet-4-6', usage(1_000_000, 0))).toEqual({ usd: 3 });
    expect(costOf('claude-sonnet-4-6', usage(0, 1_000_000))).toEqual({ usd: 15 });
    expect(costOf('claude-sonnet-4-6', usage(0, 0, 1_000_000))).toEqual({ usd: 3.75 });
    expect(costOf('claude-sonnet-4-6', usage(0, 0, 0, 1_000_000)).usd).toBeCloseTo(0.3, 10);
    expect(costOf('claude-sonnet-4-6', usage(2000, 500, 10_000, 50_000)).usd).toBeCloseTo(0.006 + 0.0075 + 0.0375 + 0.015, 10);
  });

  it('knows the current families', () => {
    expect(priceOf('claude-opus-4-6')).toEqual({ input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 });
    expect(priceOf('claude-opus-4-1')).toEqual({ input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 });
    expect(priceOf('claude-haiku-4-5')).toEqual({ input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 });
    expect(priceOf('claude-3-5-haiku')).toEqual({ input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 });
    expect(priceOf('claude-sonnet-4-5')?.input).toBe(3);
  });

  it('reads dated, prefixed and gateway spellings of a model id', () => {
    expect(canonicalModelId('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(canonicalModelId('anthropic/claude-opus-4-6')).toBe('claude-opus-4-6');
    expect(canonicalModelId('us.anthropic.claude-sonnet-4-20250514-v1:0')).toBe('claude-sonnet-4');
    expect(canonicalModelId('claude-opus-4-1@20250805')).toBe('claude-opus-4-1');
    expect(canonicalModelId('claude-3-5-haiku-latest')).toBe('claude-3-5-haiku');
    expect(canonicalModelId('claude-opus-4-0')).toBe('claude-opus-4');
  });

  it('charges an unknown model the most expensive known rate, with a warning', () => {
    expect(FALLBACK_PRICE).toEqual({ input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 });
    expect(costOf('gpt-something', usage(1_000_000, 1_000_000))).toEqual({
      usd: 90,
      warning: "No price known for model 'gpt-something': cost is estimated at the highest known rate ($15/$75 per million input/output tokens).",
    });
  });

  it('applies the long-prompt rate where the price list has one', () => {
    expect(costOf('claude-haiku-5-5', usage(100_000, 0)).usd).toBeCloseTo(0.01, 10);
    expect(costOf('claude-haiku-5-5', usage(100_001, 0)).usd).toBeCloseTo(0.0500005, 10);
  });
});
