import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { runLoop } from '../../src/harness/loop.js';
import { apiError, startFakeAnthropic, text, textBlock, toolBlock, toolUse, turn, type FakeAnthropic } from '../fakes/anthropic.js';
import { loopOptions, MODEL, tool } from './helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const EPHEMERAL = { type: 'ephemeral' };
const zeroTotals = { cacheReadTokens: 0, cacheWriteTokens: 0 };

describe('runLoop', () => {
  it('ends with the final text when the model answers without tools, and logs what it sent', async () => {
    fake = await startFakeAnthropic({ turns: [text('The answer is 42.', { usage: { input_tokens: 1000, output_tokens: 20 } })] });
    const { options, recorder } = loopOptions(fake);
    const outcome = await runLoop(options);
    expect(outcome).toEqual({
      status: 'succeeded',
      cause: 'answered',
      text: 'The answer is 42.',
      totals: { inputTokens: 1000, outputTokens: 20, ...zeroTotals, turns: 1, costUsd: 0.0033, durationMs: expect.any(Number) },
    });
    expect(recorder.events.map((e) => e.type)).toEqual(['model_request', 'model_response']);
    expect(recorder.of('model_request')[0]).toEqual({
      type: 'model_request',
      turn: 1,
      bytes: fake.requests[0]!.rawBytes,
      system: 'You are a test agent.',
      tools: ['give_up'],
      messages: [{ role: 'user', content: 'Do the thing.' }],
    });
    expect(recorder.of('model_response')[0]).toEqual({
      type: 'model_response',
      turn: 1,
      stopReason: 'end_turn',
      content: [{ type: 'text', text: 'The answer is 42.' }],
      usage: { inputTokens: 1000, outputTokens: 20, ...zeroTotals },
      costUsd: 0.0033,
      durationMs: expect.any(Number),
    });
  });

  it('runs parallel tool calls at once, answers in call order, and sends the full history next', async () => {
    fake = await startFakeAnthropic({
      turns: [turn([textBlock('Looking.'), toolBlock('slow', { n: 1 }), toolBlock('fast', { n: 2 })]), text('Both done.')],
    });
    // `slow` finishes only once `fast` has started: run one after the other, it would answer 'ran alone'.
    let fastStarted!: () => void;
    const started = new Promise<void>((resolve) => (fastStarted = resolve));
    const finished: string[] = [];
    const slow = tool('slow', async () => {
      let timer: NodeJS.Timeout | undefined;
      const alone = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('ran alone'), 2_000)));
      const result = await Promise.race([started.then(() => 'slow result'), alone]);
      clearTimeout(timer);
      finished.push('slow');
      return result;
    });
    const fast = tool('fast', async () => {
      fastStarted();
      finished.push('fast');
      return { content: 'fast result', isError: true };
    });
    const { options, recorder } = loopOptions(fake, { tools: [slow, fast] });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'succeeded', text: 'Both done.' });
    expect(finished).toEqual(['fast', 'slow']);
    expect(slow.calls).toEqual([{ n: 1 }]);
    expect(fast.calls).toEqual([{ n: 2 }]);
    expect(fake.requests[1]!.body.messages).toEqual([
      { role: 'user', content: 'Do the thing.' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Looking.' },
          { type: 'tool_use', id: 'toolu_fake_001', name: 'slow', input: { n: 1 } },
          { type: 'tool_use', id: 'toolu_fake_002', name: 'fast', input: { n: 2 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_fake_001', content: 'slow result' },
          { type: 'tool_result', tool_use_id: 'toolu_fake_002', content: 'fast result', is_error: true, cache_control: EPHEMERAL },
        ],
      },
    ]);
    const [first, second] = recorder.of('model_request');
    expect(second).toEqual({
      type: 'model_request',
      turn: 2,
      bytes: fake.requests[1]!.rawBytes,
      messages: (fake.requests[1]!.body.messages as Array<{ role: string; content: unknown }>).slice(1).map(stripCacheControl),
    });
    expect(first!.system).toBe('You are a test agent.');
    expect(recorder.of('tool_result').map(({ name, isError, content }) => ({ name, isError, content }))).toEqual(
      expect.arrayContaining([
        { name: 'slow', isError: false, content: 'slow result' },
        { name: 'fast', isError: true, content: 'fast result' },
      ]),
    );
  });

  it('turns a throwing tool, an unknown tool and an oversized result into results the model can read', async () => {
    fake = await startFakeAnthropic({
      turns: [turn([toolBlock('boom', {}), toolBlock('nope', {}), toolBlock('huge', {})]), text('ok')],
    });
    const boom = tool('boom', () => {
      throw new Error('disk on fire');
    });
    const huge = tool('huge', () => 'x'.repeat(LIMITS.toolOutputChars + 500));
    const { options } = loopOptions(fake, { tools: [boom, huge] });
    expect((await runLoop(options)).status).toBe('succeeded');
    const results = fake.requests[1]!.body.messages[2].content;
    expect(results[0]).toEqual({ type: 'tool_result', tool_use_id: 'toolu_fake_001', content: "Tool 'boom' failed: disk on fire", is_error: true });
    expect(results[1]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_fake_002',
      content: "Unknown tool 'nope'. Available tools: boom, huge, give_up.",
      is_error: true,
    });
    expect(results[2].content).toBe(
      'x'.repeat(LIMITS.toolOutputChars) +
        `\n[output truncated by the runner: first ${LIMITS.toolOutputChars} of ${LIMITS.toolOutputChars + 500} characters shown; ` +
        'ask for less, e.g. a narrower path, pattern or line range]',
    );
  });

  it('fails with the provider message when the model errors, never succeeds', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('echo', {}), apiError(400, 'prompt is too long: 250000 tokens > 200000 maximum')] });
    const { options, recorder } = loopOptions(fake, { tools: [tool('echo', () => 'hi')] });
    const outcome = await runLoop(options);
    const message = 'model API returned 400 invalid_request_error: prompt is too long: 250000 tokens > 200000 maximum (request-id req_error_400)';
    expect(outcome).toMatchObject({ status: 'failed', cause: 'model_error', reason: message });
    expect(outcome.totals.turns).toBe(1);
    expect(recorder.of('error')).toEqual([{ type: 'error', message, cause: 'model' }]);
  });

  it('fails on a refusal and on a context-window stop', async () => {
    fake = await startFakeAnthropic({ turns: [text('I cannot help with that.', { stopReason: 'refusal' })] });
    expect(await runLoop(loopOptions(fake).options)).toMatchObject({
      status: 'failed',
      cause: 'refusal',
      reason: 'the model refused to continue (stop_reason refusal)',
      text: 'I cannot help with that.',
    });
    fake.push(text('', { stopReason: 'model_context_window_exceeded' }));
    expect(await runLoop(loopOptions(fake).options)).toMatchObject({ status: 'failed', cause: 'context_window' });
  });

  it('asks for a shorter reply once when cut off at max_tokens, then fails if it happens again', async () => {
    fake = await startFakeAnthropic({ turns: [text('Long answer that', { stopReason: 'max_tokens' }), text('Short answer.')] });
    expect(await runLoop(loopOptions(fake).options)).toMatchObject({ status: 'succeeded', text: 'Short answer.' });
    expect(fake.requests[1]!.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Long answer that' }] },
      {
        role: 'user',
        content: [{ type: 'text', text: 'Your reply was cut off at the output token limit. Reply again, shorter.', cache_control: EPHEMERAL }],
      },
    ]);

    fake.push(text('cut', { stopReason: 'max_tokens' }), text('cut again', { stopReason: 'max_tokens' }));
    expect(await runLoop(loopOptions(fake).options)).toMatchObject({
      status: 'failed',
      cause: 'output_limit',
      reason: `the reply was cut off at max_tokens (${LIMITS.maxOutputTokensPerCall}) twice`,
    });
  });

  it('does not run a tool call whose input was cut off at max_tokens', async () => {
    fake = await startFakeAnthropic({
      turns: [turn([toolBlock('echo', { a: 1 }), toolBlock('echo', { partial: true })], { stopReason: 'max_tokens' }), text('ok')],
    });
    const echo = tool('echo', () => 'ran');
    await runLoop(loopOptions(fake, { tools: [echo] }).options);
    expect(echo.calls).toEqual([{ a: 1 }]);
    expect(fake.requests[1]!.body.messages[2].content[1]).toMatchObject({
      is_error: true,
      content: 'This call was cut off at the output token limit before its input was complete. Send it again, smaller.',
    });
  });

  it('stamps the agent label on every event of a subagent loop and can skip the prefix', async () => {
    fake = await startFakeAnthropic({ turns: [text('sub done')] });
    const { options, recorder } = loopOptions(fake, { agent: 'researcher#1', logPrefix: false, modelId: MODEL });
    await runLoop(options);
    expect(recorder.events.every((e) => e.agent === 'researcher#1')).toBe(true);
    expect(recorder.of('model_request')[0]).not.toHaveProperty('system');
  });

  it('reports each distinct SDK warning once, as a warning event, however many turns repeat it', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('echo', { n: 1 }), toolUse('echo', { n: 2 }), text('Done.')] });
    // claude-sonnet-4-5 is on the SDK's list of deprecated models: it warns on every request.
    const { options, recorder } = loopOptions(fake, { tools: [tool('echo', () => 'ok')], modelId: 'claude-sonnet-4-5' });
    const outcome = await runLoop(options);
    expect(outcome.status).toBe('succeeded');
    expect(recorder.of('model_response')).toHaveLength(3);
    expect(recorder.of('warning')).toEqual([
      {
        type: 'warning',
        message:
          "The model 'claude-sonnet-4-5' is deprecated and will reach end-of-life on November 30th, 2026 Please migrate to a newer model. Visit https://docs.anthropic.com/en/docs/resources/model-deprecations for more information.",
      },
    ]);
  });
});

function stripCacheControl(message: { role: string; content: unknown }): unknown {
  if (!Array.isArray(message.content)) return message;
  return {
    ...message,
    content: message.content.map(({ cache_control: _c, ...block }: Record<string, unknown>) => block),
  };
}
