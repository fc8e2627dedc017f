// Corporate proxies (src/net/proxy.ts): which proxy a URL goes through, and the model transport
// (src/harness/anthropic/node-fetch.ts) through a real local proxy (test/fakes/proxy.ts), under the SDK.
// The fakes are named by hosts no resolver knows (`model.proxied.test`): a request that reaches one went
// through the proxy. No NODE_USE_ENV_PROXY: the variables are read per request, from process.env.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { nodeFetch } from '../../src/harness/anthropic/node-fetch.js';
import type { ModelRequest } from '../../src/harness/model.js';
import { proxiedFetch, proxyFor } from '../../src/net/proxy.js';
import { brokenStream, hang, startFakeAnthropic, text, type FakeAnthropic } from '../fakes/anthropic.js';
import { proxyEnv, startFakeProxy, type FakeProxy } from '../fakes/proxy.js';
import { clientFor, MODEL } from './helpers.js';

let model: FakeAnthropic | undefined;
let proxy: FakeProxy | undefined;
afterEach(async () => {
  await model?.close();
  await proxy?.close();
  model = proxy = undefined;
});

const request: ModelRequest = {
  model: MODEL,
  maxTokens: 64,
  system: [{ type: 'text', text: 'Be brief.' }],
  tools: [],
  messages: [{ role: 'user', content: 'Hi.' }],
};

/** The fake model's URL under a host only the proxy resolves (to 127.0.0.1). */
const proxiedName = (fake: FakeAnthropic) => fake.url.replace('127.0.0.1', 'model.proxied.test');
const portOf = (url: string) => new URL(url).port;

describe('which proxy a URL goes through', () => {
  const https = new URL('https://api.anthropic.com/v1/messages');
  const http = new URL('http://api.example.com:8080/');
  const via = (target: URL, env: Record<string, string>) => {
    const proxy = proxyFor(target, env);
    return proxy && `${proxy.url.href} ${proxy.variable}`;
  };
  /** Whether `url` goes through a proxy, both set, under `noProxy`. */
  const proxied = (url: string, noProxy: string) =>
    via(new URL(url), { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy }) !== undefined;

  it('is none without a variable, and none for a scheme other than http: and https:', () => {
    expect(via(https, {})).toBeUndefined();
    expect(via(new URL('file:///etc/passwd'), { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' })).toBeUndefined();
  });

  it('is HTTPS_PROXY for https:, then HTTP_PROXY; only HTTP_PROXY for http:; the lower-case form first', () => {
    expect(via(https, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://h:2' })).toBe('http://s:1/ HTTPS_PROXY');
    expect(via(https, { HTTP_PROXY: 'http://h:2' })).toBe('http://h:2/ HTTP_PROXY');
    expect(via(http, { HTTPS_PROXY: 'http://s:1' })).toBeUndefined();
    expect(via(http, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://h:2' })).toBe('http://h:2/ HTTP_PROXY');
    expect(via(https, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })).toBe('http://lower:1/ https_proxy');
    // An empty variable is unset.
    expect(via(https, { https_proxy: '', HTTPS_PROXY: 'http://upper:1' })).toBe('http://upper:1/ HTTPS_PROXY');
  });

  it('reads a proxy without a scheme as http://, as curl and the Actions toolkit do', () => {
    expect(via(https, { HTTPS_PROXY: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128/ HTTPS_PROXY');
  });

  it('refuses a proxy that is not http:// or https://, naming the variable and hiding the password', () => {
    expect(() => proxyFor(https, { HTTPS_PROXY: 'socks5://me:hunter2-secret@proxy.corp:1080' })).toThrow(
      "HTTPS_PROXY is not an http:// or https:// proxy URL (it is 'socks5://***@proxy.corp:1080'). " +
        "Set it to the proxy's URL, such as http://proxy.example.com:3128, or unset it.",
    );
  });

  it('hides a password holding `/`, `:` or `@`: everything before the last `@` is user info', () => {
    for (const value of ['socks5://user:s3cr/et@proxy:3128', 'socks5://user:p@ss@proxy:3128', 'socks5://u:a:b@proxy:3128']) {
      let message = '';
      try {
        proxyFor(https, { HTTPS_PROXY: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("(it is 'socks5://***@proxy:3128')");
      expect(message).not.toMatch(/s3cr|ss@proxy|a:b/);
    }
  });

  it('exempts what NO_PROXY names: hosts and their subdomains, with or without a leading dot or *.', () => {
    expect(proxied('http://localhost:8080/', 'localhost')).toBe(false);
    expect(proxied('http://LOCALHOST:8080/', 'localhost')).toBe(false);
    expect(proxied('http://127.0.0.1:8080/', 'localhost')).toBe(true);
    for (const entry of ['example.com', '.example.com', '*.example.com', 'EXAMPLE.com']) {
      expect(proxied('https://example.com/', entry), entry).toBe(false);
      expect(proxied('https://api.example.com/', entry), entry).toBe(false);
      expect(proxied('https://notexample.com/', entry), entry).toBe(true);
      expect(proxied('https://example.com.evil.test/', entry), entry).toBe(true);
    }
    expect(proxied('https://api.github.com/', 'internal.corp, example.com ,github.com')).toBe(false);
    expect(proxied('https://api.github.com/', 'internal.corp example.com')).toBe(true);
    expect(proxied('http://[::1]:8080/', '[::1]')).toBe(false);
  });

  it('exempts every host for *, and on a port only when an entry names one (the default port counts)', () => {
    expect(proxied('https://api.anthropic.com/', '*')).toBe(false);
    expect(proxied('https://api.anthropic.com/', 'localhost,*')).toBe(false);
    expect(proxied('https://ghe.corp:8443/', 'ghe.corp:8443')).toBe(false);
    expect(proxied('https://ghe.corp/', 'ghe.corp:8443')).toBe(true);
    expect(proxied('https://ghe.corp/', 'ghe.corp:443')).toBe(false);
    expect(proxied('http://ghe.corp/', 'ghe.corp:443')).toBe(true);
  });

  it('takes no_proxy before NO_PROXY, and exempts no address the user did not list (not even loopback)', () => {
    const env = { HTTP_PROXY: 'http://p:1', no_proxy: 'a.test', NO_PROXY: '127.0.0.1' };
    expect(via(new URL('http://a.test/'), env)).toBeUndefined();
    expect(via(new URL('http://127.0.0.1:9/'), env)).toBe('http://p:1/ HTTP_PROXY');
    expect(via(new URL('http://localhost:9/'), { HTTP_PROXY: 'http://p:1' })).toBe('http://p:1/ HTTP_PROXY');
  });
});

describe('the model transport through a proxy', () => {
  it('reaches a host only the proxy knows, the request tunnelled whole', async () => {
    model = await startFakeAnthropic({ turns: [text('Hello through the proxy.')] });
    proxy = await startFakeProxy();
    proxyEnv({ HTTP_PROXY: proxy.url });
    const outcome = await clientFor(model, 0, { baseURL: proxiedName(model) }).send(request, new AbortController().signal);
    expect(outcome).toMatchObject({ ok: true, message: { content: [{ type: 'text', text: 'Hello through the proxy.' }] } });
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `model.proxied.test:${portOf(model.url)}` }]);
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages', stream: true });
    expect(model.requests[0]!.headers).toMatchObject({ authorization: 'Bearer sk-test', 'content-type': 'application/json' });
  });

  it('takes a loopback endpoint through the proxy too, unless NO_PROXY names it', async () => {
    model = await startFakeAnthropic({ turns: [text('Proxied.'), text('Direct.')] });
    proxy = await startFakeProxy();
    proxyEnv({ http_proxy: proxy.url });
    expect(await clientFor(model, 0).send(request, new AbortController().signal)).toMatchObject({ ok: true });
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${portOf(model.url)}` }]);

    process.env.no_proxy = `localhost,127.0.0.1:${portOf(model.url)}`;
    expect(await clientFor(model, 0).send(request, new AbortController().signal)).toMatchObject({ ok: true });
    expect(proxy.seen).toHaveLength(1);
    expect(model.requests).toHaveLength(2);
  });

  it('sends the user and password of the proxy URL as Proxy-Authorization', async () => {
    const [user, password] = ['flue runner', 'p@ss:w/rd%1'];
    model = await startFakeAnthropic({ turns: [text('Authenticated.')] });
    proxy = await startFakeProxy({ credentials: `${user}:${password}` });
    proxyEnv({ HTTP_PROXY: proxy.urlWith(`${encodeURIComponent(user)}:${encodeURIComponent(password)}`) });
    expect(await clientFor(model, 0, { baseURL: proxiedName(model) }).send(request, new AbortController().signal)).toMatchObject({ ok: true });
    expect(proxy.seen).toEqual([
      {
        method: 'CONNECT',
        target: `model.proxied.test:${portOf(model.url)}`,
        authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      },
    ]);
  });

  it('fails at once when the proxy refuses the password, naming the proxy and never the password', async () => {
    model = await startFakeAnthropic({ turns: [text('unreachable')] });
    proxy = await startFakeProxy({ credentials: 'runner:right-password' });
    proxyEnv({ HTTP_PROXY: proxy.urlWith('runner:wrong-password-8d1f') });
    const base = proxiedName(model);
    const outcome = await clientFor(model, 3, { baseURL: base }).send(request, new AbortController().signal);
    expect(outcome).toEqual({
      ok: false,
      error: {
        message:
          `could not reach the model API at ${base}: the proxy ${proxy.url} (HTTP_PROXY) refused to connect to model.proxied.test:${portOf(model.url)}: ` +
          'it answered 407 (Proxy Authentication Required: check the user and password in the URL)',
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('wrong-password-8d1f');
    // No retry: a refused password is refused again.
    expect(proxy.seen).toHaveLength(1);
    expect(model.requests).toHaveLength(0);
  });

  it('names the proxy when it blocks the host (403)', async () => {
    model = await startFakeAnthropic({ turns: [text('unreachable')] });
    proxy = await startFakeProxy({ refuse: 403 });
    proxyEnv({ HTTP_PROXY: proxy.url });
    const outcome = await clientFor(model, 0, { baseURL: proxiedName(model) }).send(request, new AbortController().signal);
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`the proxy ${proxy.url} (HTTP_PROXY) refused to connect to model.proxied.test`) },
    });
    expect(outcome).toMatchObject({ error: { message: expect.stringMatching(/it answered 403$/) } });
  });

  it('retries when the proxy could not reach the host (502), and says so', async () => {
    model = await startFakeAnthropic({ turns: [text('unreachable')] });
    proxy = await startFakeProxy({ refuse: 502 });
    proxyEnv({ HTTP_PROXY: proxy.url });
    const base = proxiedName(model);
    const retries: string[] = [];
    const outcome = await clientFor(model, 1, { baseURL: base }).send(request, new AbortController().signal, {
      onRetry: (message) => retries.push(message),
    });
    const said = `could not reach the model API at ${base}: the proxy ${proxy.url} (HTTP_PROXY) could not reach model.proxied.test:${portOf(model.url)}: it answered 502`;
    expect(retries).toEqual([expect.stringContaining(said)]);
    expect(outcome).toMatchObject({ ok: false, error: { message: expect.stringContaining(said) } });
    expect(proxy.seen).toHaveLength(2);
  });

  it('names the proxy, without its password, when nothing listens there', async () => {
    const port = await closedPort();
    model = await startFakeAnthropic({ turns: [text('unreachable')] });
    proxyEnv({ HTTP_PROXY: `http://runner:gone-secret-4c2a@127.0.0.1:${port}` });
    const base = proxiedName(model);
    const outcome = await clientFor(model, 2, { baseURL: base }).send(request, new AbortController().signal);
    expect(outcome).toEqual({
      ok: false,
      error: {
        message: `could not reach the model API at ${base}: ${base} through the proxy http://127.0.0.1:${port} (HTTP_PROXY): connect ECONNREFUSED 127.0.0.1:${port}`,
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('gone-secret-4c2a');
  });

  it('says which variable is wrong when a proxy variable is not an HTTP proxy URL', async () => {
    model = await startFakeAnthropic({ turns: [text('unreachable')] });
    proxyEnv({ HTTP_PROXY: 'socks5://runner:sock-secret-77@127.0.0.1:1080' });
    const outcome = await clientFor(model, 2).send(request, new AbortController().signal);
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`could not reach the model API at ${model.url}: HTTP_PROXY is not an http:// or https:// proxy URL`) },
    });
    expect(JSON.stringify(outcome)).not.toContain('sock-secret-77');
    expect(model.requests).toHaveLength(0);
  });
});

describe('a broken stream through a proxy is told and retried as without one', () => {
  it.each([
    [
      'a connection reset mid-answer',
      brokenStream('reset'),
      /^the model's stream ended mid-answer: the connection to http:\/\/model\.proxied\.test:\d+ closed/,
    ],
    ['a stream that goes silent after message_start', hang('mid-stream'), /^the model's stream went silent \(no data for 0\.5 s\)/],
  ])('%s', async (_name, failure, said) => {
    model = await startFakeAnthropic({ turns: [failure, text('recovered')] });
    proxy = await startFakeProxy();
    proxyEnv({ HTTP_PROXY: proxy.url });
    const retries: string[] = [];
    const client = clientFor(model, Number.POSITIVE_INFINITY, { baseURL: proxiedName(model), streamIdleMs: 500 });
    const outcome = await client.send(request, new AbortController().signal, { onRetry: (message) => retries.push(message) });
    expect(outcome).toMatchObject({ ok: true, message: { content: [{ type: 'text', text: 'recovered' }] } });
    expect(retries).toEqual([expect.stringMatching(said)]);
    expect(model.requests).toHaveLength(2);
    expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
  });
});

describe('nodeFetch through a proxy', () => {
  it('aborts a proxied request with an AbortError', async () => {
    const server = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      proxy = await startFakeProxy();
      proxyEnv({ HTTP_PROXY: proxy.url });
      const controller = new AbortController();
      const pending = nodeFetch(`http://silent.proxied.test:${(server.address() as { port: number }).port}/`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      server.close();
    }
  });
});

/** A port nothing listens on (one that just closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('proxiedFetch, for clients on plain fetch (the GitLab client)', () => {
  /** A JSON API on 127.0.0.1 that echoes the request; closed when the test ends. */
  async function echoServer(): Promise<string> {
    const server = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        response.writeHead(201, { 'content-type': 'application/json', 'x-page': '2' });
        response.end(JSON.stringify({ method: request.method, url: request.url, token: request.headers['private-token'], body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  it('answers as fetch does, through the proxy when one applies and directly when not', async () => {
    const base = await echoServer();
    proxy = await startFakeProxy();
    proxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: 'direct.test' });
    const init = { method: 'POST', headers: { 'PRIVATE-TOKEN': 'glpat-test', 'content-type': 'application/json' }, body: '{"a":1}' };
    const response = await proxiedFetch(new URL('/api/v4/projects?page=1', base.replace('127.0.0.1', 'gitlab.proxied.test')), init);
    expect([response.ok, response.status, response.headers.get('x-page')]).toEqual([true, 201, '2']);
    expect(await response.json()).toEqual({ method: 'POST', url: '/api/v4/projects?page=1', token: 'glpat-test', body: '{"a":1}' });
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `gitlab.proxied.test:${portOf(base)}` }]);

    process.env.NO_PROXY = '127.0.0.1';
    const direct = await proxiedFetch(`${base}/direct`, { method: 'GET' });
    expect(direct).toBeInstanceOf(Response);
    expect(await direct.json()).toMatchObject({ url: '/direct' });
    expect(proxy.seen).toHaveLength(1);
  });

  it('rejects as fetch does: a TypeError whose cause names the proxy and carries a code; a time-out stays a TimeoutError', async () => {
    const base = await echoServer();
    proxy = await startFakeProxy({ credentials: 'runner:right' });
    proxyEnv({ HTTPS_PROXY: proxy.urlWith('runner:wrong-gl-3a7c'), HTTP_PROXY: proxy.urlWith('runner:wrong-gl-3a7c') });
    const target = base.replace('127.0.0.1', 'gitlab.proxied.test');
    const failure = await proxiedFetch(target).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).toMatchObject({
      message: 'fetch failed',
      cause: {
        name: 'ProxyError',
        code: 'ERR_PROXY_REFUSED',
        message: `the proxy ${proxy.url} (HTTP_PROXY) refused to connect to gitlab.proxied.test:${portOf(base)}: it answered 407 (Proxy Authentication Required: check the user and password in the URL)`,
      },
    });
    expect(String((failure as Error).cause)).not.toContain('wrong-gl-3a7c');

    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => {
      for (const socket of held) socket.destroy();
      silent.close();
    });
    proxyEnv({ HTTP_PROXY: proxy.urlWith('runner:right') });
    const slow = `http://gitlab.proxied.test:${(silent.address() as { port: number }).port}/`;
    await expect(proxiedFetch(slow, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
