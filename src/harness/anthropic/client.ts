import { LIMITS } from '../../limits.js';
import { errorMessage } from '../../errors.js';
import { oneLine } from '../../text/index.js';
import type { ModelClient, ModelError, ModelOutcome, ModelRequest, SendOptions } from '../model.js';
import { toMessageParams } from '../request-body.js';
import { ConnectionClosedError, idleFetch, StreamIdleError } from './node-fetch.js';
import { AnthropicError, APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, BaseAnthropic, Messages } from './sdk.js';
import type Anthropic from '@anthropic-ai/sdk';

export interface AnthropicClientOptions {
  /** Required: the SDK's fallback credential chain reads files and endpoints we do not want in CI. */
  apiKey: string;
  /** Gateway or test fake; when absent the SDK reads `ANTHROPIC_BASE_URL`, then uses api.anthropic.com. */
  baseURL?: string;
  /** Most retries of one call; default: as many as `retryForMs` allows. */
  maxRetries?: number;
  /** How long one call keeps retrying (default LIMITS.modelRetryMinutes). */
  retryForMs?: number;
  /** Silence on a started stream before the attempt is aborted and retried (default LIMITS.modelIdleSeconds). */
  streamIdleMs?: number;
  /** Per attempt, until the response headers arrive. */
  timeoutMs?: number;
  /**
   * Model to switch to after LIMITS.modelOverloadsBeforeFallback overloads in a row (529 or an
   * `overloaded_error` event); the rest of the run stays on it.
   */
  fallbackModel?: string;
  /** Time and randomness of the backoff, for tests. */
  clock?: RetryClock;
}

/** What the retry loop waits with; tests pass one that does not sleep. */
export interface RetryClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** In [0, 1): the jitter. */
  random(): number;
}

const realClock: RetryClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
  random: Math.random,
};

/** One failed attempt: what the run reports, and whether (and how soon) another attempt may help. */
interface Failure {
  error: ModelError;
  retryable: boolean;
  /** What the API's `retry-after-ms` / `retry-after` asked for. */
  retryAfterMs?: number;
  /** A 529 or an `overloaded_error` event: counts toward the switch to the fallback model. */
  overloaded?: boolean;
}

/**
 * The Messages API through @anthropic-ai/sdk: one streamed request per turn with the full history
 * (no server-side state), prompt-cache breakpoints from toMessageParams. Never throws: every failure
 * becomes a ModelOutcome error.
 *
 * The client owns the retries (the SDK's are off), so a failure before the stream and one inside it
 * share one policy: a 429, 408, 409 or 5xx, a connection that could not be made or broke, a stream
 * that went silent, ended early, or sent an `error` event or unreadable JSON is retried with
 * exponential backoff and jitter (or after the `retry-after` the API asked for) for up to
 * `retryForMs`, and never past the run's own time limit. The error then names the last cause.
 */
export class AnthropicModelClient implements ModelClient {
  readonly label = 'anthropic';
  readonly #settings: ConstructorParameters<typeof MessagesClient>[0];
  /** One SDK client per stream idle time (node-fetch applies it): in practice one per run. */
  readonly #clients = new Map<number, MessagesClient>();
  readonly #streamIdleMs: number;
  readonly #maxRetries: number;
  readonly #retryForMs: number;
  readonly #clock: RetryClock;
  readonly #fallbackModel: string | undefined;
  /** Set once the primary model was overloaded too often: every later call goes to the fallback. */
  #fellBack = false;

  constructor(options: AnthropicClientOptions) {
    this.#fallbackModel = options.fallbackModel;
    this.#maxRetries = options.maxRetries ?? Number.POSITIVE_INFINITY;
    this.#retryForMs = options.retryForMs ?? LIMITS.modelRetryMinutes * 60_000;
    this.#streamIdleMs = options.streamIdleMs ?? LIMITS.modelIdleSeconds * 1_000;
    this.#clock = options.clock ?? realClock;
    this.#settings = {
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: 0,
      timeout: options.timeoutMs ?? LIMITS.modelRequestTimeoutMs,
      // The SDK logs retries and parse failures on console; the loop reports the outcome instead.
      logLevel: 'off',
      ...(openTelemetryRegistered() ? {} : { openTelemetry: { traces: false, propagation: false } }),
    };
    this.#clientFor(this.#streamIdleMs);
  }

  /** Where requests go, for messages that name the endpoint. */
  get baseURL(): string {
    return this.#clientFor(this.#streamIdleMs).baseURL;
  }

  #clientFor(streamIdleMs: number): MessagesClient {
    let client = this.#clients.get(streamIdleMs);
    if (!client) {
      // node:http rather than undici's fetch: about a millisecond less per turn (see node-fetch.ts).
      client = new MessagesClient({ ...this.#settings, fetch: idleFetch(streamIdleMs) });
      this.#clients.set(streamIdleMs, client);
    }
    return client;
  }

  async send(request: ModelRequest, signal: AbortSignal, options: SendOptions = {}): Promise<ModelOutcome> {
    const warnings: string[] = [];
    const said = () => (warnings.length > 0 ? { warnings } : {});
    const clock = this.#clock;
    const started = clock.now();
    const budgetMs = Math.min(options.retryForMs ?? this.#retryForMs, options.timeLeftMs ?? Number.POSITIVE_INFINITY);
    const client = this.#clientFor(options.streamIdleMs ?? this.#streamIdleMs);
    let overloads = 0;
    for (let attempt = 1; ; attempt++) {
      const attemptStarted = clock.now();
      const model = this.#fellBack && this.#fallbackModel ? this.#fallbackModel : request.model;
      const result = await attemptOnce(client, model === request.model ? request : { ...request, model }, signal, warnings);
      if ('message' in result) return { ok: true, message: result.message, ...(model === request.model ? {} : { model }), ...said() };
      const { error, retryable, retryAfterMs } = result;
      overloads = result.overloaded ? overloads + 1 : 0;
      if (!retryable || error.aborted) return { ok: false, error, ...said() };
      const delay = retryAfterMs ?? backoffMs(attempt, clock.random());
      const spent = clock.now() - started;
      if (attempt > this.#maxRetries || spent + delay > budgetMs) {
        const gaveUp = attempt === 1 ? '' : `; gave up after ${attempt} attempts over ${seconds(spent)}`;
        return { ok: false, error: { ...error, message: `${error.message}${gaveUp}` }, ...said() };
      }
      const fallback = this.#fallbackModel;
      const switching = fallback !== undefined && model !== fallback && overloads >= LIMITS.modelOverloadsBeforeFallback;
      if (switching) this.#fellBack = true;
      const next = switching ? `retrying with ${fallback} (fallback-model) in` : 'retrying in';
      options.onRetry?.(`${error.message} after ${seconds(clock.now() - attemptStarted)}; ${next} ${seconds(delay)} (attempt ${attempt + 1})`);
      await clock.sleep(delay, signal);
      if (signal.aborted) return { ok: false, error: { message: 'model request aborted', aborted: true }, ...said() };
    }
  }
}

/** One request: the whole message, or what failed and whether another attempt may help. */
async function attemptOnce(
  client: MessagesClient,
  request: ModelRequest,
  signal: AbortSignal,
  warnings: string[],
): Promise<{ message: Anthropic.Message } | Failure> {
  try {
    const stream = collectingWarnings(warnings, () => client.messages.stream(toMessageParams(request), { signal }));
    return { message: await stream.finalMessage() };
  } catch (error) {
    return classify(error, signal, client.baseURL);
  }
}

/** Exponential from LIMITS.modelRetryInitialDelayMs, capped, with up to a quarter taken off at random. */
function backoffMs(attempt: number, random: number): number {
  const full = Math.min(LIMITS.modelRetryInitialDelayMs * 2 ** (attempt - 1), LIMITS.modelRetryMaxDelayMs);
  return Math.round(full * (1 - 0.25 * random));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The SDK's rule: these statuses are worth another attempt, unless the API says otherwise. */
function retryableStatus(error: APIError): boolean {
  const asked = error.headers?.get('x-should-retry');
  if (asked === 'true') return true;
  if (asked === 'false') return false;
  const status = error.status ?? 0;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
function retryAfterOf(error: APIError): number | undefined {
  const ms = Number.parseFloat(error.headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = error.headers?.get('retry-after');
  if (!after) return undefined;
  const secondsAsked = Number.parseFloat(after);
  if (Number.isFinite(secondsAsked) && secondsAsked >= 0) return secondsAsked * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Mid-stream `error` events worth another attempt: the provider's own trouble, not the request's. */
const RETRYABLE_STREAM_ERRORS = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error']);

function classify(error: unknown, signal: AbortSignal, baseURL: string): Failure {
  const described = describeError(error, signal, baseURL);
  if (described.aborted) return { error: described, retryable: false };
  if (error instanceof APIError && !(error instanceof APIConnectionError)) {
    const overloaded = error.status === 529 || error.type === 'overloaded_error';
    if (error.status === undefined) return { error: described, retryable: RETRYABLE_STREAM_ERRORS.has(error.type ?? ''), overloaded };
    const retryAfterMs = retryAfterOf(error);
    return { error: described, retryable: retryableStatus(error), overloaded, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  // A connection that failed or broke, a time-out before the headers, a stream that stalled, ended
  // early or could not be read.
  const connection = error instanceof APIConnectionError && !misconfigured(error);
  const retryable = connection || streamFailure(error) !== undefined || malformed(error) !== undefined || truncated(error);
  return { error: described, retryable };
}

/**
 * A connection that cannot succeed on another attempt: no such host, nothing listening, a certificate
 * the runner does not trust, a proxy that refuses the tunnel. These are a wrong `ANTHROPIC_BASE_URL`
 * or proxy, not an overload, and retrying them for minutes would only delay the message that says so.
 */
function misconfigured(error: APIConnectionError): boolean {
  const code = error.cause && typeof error.cause === 'object' && 'code' in error.cause ? String(error.cause.code) : '';
  // ERR_PROXY_*: a proxy variable that is no URL, a proxy that refuses the tunnel (src/net/proxy.ts).
  return code === 'ENOTFOUND' || code === 'ECONNREFUSED' || code.startsWith('ERR_PROXY_') || /CERT|SIGNATURE|TLS|SSL/.test(code);
}

/** The JSON of a stream event did not parse (the SDK wraps the SyntaxError in its own error). */
function malformed(error: unknown): SyntaxError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof SyntaxError) return e;
  return undefined;
}

/**
 * The body ended cleanly before `message_stop` (a proxy or the API cut the answer short): the SDK
 * says so in an error of its own, with no cause, not an API error.
 */
function truncated(error: unknown): boolean {
  return error instanceof AnthropicError && !(error instanceof APIError) && error.cause === undefined;
}

/** A broken or stalled stream, as node-fetch reports it (the SDK may wrap it in its own error). */
function streamFailure(error: unknown): ConnectionClosedError | StreamIdleError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof ConnectionClosedError || e instanceof StreamIdleError) return e;
  }
  return undefined;
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
    return { message: `model request to ${baseURL} got no response headers in time` };
  }
  const broken = streamFailure(error);
  if (broken instanceof StreamIdleError) {
    return { message: `the model's stream went silent (${broken.message})` };
  }
  if (broken) {
    const cause = broken.cause instanceof Error && 'code' in broken.cause ? ` (${String(broken.cause.code)})` : '';
    return { message: `the model's stream ended mid-answer: the connection to ${baseURL} closed${cause}` };
  }
  const parse = malformed(error);
  if (parse) return { message: `the model's stream sent malformed JSON (${parse.message})` };
  if (truncated(error)) return { message: `the model's stream ended mid-answer (truncated: ${errorMessage(error)})` };
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
