/**
 * The client's own retry policy against a fault-injecting fake of the Messages API: failures before
 * the stream (429, 529, 500) and inside it (an `error` event, a reset, a truncated body, malformed
 * JSON, a stall after message_start) are retried with backoff up to a time budget. The backoff runs
 * on a virtual clock: the waits are asserted, not slept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicModelClient, type AnthropicClientOptions } from '../../../src/harness/anthropic/client.js';
import { Budget } from '../../../src/harness/budget.js';
import { runLoop } from '../../../src/harness/loop.js';
import type { ModelRequest } from '../../../src/harness/model.js';
import {
  apiError,
  brokenStream,
  hang,
  startFakeAnthropic,
  streamError,
  text,
  toolUse,
  type FakeAnthropic,
  type FakeTurn,
} from '../../fakes/anthropic.js';
import { clientFor, limits, loopOptions, MODEL, tool, virtualClock } from '../helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const request: ModelRequest = {
  model: MODEL,
  maxTokens: 1024,
  system: [{ type: 'text', text: 'You are terse.' }],
  tools: [],
  messages: [{ role: 'user', content: 'Say hello.' }],
};
const signal = () => new AbortController().signal;

/** Sends once through `turns` then 'recovered', with unlimited retries for the default budget. */
async function sendThrough(turns: FakeTurn[], options: Partial<AnthropicClientOptions> & { clock?: ReturnType<typeof virtualClock> } = {}) {
  fake = await startFakeAnthropic({ turns: [...turns, text('recovered')] });
  const clock = options.clock ?? virtualClock();
  const retries: string[] = [];
  const outcome = await clientFor(fake, Number.POSITIVE_INFINITY, { ...options, clock }).send(request, signal(), {
    onRetry: (message) => retries.push(message),
  });
  return { outcome, retries, slept: clock.slept };
}

describe('failures before the stream', () => {
  it.each([
    [429, 'rate_limit_error'],
    [529, 'overloaded_error'],
    [500, 'api_error'],
  ])('retries %i (%s) without retry-after with exponential backoff, then succeeds', async (status, type) => {
    const { outcome, retries, slept } = await sendThrough([apiError(status, 'busy'), apiError(status, 'busy'), apiError(status, 'busy')]);
    expect(outcome.ok && outcome.message.content).toEqual([{ type: 'text', text: 'recovered' }]);
    expect(fake.requests).toHaveLength(4);
    expect(slept).toEqual([1_000, 2_000, 4_000]);
    expect(retries).toHaveLength(3);
    expect(retries[0]).toMatch(
      new RegExp(
        `^model API returned ${status} ${type}: busy \\(request-id req_error_${status}\\) after \\d+\\.\\d s; retrying in 1\\.0 s \\(attempt 2\\)$`,
      ),
    );
    expect(retries[2]).toMatch(/retrying in 4\.0 s \(attempt 4\)$/);
  });

  it('waits what retry-after asks for, in seconds, rather than its own backoff', async () => {
    const { outcome, slept } = await sendThrough([apiError(529, 'Overloaded', { retryAfter: 7 })]);
    expect(outcome.ok).toBe(true);
    expect(slept).toEqual([7_000]);
  });

  it('takes up to a quarter off each wait at random (jitter)', async () => {
    const { slept } = await sendThrough([apiError(529, 'x'), apiError(529, 'x')], { clock: virtualClock(() => 0.5) });
    expect(slept).toEqual([875, 1_750]);
  });

  it('caps the backoff at LIMITS.modelRetryMaxDelayMs', async () => {
    const { outcome, slept } = await sendThrough(Array.from({ length: 7 }, () => apiError(503, 'unavailable')));
    expect(outcome.ok).toBe(true);
    expect(slept).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('gives up when the next wait would pass the retry budget, naming the last cause and the attempts', async () => {
    const overloaded = Array.from({ length: 10 }, () => apiError(529, 'Overloaded'));
    const { outcome, slept } = await sendThrough(overloaded, { retryForMs: 10_000 });
    // 1 + 2 + 4 s slept; the next 8 s would end past 10 s.
    expect(slept).toEqual([1_000, 2_000, 4_000]);
    expect(fake.requests).toHaveLength(4);
    expect(outcome).toEqual({
      ok: false,
      error: {
        status: 529,
        message: expect.stringMatching(
          /^model API returned 529 overloaded_error: Overloaded \(request-id req_error_529\); gave up after 4 attempts over 7\.\d s$/,
        ),
      },
    });
  });

  it("never retries past the run's own time limit", async () => {
    fake = await startFakeAnthropic({ turns: [apiError(529, 'Overloaded'), apiError(529, 'Overloaded'), text('too late')] });
    const clock = virtualClock();
    const outcome = await clientFor(fake, Number.POSITIVE_INFINITY, { clock }).send(request, signal(), { timeLeftMs: 2_500 });
    expect(clock.slept).toEqual([1_000]);
    expect(!outcome.ok && outcome.error.message).toMatch(/; gave up after 2 attempts over 1\.\d s$/);
  });

  it('does not wait for a retry-after longer than the budget', async () => {
    const { outcome, slept } = await sendThrough([apiError(429, 'slow down', { retryAfter: 600 })]);
    expect(slept).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(!outcome.ok && outcome.error.status).toBe(429);
  });

  it('does not retry when the API says x-should-retry: false', async () => {
    const { outcome } = await sendThrough([apiError(500, 'broken', { headers: { 'x-should-retry': 'false' } })]);
    expect(outcome.ok).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a connection that cannot succeed: nothing listening, no such host', async () => {
    const clock = virtualClock();
    const refused = new AnthropicModelClient({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9', clock });
    expect(await refused.send(request, signal())).toEqual({
      ok: false,
      error: { message: 'could not reach the model API at http://127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9' },
    });
    const unknown = new AnthropicModelClient({ apiKey: 'sk-test', baseURL: 'http://no-such-host.invalid', clock });
    expect(await unknown.send(request, signal())).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/ENOTFOUND no-such-host\.invalid$/) },
    });
    expect(clock.slept).toEqual([]);
  });

  it('retries a connection the server accepts and resets before answering', async () => {
    const { outcome, retries } = await sendThrough([brokenStream('drop')]);
    expect(outcome.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(retries).toEqual([
      expect.stringMatching(/^could not reach the model API at http:\/\/127\.0\.0\.1:\d+: .*; retrying in 1\.0 s \(attempt 2\)$/),
    ]);
  });

  it('sleeps for real without a test clock, and wakes when the run is aborted', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(529, 'Overloaded', { retryAfterMs: 30 }), apiError(529, 'Overloaded', { retryAfter: 60 })] });
    const controller = new AbortController();
    const client = new AnthropicModelClient({ apiKey: 'sk-test', baseURL: fake.url });
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const outcome = await client.send(request, controller.signal);
    expect(outcome).toEqual({ ok: false, error: { message: 'model request aborted', aborted: true } });
    // The 30 ms wait was slept, the 60 s one cut short by the abort.
    expect(fake.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('stops waiting when the run is aborted during the backoff', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(529, 'Overloaded'), text('never asked')] });
    const controller = new AbortController();
    const clock = { ...virtualClock(), sleep: async () => controller.abort() };
    const outcome = await clientFor(fake, Number.POSITIVE_INFINITY, { clock }).send(request, controller.signal);
    expect(outcome).toEqual({ ok: false, error: { message: 'model request aborted', aborted: true } });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('failures after the stream started', () => {
  it.each([
    [
      'an overloaded_error event',
      streamError('overloaded_error', 'Overloaded'),
      /^model API error during streaming: overloaded_error: Overloaded after /,
    ],
    [
      'a connection reset',
      brokenStream('reset'),
      /^the model's stream ended mid-answer: the connection to http:\/\/127\.0\.0\.1:\d+ closed \(ECONNRESET\) after /,
    ],
    [
      'a truncated body',
      brokenStream('truncate'),
      /^the model's stream ended mid-answer \(truncated: stream ended without producing a Message with role=assistant\) after /,
    ],
    [
      'malformed JSON',
      brokenStream('malformed'),
      /^the model's stream sent malformed JSON \(Unterminated string in JSON at position \d+(?: \(line \d+ column \d+\))?\) after /,
    ],
  ])('retries %s like a 529 and says what failed', async (_name, failure, said) => {
    const { outcome, retries, slept } = await sendThrough([failure]);
    expect(outcome.ok && outcome.message.content).toEqual([{ type: 'text', text: 'recovered' }]);
    expect(fake.requests).toHaveLength(2);
    expect(slept).toEqual([1_000]);
    expect(retries).toEqual([expect.stringMatching(said)]);
  });

  it('aborts a stream that goes silent after message_start and retries it', async () => {
    const { outcome, retries } = await sendThrough([hang('mid-stream')], { streamIdleMs: 500 });
    expect(outcome.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(retries).toEqual([expect.stringMatching(/^the model's stream went silent \(no data for 0\.5 s\) after \d+\.\d s; retrying in 1\.0 s/)]);
  });

  it('fails with the last cause once the budget is spent', async () => {
    const { outcome } = await sendThrough([brokenStream('reset'), brokenStream('truncate'), brokenStream('malformed')], { retryForMs: 2_500 });
    expect(fake.requests).toHaveLength(2);
    expect(!outcome.ok && outcome.error.message).toMatch(
      /^the model's stream ended mid-answer \(truncated: .*\); gave up after 2 attempts over 1\.\d s$/,
    );
  });

  it('does not retry an error event about the request itself', async () => {
    const { outcome } = await sendThrough([streamError('invalid_request_error', 'prompt is too long')]);
    expect(outcome).toEqual({ ok: false, error: { message: 'model API error during streaming: invalid_request_error: prompt is too long' } });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('fallback-model', () => {
  const FALLBACK = 'claude-haiku-4-5';
  const overloaded = () => apiError(529, 'Overloaded');

  it('takes over after 3 overloads in a row (a 529 or an overloaded_error event)', async () => {
    const { outcome, retries } = await sendThrough([overloaded(), streamError('overloaded_error', 'Overloaded'), overloaded()], {
      fallbackModel: FALLBACK,
    });
    expect(outcome).toMatchObject({ ok: true, model: FALLBACK });
    expect(fake.requests.map((r) => r.body.model)).toEqual([MODEL, MODEL, MODEL, FALLBACK]);
    expect(retries[1]).toMatch(/; retrying in 2\.0 s \(attempt 3\)$/);
    expect(retries[2]).toMatch(/^model API returned 529 .*; retrying with claude-haiku-4-5 \(fallback-model\) in 4\.0 s \(attempt 4\)$/);
  });

  it('stays with the model while the overloads are not in a row, and without a fallback-model', async () => {
    const { outcome } = await sendThrough([overloaded(), overloaded(), apiError(500, 'oops'), overloaded(), overloaded()], { fallbackModel: FALLBACK });
    expect(outcome.ok && !('model' in outcome)).toBe(true);
    expect(fake.requests.every((r) => r.body.model === MODEL)).toBe(true);
    await fake.close();
    const without = await sendThrough([overloaded(), overloaded(), overloaded(), overloaded()]);
    expect(without.outcome.ok && !('model' in without.outcome)).toBe(true);
    expect(fake.requests.map((r) => r.body.model)).toEqual([MODEL, MODEL, MODEL, MODEL, MODEL]);
  });

  it('prices the answers in a run as the fallback model, on this turn and the next', async () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 100_000 };
    fake = await startFakeAnthropic({
      turns: [overloaded(), overloaded(), overloaded(), toolUse('read', {}, { usage }), text('done', { usage })],
    });
    const read = tool('read', () => 'ok');
    const model = clientFor(fake, Number.POSITIVE_INFINITY, { fallbackModel: FALLBACK });
    const { options, recorder } = loopOptions(fake, { model, tools: [read] });
    const outcome = await runLoop(options);
    expect(outcome.status).toBe('succeeded');
    expect(fake.requests.map((r) => r.body.model)).toEqual([MODEL, MODEL, MODEL, FALLBACK, FALLBACK]);
    // claude-haiku-4-5: $1 in, $5 out per million tokens (claude-sonnet-4-6 would be $4.50 a turn).
    expect(recorder.of('model_response').map((event) => event.costUsd)).toEqual([1.5, 1.5]);
    expect(outcome.totals.costUsd).toBe(3);
  });
});

describe('retries in a run', () => {
  it('records a warning per retry, and counts the turn and its cost once', async () => {
    fake = await startFakeAnthropic({
      turns: [apiError(529, 'Overloaded'), brokenStream('reset'), text('done', { usage: { input_tokens: 1_000, output_tokens: 100 } })],
    });
    const budget = new Budget(limits());
    const { options, recorder } = loopOptions(fake, { budget, model: clientFor(fake, Number.POSITIVE_INFINITY) });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'succeeded', cause: 'answered', text: 'done' });
    expect(recorder.of('warning').map((event) => event.message)).toEqual([
      expect.stringMatching(/^turn 1: model API returned 529 overloaded_error: Overloaded .*; retrying in 1\.0 s \(attempt 2\)$/),
      expect.stringMatching(/^turn 1: the model's stream ended mid-answer: .*\(ECONNRESET\) after .*; retrying in 2\.0 s \(attempt 3\)$/),
    ]);
    expect(recorder.of('model_request')).toHaveLength(1);
    expect(recorder.of('model_response')).toHaveLength(1);
    expect(fake.requests).toHaveLength(3);
    expect(outcome.totals).toMatchObject({ turns: 1, inputTokens: 1_000, outputTokens: 100 });
  });

  it("takes the stream idle time and the retry budget from the run's limits", async () => {
    fake = await startFakeAnthropic({ turns: [hang('mid-stream'), ...Array.from({ length: 5 }, () => apiError(529, 'Overloaded'))] });
    const budget = new Budget(limits({ modelIdleSeconds: 0.1, modelRetryMinutes: 0.12 }));
    const { options, recorder } = loopOptions(fake, { budget, model: clientFor(fake, Number.POSITIVE_INFINITY) });
    const outcome = await runLoop(options);
    // 7.2 s of retries: 1 + 2 + 4 s slept, then 8 s more would pass it.
    expect(recorder.of('warning').map((event) => event.message)).toEqual([
      expect.stringMatching(/^turn 1: the model's stream went silent \(no data for 0\.1 s\) after \d+\.\d s; retrying in 1\.0 s \(attempt 2\)$/),
      expect.stringMatching(/^turn 1: model API returned 529 .*; retrying in 2\.0 s \(attempt 3\)$/),
      expect.stringMatching(/^turn 1: model API returned 529 .*; retrying in 4\.0 s \(attempt 4\)$/),
    ]);
    expect(outcome).toMatchObject({
      status: 'failed',
      cause: 'model_error',
      // Slept for real: 7 s and the requests, longer on a loaded machine.
      reason: expect.stringMatching(/^model API returned 529 .*; gave up after 4 attempts over [78]\.\d s$/),
    });
    expect(fake.requests).toHaveLength(4);
  });

  it("stops retrying where the run's timeout-minutes would end it", async () => {
    fake = await startFakeAnthropic({ turns: Array.from({ length: 5 }, () => apiError(529, 'Overloaded')) });
    const budget = new Budget(limits({ timeoutMinutes: 0.05 }));
    const { options } = loopOptions(fake, { budget, model: clientFor(fake, Number.POSITIVE_INFINITY) });
    const outcome = await runLoop(options);
    // 3 s left: 1 s slept, then 2 s more would end past it.
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/; gave up after 2 attempts over 1\.\d s$/) });
    expect(fake.requests).toHaveLength(2);
  });

  it('fails the run with the last cause when retries run out', async () => {
    fake = await startFakeAnthropic({ turns: [brokenStream('malformed'), brokenStream('malformed')] });
    const { options, recorder } = loopOptions(fake, { model: clientFor(fake, 1) });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({
      status: 'failed',
      cause: 'model_error',
      reason: expect.stringMatching(
        /^the model's stream sent malformed JSON \(Unterminated string in JSON at position \d+(?: \(line \d+ column \d+\))?\); gave up after 2 attempts/,
      ),
    });
    expect(recorder.of('warning')).toHaveLength(1);
    expect(recorder.of('error')).toEqual([expect.objectContaining({ cause: 'model', message: outcome.reason })]);
  });
});
