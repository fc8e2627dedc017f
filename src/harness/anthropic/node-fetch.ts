import type http from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { proxyAgent, proxyError, proxyFor, type HttpProxy } from '../../net/proxy.js';

/** The part of `fetch` the Anthropic SDK calls: `(url, { method, headers, body, signal })`. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * `fetch` for the SDK over node:http / node:https instead of undici's fetch. A turn's overhead is a
 * headline figure and the WHATWG fetch algorithm is most of the SDK's own time per request (Request
 * and Headers objects, llhttp in WASM, stream teeing): this path skips it and still hands the SDK a
 * real `Response`, whose body the SDK reads as the SSE stream.
 *
 * Requests go through the default agents, `http.globalAgent` and `https.globalAgent`: keep-alive
 * sockets that do not hold the process open. When HTTPS_PROXY or HTTP_PROXY applies to the URL
 * (src/net/proxy.ts), the request goes through undici's proxy dispatcher instead, with the same
 * `Response` and the same errors. Aborting `init.signal` ends the request, or the body while it streams, with an
 * `AbortError`, which the SDK reports as an abort or a time-out. A connection failure rejects with
 * Node's error (`connect ECONNREFUSED 127.0.0.1:8080`), which the SDK wraps as a connection error; one
 * through a proxy with a ProxyError that names the proxy.
 */
export const nodeFetch: FetchLike = (input, init) => fetchOverNode(input, init, undefined);

/**
 * `nodeFetch` whose response body errors with a StreamIdleError when no byte arrives for `idleMs`
 * while the reader waits for one: a stream that sent its headers and then went silent.
 */
export function idleFetch(idleMs: number): FetchLike {
  return (input, init) => fetchOverNode(input, init, idleMs);
}

async function fetchOverNode(input: string | URL | Request, init: RequestInit = {}, idleMs: number | undefined): Promise<Response> {
  const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
  const proxy = proxyFor(url);
  const transport = proxy ? undefined : await transportFor(url);
  const body = requestBody(init.body);
  if (body instanceof Error) throw body;
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortError(signal);
  if (transport === undefined) return fetchThroughProxy(url, proxy!, init, body, idleMs);

  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: init.method ?? 'GET', headers: headerRecord(init.headers), signal });
    // Kept after the response too: a late socket error is the body stream's to report (then this
    // reject is a no-op), and an 'error' without a listener would end the process.
    request.on('error', reject);
    request.once('response', (incoming) => {
      const status = incoming.statusCode ?? 0;
      const nullBody = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
      if (nullBody) incoming.resume();
      try {
        resolve(
          new Response(nullBody ? null : responseStream(incoming, signal, idleMs), {
            status,
            statusText: incoming.statusMessage ?? '',
            headers: responseHeaders(incoming.rawHeaders),
          }),
        );
      } catch (error) {
        // A status outside 200-599, which `Response` refuses: no API answers so.
        incoming.destroy();
        reject(error);
      }
    });
    request.end(body);
  });
}

/**
 * The same request through `proxy`, with the undici dispatcher's `request()`: its body is a Node
 * stream like node:http's, read the same way. Failures before the response name the proxy.
 */
async function fetchThroughProxy(
  url: URL,
  proxy: HttpProxy,
  init: RequestInit,
  body: string | Uint8Array | undefined,
  idleMs: number | undefined,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  const dispatcher = await proxyAgent(proxy);
  let answer: Dispatcher.ResponseData;
  try {
    const method = (init.method ?? 'GET') as Dispatcher.HttpMethod;
    answer = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers: headerRecord(init.headers),
      body: body ?? null,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    throw proxyError(proxy, url, error);
  }
  const status = answer.statusCode;
  const nullBody = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
  if (nullBody) answer.body.resume();
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  try {
    return new Response(nullBody ? null : responseStream(answer.body, signal, idleMs), { status, headers });
  } catch (error) {
    answer.body.destroy();
    throw error;
  }
}

type Transport = Pick<typeof http, 'request'>;
const transports = new Map<string, Promise<Transport>>();

/** node:http or node:https, loaded on first use rather than at start-up: node:https brings tls along (~20 modules). */
function transportFor(url: URL): Promise<Transport> {
  let transport = transports.get(url.protocol);
  if (!transport) {
    if (url.protocol === 'http:') transport = import('node:http');
    else if (url.protocol === 'https:') transport = import('node:https');
    else return Promise.reject(new TypeError(`model API URL ${url.href}: only http: and https: are supported`));
    transports.set(url.protocol, transport);
  }
  return transport;
}

/** The SDK sends JSON text; anything else (a stream upload) is not a request the runner makes. */
function requestBody(body: RequestInit['body']): string | Uint8Array | undefined | Error {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  return new TypeError('model API request: only a string or byte body is supported');
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  // The SDK hands over a Headers already: read it as is rather than copy it (once a request).
  (headers instanceof Headers ? headers : new Headers(headers)).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/** The server or the network closed the connection while the response body was still arriving. */
export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError';
}

/** No byte of a started response arrived for the idle time: the stream stalled. */
export class StreamIdleError extends Error {
  override readonly name = 'StreamIdleError';
  constructor(readonly idleMs: number) {
    super(`no data for ${idleMs / 1000} s`);
  }
}

/**
 * The response body as a byte stream, pulled: a chunk is read from the socket only when the SDK
 * asks for one. A socket that breaks mid-answer errors the stream with a ConnectionClosedError (an
 * AbortError when `signal` ended it, a StreamIdleError when nothing came for `idleMs` while the SDK
 * waited); cancelling the stream closes the socket.
 */
function responseStream(incoming: Readable, signal: AbortSignal | undefined, idleMs: number | undefined): ReadableStream<Uint8Array> {
  const chunks = incoming[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: IteratorResult<unknown>;
      const idle = idleMs === undefined ? undefined : setTimeout(() => incoming.destroy(new StreamIdleError(idleMs)), idleMs);
      try {
        next = await chunks.next();
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        if (error instanceof StreamIdleError) throw error;
        throw new ConnectionClosedError('the connection closed before the response was complete', { cause: error });
      } finally {
        clearTimeout(idle);
      }
      if (next.done) controller.close();
      else controller.enqueue(next.value as Uint8Array);
    },
    cancel() {
      incoming.destroy();
    },
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error && signal.reason.name === 'AbortError'
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');
}
