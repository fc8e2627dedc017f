/**
 * A local fake of the Anthropic Messages API for the whole suite: a real HTTP server on 127.0.0.1 that
 * the real @anthropic-ai/sdk talks to (point `baseURL` or ANTHROPIC_BASE_URL at `url`).
 *
 *   const fake = await startFakeAnthropic({ turns: [toolUse('read', { path: 'a.ts' }), text('Done.')] });
 *   ... run the client against fake.url ...
 *   expect(fake.requests[1].body.messages).toEqual([...]);
 *   await fake.close();
 *
 * Each POST /v1/messages takes the next scripted turn (or asks `handler`); a request with no turn left
 * gets a 400 naming the request, so a loop that calls the model too often fails loudly. Requests are
 * checked against the real API's rules (anthropic-validate.ts) unless `validate: false`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { validateRequest } from './anthropic-validate.js';
import { buildMessage, errorBody, sse, streamEvents, streamStart, type FakeBlock, type FakeUsage } from './anthropic-wire.js';

export type { FakeBlock, FakeUsage } from './anthropic-wire.js';

export interface TurnExtras {
  usage?: FakeUsage;
  /** Defaults to `tool_use` when the turn has a tool_use block, else `end_turn`. */
  stopReason?: string;
  /** Wait before answering (the response headers too). */
  delayMs?: number;
}

export type FakeTurn =
  | ({ kind: 'message'; content: FakeBlock[] } & TurnExtras)
  | { kind: 'error'; status: number; errorType: string; message: string; headers: Record<string, string>; rawBody?: string }
  /** Never answers (`before-headers`), or starts the stream and then stalls (`mid-stream`). */
  | { kind: 'hang'; stage: 'before-headers' | 'mid-stream' }
  /** A streamed `error` event after message_start, as the API sends for `overloaded_error` mid-answer. */
  | { kind: 'stream-error'; errorType: string; message: string }
  /**
   * A stream that breaks after message_start and the first text delta: `reset` destroys the socket
   * (TCP RST), `truncate` ends the body cleanly without the closing events, `malformed` sends an event
   * whose JSON is cut off and then ends. `drop` resets the connection before any response header.
   */
  | { kind: 'broken'; how: BrokenHow };

export type BrokenHow = 'drop' | 'reset' | 'truncate' | 'malformed';

export const textBlock = (text: string): FakeBlock => ({ type: 'text', text });
export const toolBlock = (name: string, input: unknown, id?: string): FakeBlock =>
  id === undefined ? { type: 'tool_use', name, input } : { type: 'tool_use', id, name, input };

/** An assistant turn of content blocks (several tool_use blocks = parallel tool calls). */
export const turn = (content: FakeBlock[], extras: TurnExtras = {}): FakeTurn => ({ kind: 'message', content, ...extras });
export const text = (value: string, extras: TurnExtras = {}): FakeTurn => turn([textBlock(value)], extras);
export const toolUse = (name: string, input: unknown, extras: TurnExtras = {}): FakeTurn => turn([toolBlock(name, input)], extras);

export interface ErrorOptions {
  /** Anthropic's error type; defaults from the status (429 rate_limit_error, 529 overloaded_error, ...). */
  type?: string;
  /** `retry-after` in seconds, as the API sends it. */
  retryAfter?: number;
  /** `retry-after-ms`, which the SDK prefers: keeps retry tests fast. */
  retryAfterMs?: number;
  headers?: Record<string, string>;
  /** Send this body instead of Anthropic's error JSON, as a proxy or gateway would. */
  rawBody?: string;
}

export function apiError(status: number, message: string, options: ErrorOptions = {}): FakeTurn {
  const headers: Record<string, string> = { ...options.headers };
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  const turn: FakeTurn = { kind: 'error', status, errorType: options.type ?? defaultErrorType(status), message, headers };
  return options.rawBody === undefined ? turn : { ...turn, rawBody: options.rawBody };
}
export const hang = (stage: 'before-headers' | 'mid-stream' = 'before-headers'): FakeTurn => ({ kind: 'hang', stage });
export const streamError = (errorType: string, message: string): FakeTurn => ({ kind: 'stream-error', errorType, message });
export const brokenStream = (how: BrokenHow): FakeTurn => ({ kind: 'broken', how });

function defaultErrorType(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return types[status] ?? 'api_error';
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when it did not parse). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary, deeply nested fields of the body they assert on.
  body: any;
  /** Bytes of the body as received. */
  rawBytes: number;
  stream: boolean;
}

export interface FakeAnthropicOptions {
  turns?: FakeTurn[];
  /** Asked when the queue is empty; return undefined to fall through to "no turn left". */
  handler?: (request: RecordedRequest, index: number) => FakeTurn | undefined | Promise<FakeTurn | undefined>;
  validate?: boolean;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export interface FakeAnthropic {
  url: string;
  requests: RecordedRequest[];
  /** Appends turns to the queue. */
  push(...turns: FakeTurn[]): void;
  close(): Promise<void>;
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const queue = [...(options.turns ?? [])];
  const requests: RecordedRequest[] = [];
  let messageCount = 0;
  let toolCount = 0;
  const nextToolId = () => `toolu_fake_${String(++toolCount).padStart(3, '0')}`;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const raw = await readBody(req);
      const recorded = record(req, raw);
      const index = requests.push(recorded) - 1;
      if (req.method !== 'POST' || recorded.path !== '/v1/messages') {
        return sendError(res, 404, 'not_found_error', `${req.method} ${recorded.path}: not found`, {});
      }
      const rejection = options.validate === false ? undefined : validateRequest(recorded.headers, recorded.body);
      if (rejection) return sendError(res, rejection.status, rejection.type, rejection.message, {});
      const next = queue.shift() ?? (await options.handler?.(recorded, index));
      if (!next) {
        const message = `fake anthropic: no scripted turn left for request ${index + 1}`;
        return sendError(res, 400, 'invalid_request_error', message, {});
      }
      const id = `msg_fake_${String(++messageCount).padStart(3, '0')}`;
      await answer(res, next, recorded, id, nextToolId);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'api_error', `fake anthropic crashed: ${String(error)}`, {});
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    push: (...turns) => queue.push(...turns),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export { startFakeAnthropic as start };

async function answer(res: ServerResponse, next: FakeTurn, request: RecordedRequest, id: string, nextToolId: () => string): Promise<void> {
  if (next.kind === 'error') {
    if (next.rawBody === undefined) return sendError(res, next.status, next.errorType, next.message, next.headers);
    res.writeHead(next.status, { 'content-type': 'text/html', ...next.headers });
    res.end(next.rawBody);
    return;
  }
  const model = typeof request.body?.model === 'string' ? request.body.model : 'claude-fake';
  if (next.kind === 'hang') {
    if (next.stage === 'mid-stream') {
      openStream(res);
      for (const event of streamStart(buildMessage(id, model, [], 'end_turn', undefined, nextToolId))) res.write(event);
    }
    return; // The response stays open until the client aborts or close() destroys the socket.
  }
  if (next.kind === 'stream-error') {
    openStream(res);
    for (const event of streamStart(buildMessage(id, model, [], 'end_turn', undefined, nextToolId))) res.write(event);
    res.end(sse('error', errorBody(next.errorType, next.message, `req_${id}`)));
    return;
  }
  if (next.kind === 'broken') {
    if (next.how === 'drop') return void res.socket?.resetAndDestroy();
    openStream(res);
    const events = streamEvents(buildMessage(id, model, [textBlock('a partial answer')], undefined, undefined, nextToolId));
    // message_start, ping, content_block_start, the first text delta: the answer has begun.
    for (const event of events.slice(0, 4)) res.write(event);
    if (next.how === 'malformed') {
      res.end('event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"cut\n\n');
    } else if (next.how === 'truncate') {
      res.end();
    } else {
      // Let the bytes reach the client before the reset, as when a proxy drops a connection mid-answer.
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.resetAndDestroy();
    }
    return;
  }
  if (next.delayMs) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
  const message = buildMessage(id, model, next.content, next.stopReason, next.usage, nextToolId);
  if (!request.stream) {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${id}` });
    res.end(JSON.stringify(message));
    return;
  }
  openStream(res);
  for (const event of streamEvents(message)) res.write(event);
  res.end();
}

function openStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

function sendError(res: ServerResponse, status: number, type: string, message: string, headers: Record<string, string>): void {
  const requestId = `req_error_${status}`;
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...headers });
  res.end(JSON.stringify(errorBody(type, message, requestId)));
}

function record(req: IncomingMessage, raw: Buffer): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    body = undefined;
  }
  const stream = typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
  return { method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, headers, body, rawBytes: raw.length, stream };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
