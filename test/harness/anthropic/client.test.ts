import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { AnthropicModelClient } from '../../../src/harness/anthropic/client.js';
import type { ModelRequest } from '../../../src/harness/model.js';
import { apiError, hang, startFakeAnthropic, streamError, text, toolBlock, turn, type FakeAnthropic } from '../../fakes/anthropic.js';
import { clientFor, MODEL } from '../helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const request: ModelRequest = {
  model: MODEL,
  maxTokens: 1024,
  system: [{ type: 'text', text: 'You are terse.' }],
  tools: [
    { name: 'read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } },
    { name: 'grep', description: 'Search', input_schema: { type: 'object', properties: { pattern: { type: 'string' } } } },
  ],
  messages: [{ role: 'user', content: 'Say hello.' }],
};
const signal = () => new AbortController().signal;

describe('AnthropicModelClient against the fake Messages API', () => {
  it('streams a text answer and reports the usage, cache tokens included', async () => {
    fake = await startFakeAnthropic({
      turns: [
        text('Hello there, world.', {
          usage: { input_tokens: 12, output_tokens: 5, cache_creation_input_tokens: 300, cache_read_input_tokens: 40 },
        }),
      ],
    });
    const outcome = await clientFor(fake).send(request, signal());
    expect(outcome).toEqual({
      ok: true,
      message: {
        id: 'msg_fake_001',
        type: 'message',
        role: 'assistant',
        model: MODEL,
        content: [{ type: 'text', text: 'Hello there, world.' }],
        parsed_output: null,
        stop_reason: 'end_turn',
        stop_sequence: null,
        stop_details: undefined,
        usage: {
          input_tokens: 12,
          output_tokens: 5,
          cache_creation_input_tokens: 300,
          cache_read_input_tokens: 40,
          service_tier: 'standard',
        },
      },
    });
    const [sent] = fake.requests;
    expect(sent!.stream).toBe(true);
    expect(sent!.headers['authorization']).toBe('Bearer sk-test');
    expect(sent!.headers['x-stainless-helper-method']).toBe('stream');
  });

  it('joins streamed tool input (input_json_delta) into the tool_use block', async () => {
    const input = { path: 'src/ünïcode.ts', range: [1, 20], nested: { deep: true } };
    fake = await startFakeAnthropic({ turns: [turn([toolBlock('read', input), toolBlock('grep', { pattern: 'x' })])] });
    const outcome = await clientFor(fake).send(request, signal());
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.message.stop_reason).toBe('tool_use');
    expect(outcome.message.content).toEqual([
      { type: 'tool_use', id: 'toolu_fake_001', name: 'read', input },
      { type: 'tool_use', id: 'toolu_fake_002', name: 'grep', input: { pattern: 'x' } },
    ]);
  });

  it('puts cache breakpoints on the last tool, the last system block and the last message, without touching the history', async () => {
    fake = await startFakeAnthropic({ turns: [text('ok')] });
    const history = structuredClone(request);
    await clientFor(fake).send(history, signal());
    expect(history).toEqual(request);
    const body = fake.requests[0]!.body;
    expect(body.system).toEqual([{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }]);
    expect(body.tools.map((t: { cache_control?: unknown }) => t.cache_control)).toEqual([undefined, { type: 'ephemeral' }]);
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hello.', cache_control: { type: 'ephemeral' } }] }]);
  });

  it('retries a 429 after the retry-after-ms the server asks for, then succeeds', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(429, 'Rate limited', { retryAfterMs: 20 }), text('second try')] });
    const started = Date.now();
    const outcome = await clientFor(fake).send(request, signal());
    expect(outcome.ok && outcome.message.content).toEqual([{ type: 'text', text: 'second try' }]);
    expect(fake.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('honours retry-after in seconds too', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(529, 'Overloaded', { retryAfter: 0.02 }), text('ok')] });
    const outcome = await clientFor(fake).send(request, signal());
    expect(outcome.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up after maxRetries retries and names the status, type and provider message', async () => {
    const overloaded = () => apiError(529, 'Overloaded', { retryAfterMs: 5 });
    fake = await startFakeAnthropic({ turns: [overloaded(), overloaded(), overloaded()] });
    const outcome = await clientFor(fake, 2).send(request, signal());
    expect(outcome).toEqual({
      ok: false,
      error: {
        status: 529,
        message: expect.stringMatching(
          /^model API returned 529 overloaded_error: Overloaded \(request-id req_error_529\); gave up after 3 attempts over \d+\.\d s$/,
        ),
      },
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 400 and passes the provider message through', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(400, 'max_tokens: 1000000 > 64000, the maximum for this model')] });
    const outcome = await clientFor(fake).send(request, signal());
    expect(outcome).toEqual({
      ok: false,
      error: {
        status: 400,
        message: 'model API returned 400 invalid_request_error: max_tokens: 1000000 > 64000, the maximum for this model (request-id req_error_400)',
      },
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a proxy error page without the JSON error body, shortened', async () => {
    const page = `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(400)}</body></html>`;
    fake = await startFakeAnthropic({ turns: [apiError(502, '', { rawBody: page })] });
    const outcome = await clientFor(fake, 0).send(request, signal());
    expect(outcome).toEqual({
      ok: false,
      error: { status: 502, message: `model API returned 502 ${page.slice(0, 300)}…` },
    });
  });

  it('reports an error event inside a started stream', async () => {
    fake = await startFakeAnthropic({ turns: [streamError('overloaded_error', 'Overloaded')] });
    const outcome = await clientFor(fake, 0).send(request, signal());
    expect(outcome).toEqual({
      ok: false,
      error: { message: 'model API error during streaming: overloaded_error: Overloaded' },
    });
  });

  it('reports an unreachable endpoint by its address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = new AnthropicModelClient({ apiKey: 'sk-test', baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const outcome = await client.send(request, signal());
    expect(outcome).toEqual({
      ok: false,
      error: { message: `could not reach the model API at http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}` },
    });
  });

  it.each(['before-headers', 'mid-stream'] as const)('turns an abort while the server hangs (%s) into an aborted outcome', async (stage) => {
    fake = await startFakeAnthropic({ turns: [hang(stage)] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await clientFor(fake).send(request, controller.signal);
    expect(outcome).toEqual({ ok: false, error: { message: 'model request aborted', aborted: true } });
  });

  it('reads ANTHROPIC_BASE_URL when no baseURL is given', async () => {
    fake = await startFakeAnthropic({ turns: [text('via env')] });
    const previous = process.env['ANTHROPIC_BASE_URL'];
    process.env['ANTHROPIC_BASE_URL'] = fake.url;
    try {
      const outcome = await new AnthropicModelClient({ apiKey: 'sk-test' }).send(request, signal());
      expect(outcome.ok && outcome.message.content).toEqual([{ type: 'text', text: 'via env' }]);
    } finally {
      if (previous === undefined) delete process.env['ANTHROPIC_BASE_URL'];
      else process.env['ANTHROPIC_BASE_URL'] = previous;
    }
  });
});

describe('the fake itself', () => {
  it('answers a non-streaming request with a whole Message', async () => {
    fake = await startFakeAnthropic({ turns: [text('plain JSON', { usage: { input_tokens: 7 } })] });
    const sdk = new Anthropic({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
    const message = await sdk.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'plain JSON' }]);
    expect(message.usage.input_tokens).toBe(7);
    expect(fake.requests[0]!.stream).toBe(false);
  });

  it('rejects what the real API rejects, in its words', async () => {
    fake = await startFakeAnthropic({ turns: [text('never sent')] });
    const sdk = new Anthropic({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
    const bad = sdk.messages.create({
      model: MODEL,
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }] },
        { role: 'user', content: 'no result for it' },
      ],
    });
    await expect(bad).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      apiMessage:
        'messages.2: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. ' +
        'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    });
  });

  it('fails loudly when the script has no turn left', async () => {
    fake = await startFakeAnthropic();
    const outcome = await clientFor(fake).send(request, signal());
    expect(!outcome.ok && outcome.error.message).toBe(
      'model API returned 400 invalid_request_error: fake anthropic: no scripted turn left for request 1 (request-id req_error_400)',
    );
  });
});

describe('what the SDK warns about a request', () => {
  it('is handed back with the outcome instead of printed: the deprecated-model notice, every request', async () => {
    fake = await startFakeAnthropic({ turns: [text('one'), apiError(400, 'bad request')] });
    const printed: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void printed.push(args);
    try {
      const client = clientFor(fake, 0);
      const deprecated = { ...request, model: 'claude-sonnet-4-5' };
      const notice =
        "The model 'claude-sonnet-4-5' is deprecated and will reach end-of-life on November 30th, 2026 Please migrate to a newer model. Visit https://docs.anthropic.com/en/docs/resources/model-deprecations for more information.";
      const answered = await client.send(deprecated, signal());
      expect(answered).toMatchObject({ ok: true, warnings: [notice] });
      const failed = await client.send(deprecated, signal());
      expect(failed).toMatchObject({ ok: false, warnings: [notice] });
      expect(await client.send({ ...request, messages: [{ role: 'user', content: 'again' }] }, signal())).not.toHaveProperty('warnings');
    } finally {
      console.warn = original;
    }
    expect(printed).toEqual([]);
  });
});
