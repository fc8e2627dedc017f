// The SDK's transport (src/harness/anthropic/node-fetch.ts): node:http and node:https under a real `Response`.
// The SDK itself runs over it in client.test.ts; these are the transport's own edges.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../../src/harness/anthropic/node-fetch.js';
import type { ModelRequest } from '../../../src/harness/model.js';
import { startFakeAnthropic, text, type FakeAnthropic } from '../../fakes/anthropic.js';
import { clientFor, MODEL } from '../helpers.js';

let fake: FakeAnthropic | undefined;
let server: Server | undefined;
afterEach(async () => {
  await fake?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  fake = server = undefined;
});

const request: ModelRequest = {
  model: MODEL,
  maxTokens: 64,
  system: [{ type: 'text', text: 'Be brief.' }],
  tools: [],
  messages: [{ role: 'user', content: 'Hi.' }],
};

/** A plain server on 127.0.0.1 answering every request with `handler`; returns its base URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('nodeFetch under the SDK', () => {
  it('sends what the SDK builds: method, path, the SDK headers and the JSON body', async () => {
    fake = await startFakeAnthropic({ turns: [text('Hello.')] });
    const outcome = await clientFor(fake).send(request, new AbortController().signal);
    expect(outcome.ok).toBe(true);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/messages', stream: true });
    expect(sent!.headers).toMatchObject({
      authorization: 'Bearer sk-test', // how SDK 1.x sends an API key
      'content-type': 'application/json',
      accept: 'application/json',
      'x-stainless-retry-count': '0',
    });
    expect(sent!.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent!.headers['content-length']).toBe(String(sent!.rawBytes));
    expect(sent!.body).toMatchObject({ model: MODEL, max_tokens: 64, stream: true, messages: [{ role: 'user' }] });
  });

  it('turns a connection that drops mid-answer into a failed outcome that says so', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const start = {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: MODEL,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
      };
      res.write(`event: message_start\ndata: ${JSON.stringify(start)}\n\n`, () => res.socket?.destroy());
    });
    const client = clientFor({ url } as FakeAnthropic, 0);
    const outcome = await client.send(request, new AbortController().signal);
    expect(outcome).toEqual({
      ok: false,
      error: { message: `the model's stream ended mid-answer: the connection to ${url} closed (ECONNRESET)` },
    });
  });
});

describe('nodeFetch on its own', () => {
  it('hands back status, headers and body as a Response', async () => {
    const url = await serve((req, res) => {
      res.writeHead(201, 'Made', { 'x-one': 'a', 'set-cookie': ['b=1', 'c=2'] });
      res.end(`${req.method} ${req.url} ${req.headers['x-asked']}`);
    });
    const response = await nodeFetch(`${url}/path?q=1`, { method: 'PUT', headers: { 'X-Asked': 'yes' }, body: '{}' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.headers.get('x-one')).toBe('a');
    expect(response.headers.getSetCookie()).toEqual(['b=1', 'c=2']);
    expect(await response.text()).toBe('PUT /path?q=1 yes');
  });

  it('gives a 204 a null body, as fetch does', async () => {
    const url = await serve((_req, res) => res.writeHead(204).end());
    const response = await nodeFetch(url, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('rejects with an AbortError when the signal aborts, before or during the request', async () => {
    const url = await serve(() => undefined); // never answers
    await expect(nodeFetch(url, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const pending = nodeFetch(url, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a URL that is neither http: nor https:, and a body it cannot send', async () => {
    await expect(nodeFetch('file:///etc/passwd')).rejects.toThrow('model API URL file:///etc/passwd: only http: and https: are supported');
    const url = await serve((_req, res) => res.end());
    await expect(nodeFetch(url, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      'model API request: only a string or byte body is supported',
    );
  });
});
