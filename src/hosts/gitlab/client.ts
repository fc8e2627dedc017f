/**
 * The one HTTP client the GitLab host talks through: plain fetch (a client library is ~290 KB for a
 * dozen calls), the token in its header, a timeout per attempt, retries with backoff and jitter on
 * 429, 502, 503, 504 and lost connections (honouring `Retry-After` and `RateLimit-Reset`, bounded
 * so a run never waits longer than a rate limit is worth), pagination, and writes spaced apart.
 */
import { LIMITS } from '../../limits.js';
import { GitLabApiError, networkFailure, responseFailure, type TokenKind } from './errors.js';
import { proxiedFetch } from '../../net/proxy.js';

export interface GitLabClientOptions {
  /** CI_API_V4_URL: `https://gitlab.com/api/v4`. */
  baseUrl: string;
  token: string;
  /** 'private': a project, group or personal access token (`PRIVATE-TOKEN`); 'job': CI_JOB_TOKEN (`JOB-TOKEN`). */
  tokenKind: TokenKind;
  /** Where retries are reported (the job log). */
  warn(message: string): void;
  /** Retries of one call; default LIMITS.gitlabRetries. */
  retries?: number;
  /** Milliseconds per second of `Retry-After` and of the backoff. Default 1000; tests pass 1. */
  retryUnitMs?: number;
  /** Per-attempt timeout; default LIMITS.gitlabRequestTimeoutMs. */
  requestTimeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * A POST that creates what must exist once (a note): a 5xx or a lost connection may come after GitLab
   * committed it, so it is not resent here; the caller looks for it first (src/hosts/create-once.ts).
   * A 429 still is: GitLab did nothing.
   */
  once?: boolean;
}

const RETRIED = new Set([429, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** The headers without the token: what goes to a host other than the API's. */
function withoutToken(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'PRIVATE-TOKEN' && name !== 'JOB-TOKEN'));
}
/** Pages followed at most for one listing: 100 pages of 100 is more than any thread or MR a run reads. */
const MAX_PAGES = 100;

export class GitLabClient {
  private readonly base: string;
  private readonly retries: number;
  private readonly unit: number;
  private readonly timeoutMs: number;
  private readonly paced: boolean;
  private nextWrite = 0;

  constructor(private readonly options: GitLabClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.retries = options.retries ?? LIMITS.gitlabRetries;
    this.unit = options.retryUnitMs ?? 1000;
    this.timeoutMs = options.requestTimeoutMs ?? LIMITS.gitlabRequestTimeoutMs;
    this.paced = pacesWrites(this.base);
  }

  /** The parsed JSON answer; undefined for an empty one (204). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    return (text === '' ? undefined : parseAnswer(`${method} ${path}`, response.status, text)) as T;
  }

  /** The answer's bytes, at most `maxBytes`: past it the read stops and `undefined` says so. */
  async raw(path: string, query: Query, maxBytes: number): Promise<Buffer | undefined> {
    const response = await this.send('GET', path, { query });
    const chunks: Buffer[] = [];
    let size = 0;
    if (response.body === null) return Buffer.alloc(0);
    for await (const chunk of response.body) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }

  /** Every page of a listing (`x-next-page`, else the `Link` header's `next`), up to MAX_PAGES. */
  async paginate<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let page: Query = { ...query, per_page: 100 };
    for (let count = 0; count < MAX_PAGES; count += 1) {
      const response = await this.send('GET', path, { query: page });
      const answer = parseAnswer(`GET ${path}`, response.status, await response.text());
      if (!Array.isArray(answer))
        throw new GitLabApiError(`GET ${path}`, response.status, `GitLab API GET ${path} answered ${response.status} without a list.`);
      items.push(...(answer as T[]));
      const next = nextPage(response.headers, this.base);
      if (next === undefined) break;
      page = { ...page, ...next };
    }
    return items;
  }

  /** One call with its retries; a Response with a 2xx status, or a GitLabApiError naming `METHOD path`. */
  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const call = `${method} ${path}`;
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const write = method !== 'GET';
    for (let attempt = 0; ; attempt += 1) {
      if (write) await this.pace();
      let response: Response;
      try {
        response = await this.fetchFollowing(url, {
          method,
          headers: this.headers(options.body !== undefined),
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        const cause = describeNetworkError(error, this.timeoutMs);
        // A proxy that refused (407, 403) or a proxy setting that cannot work answers the same way every time.
        if (proxyMisconfigured(error)) throw networkFailure(call, cause, true);
        if (attempt >= this.retries || options.once === true) throw networkFailure(call, cause);
        await this.wait(call, cause, attempt, undefined);
        continue;
      }
      if (response.ok) return response;
      const body = await response.text().catch(() => '');
      const mayHaveLanded = response.status >= 500 && options.once === true;
      if (!RETRIED.has(response.status) || attempt >= this.retries || mayHaveLanded) {
        throw responseFailure(call, response.status, response.statusText, body, this.options.tokenKind, write);
      }
      const asked = askedWaitSeconds(response.headers);
      if (asked !== undefined && asked > LIMITS.gitlabRateLimitWaitSeconds) {
        this.options.warn(
          `GitLab API ${call}: ${response.status}, and GitLab asks to wait ${asked} s: longer than the ${LIMITS.gitlabRateLimitWaitSeconds} s a run waits.`,
        );
        throw responseFailure(call, response.status, response.statusText, body, this.options.tokenKind, write);
      }
      await this.wait(call, String(response.status), attempt, asked);
    }
  }

  /**
   * fetch, following a GET's redirects itself: fetch drops only `Authorization` when a redirect leaves the
   * origin, and would send PRIVATE-TOKEN along to wherever GitLab points, such as the object storage that
   * serves a job's artifacts from a signed URL. A redirect off the API's origin is followed without the
   * token; any other method's redirect is answered as it is (a failure naming the call).
   */
  private async fetchFollowing(url: URL, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const origin = new URL(this.base).origin;
    let target = url;
    for (let hops = 0; ; hops += 1) {
      const sameOrigin = target.origin === origin;
      const headers = sameOrigin ? init.headers : withoutToken(init.headers);
      const response = await proxiedFetch(target, { ...init, headers, redirect: 'manual' });
      const location = response.headers.get('location');
      if (init.method !== 'GET' || !REDIRECTS.has(response.status) || location === null || hops >= MAX_REDIRECTS) return response;
      await response.body?.cancel().catch(() => {});
      target = new URL(location, target);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') return response;
    }
  }

  private headers(json: boolean): Record<string, string> {
    const headers: Record<string, string> = { [this.options.tokenKind === 'job' ? 'JOB-TOKEN' : 'PRIVATE-TOKEN']: this.options.token };
    return { ...headers, accept: 'application/json', 'user-agent': 'flue-action', ...(json ? { 'content-type': 'application/json' } : {}) };
  }

  /** Between the attempts of a request sent `once`: the same count and backoff as this client's retries. */
  get resendWaitsMs(): number[] {
    return Array.from({ length: this.retries }, (_, attempt) => 2 ** attempt * this.unit);
  }

  /** Waits before retry `attempt + 1`: what GitLab asked for, else 1, 2, 4 units with jitter. */
  private async wait(call: string, cause: string, attempt: number, askedSeconds: number | undefined): Promise<void> {
    const seconds = askedSeconds ?? 2 ** attempt * (0.75 + Math.random() / 2);
    this.options.warn(`GitLab API ${call}: ${cause}; retrying in ${seconds.toFixed(1)} s (retry ${attempt + 1} of ${this.retries}).`);
    await sleep(seconds * this.unit);
  }

  /** Spaces writes LIMITS.gitlabWriteIntervalMs apart, except to a loopback address (a fake or a proxy). */
  private async pace(): Promise<void> {
    if (!this.paced) return;
    const now = Date.now();
    const at = Math.max(now, this.nextWrite);
    this.nextWrite = at + LIMITS.gitlabWriteIntervalMs;
    if (at > now) await sleep(at - now);
  }
}

/** Whether writes to `baseUrl` are spaced: everywhere but 127.0.0.0/8, ::1 and localhost. */
export function pacesWrites(baseUrl: string): boolean {
  if (!URL.canParse(baseUrl)) return true;
  const host = new URL(baseUrl).hostname;
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** Seconds GitLab asks to wait: `Retry-After` (seconds), else `RateLimit-Reset` (a Unix time). */
function askedWaitSeconds(headers: Headers): number | undefined {
  const after = Number(headers.get('retry-after') ?? Number.NaN);
  if (Number.isFinite(after) && after >= 0) return after;
  const reset = Number(headers.get('ratelimit-reset') ?? Number.NaN);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return undefined;
}

/** The next page's query: `x-next-page`, else the page and token of a same-origin `Link: <...>; rel="next"`. */
function nextPage(headers: Headers, base: string): Query | undefined {
  const number = headers.get('x-next-page');
  if (number) return { page: number };
  const link = /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
  // Only the query is taken from the link: the token never goes to another host the answer names.
  if (link === undefined || !URL.canParse(link) || new URL(link).origin !== new URL(base).origin) return undefined;
  return Object.fromEntries(new URL(link).searchParams);
}

/** A 2xx body as JSON; one that is not (a proxy's HTML page) is a GitLabApiError naming the call, not a SyntaxError. */
function parseAnswer(call: string, status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GitLabApiError(
      call,
      status,
      `GitLab API ${call} answered ${status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 100))}. Check CI_API_V4_URL.`,
    );
  }
}

function proxyMisconfigured(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && code.startsWith('ERR_PROXY_');
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const message = typeof cause?.message === 'string' && cause.message !== '' ? cause.message : error instanceof Error ? error.message : String(error);
  return typeof cause?.code === 'string' ? `${message} (${cause.code})` : message;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
