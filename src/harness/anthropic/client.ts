import { LIMITS } from '../../limits.js';
import { errorMessage } from '../../errors.js';
import { oneLine } from '../../text/index.js';
import type { ModelClient, ModelError, ModelOutcome, ModelRequest } from '../model.js';
import { toMessageParams } from '../request-body.js';
import { ConnectionClosedError, nodeFetch } from './node-fetch.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, BaseAnthropic, Messages } from './sdk.js';

export interface AnthropicClientOptions {
  /** Required: the SDK's fallback credential chain reads files and endpoints we do not want in CI. */
  apiKey: string;
  /** Gateway or test fake; when absent the SDK reads `ANTHROPIC_BASE_URL`, then uses api.anthropic.com. */
  baseURL?: string;
  /** Retries of a retryable error (429, 408, 409, 5xx, connection reset). */
  maxRetries?: number;
  /** Per attempt, until the response headers arrive (a stream then runs under the run's own signal). */
  timeoutMs?: number;
}

/**
 * The Messages API through @anthropic-ai/sdk: one streamed request per turn with the full history
 * (no server-side state), prompt-cache breakpoints from toMessageParams, SDK retries with backoff
 * (honouring `retry-after`). Never throws: every failure becomes a ModelOutcome error.
 */
export class AnthropicModelClient implements ModelClient {
  readonly label = 'anthropic';
  readonly #client: MessagesClient;

  constructor(options: AnthropicClientOptions) {
    this.#client = new MessagesClient({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: options.maxRetries ?? LIMITS.modelRetries,
      timeout: options.timeoutMs ?? LIMITS.modelRequestTimeoutMs,
      // The SDK logs retries and parse failures on console; the loop reports the outcome instead.
      logLevel: 'off',
      // node:http rather than undici's fetch: about a millisecond less per turn (see node-fetch.ts).
      fetch: nodeFetch,
      ...(openTelemetryRegistered() ? {} : { openTelemetry: { traces: false, propagation: false } }),
    });
  }

  /** Where requests go, for messages that name the endpoint. */
  get baseURL(): string {
    return this.#client.baseURL;
  }

  async send(request: ModelRequest, signal: AbortSignal): Promise<ModelOutcome> {
    const warnings: string[] = [];
    const said = () => (warnings.length > 0 ? { warnings } : {});
    try {
      const stream = collectingWarnings(warnings, () => this.#client.messages.stream(toMessageParams(request), { signal }));
      const message = await stream.finalMessage();
      return { ok: true, message, ...said() };
    } catch (error) {
      return { ok: false, error: describeError(error, signal, this.baseURL), ...said() };
    }
  }
}

/**
 * Whether the process registered an OpenTelemetry tracer provider or propagator (version 1 of the
 * API keeps them in this global), say with `NODE_OPTIONS=--import` of an OpenTelemetry setup. The SDK
 * traces every request and propagates its context unless told not to; with nothing registered the
 * spans go nowhere and still cost some 0.15 ms a request, so then the client is told not to.
 */
export function openTelemetryRegistered(): boolean {
  const registry = (globalThis as Record<symbol, { trace?: unknown; propagation?: unknown } | undefined>)[Symbol.for('opentelemetry.js.api.1')];
  return registry?.trace !== undefined || registry?.propagation !== undefined;
}

/**
 * Runs `fn` with `console.warn` collecting into `into`. SDK 1.x warns about a deprecated model (and a
 * deprecated thinking mode) with `console.warn` on every request, synchronously inside
 * `messages.stream()`: fifty lines on stderr for fifty turns, in no log. The loop reports each distinct
 * warning once, as a session-log warning. Only the synchronous call is covered, so nothing else's
 * warnings are taken; should the SDK warn later, its lines reach stderr as before.
 */
function collectingWarnings<T>(into: string[], fn: () => T): T {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    into.push(
      args
        .map(String)
        .join(' ')
        .replace(/\s*\n\s*/g, ' '),
    );
  };
  try {
    return fn();
  } finally {
    console.warn = original;
  }
}

/** `Anthropic` with only `messages`: what `new Anthropic()` sets up for it, minus the other resources. */
class MessagesClient extends BaseAnthropic {
  readonly messages = new Messages(this);
}

/** Turns whatever the SDK threw into one line that names the endpoint or the provider's own words. */
export function describeError(error: unknown, signal: AbortSignal, baseURL: string): ModelError {
  if (signal.aborted || error instanceof APIUserAbortError) {
    return { message: 'model request aborted', aborted: true };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { message: `model request to ${baseURL} timed out (after retries)` };
  }
  if (error instanceof Error && error.cause instanceof ConnectionClosedError) {
    return { message: `the connection to the model API at ${baseURL} closed before the answer was complete` };
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { message: `could not reach the model API at ${baseURL}${cause}` };
  }
  if (error instanceof APIError) {
    return describeApiError(error);
  }
  return { message: errorMessage(error) };
}

/** A gateway's HTML error page is not worth more than this in a one-line reason. */
const RAW_ERROR_CHARS = 300;

function describeApiError(error: APIError): ModelError {
  const type = error.type ? `${error.type}: ` : '';
  // Without Anthropic's error JSON (a proxy's page, say), the SDK's message is "<status> <body>".
  const text = error.apiMessage ?? oneLine(error.message.replace(/^\d{3} /, ''), RAW_ERROR_CHARS + 1);
  const requestId = error.requestID ? ` (request-id ${error.requestID})` : '';
  if (error.status === undefined) {
    // An `error` event inside a stream that had already started: the provider failed mid-answer.
    return { message: `model API error during streaming: ${type}${text}${requestId}` };
  }
  return { status: error.status, message: `model API returned ${error.status} ${type}${text}${requestId}` };
}
