/**
 * The one Octokit the GitHub host talks through: REST endpoint methods and pagination, retries on
 * server errors (plugin-retry), and waits on primary and secondary rate limits (plugin-throttling),
 * both bounded so a run never waits longer than a rate limit is worth; through the runner's proxy
 * (HTTPS_PROXY, NO_PROXY: src/net/proxy.ts) when one is set.
 *
 * Not @actions/github's `getOctokit`, though it would bring the toolkit's proxy handling: it loads its
 * own @actions/http-client and undici copies and reads the event payload as it is imported, on the
 * action's start-up path, and its http-client never proxies a loopback address.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { LIMITS } from '../../limits.js';
import { proxiedFetch } from '../../net/proxy.js';

export const GITHUB_API_URL = 'https://api.github.com';

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;
/** Returns whether to retry; typed `void` in the plugin, which reads the value anyway. */
type LimitHandler = (...args: Parameters<NonNullable<ThrottlingOptions['onRateLimit']>>) => boolean;

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise Server: `https://host/api/v3`). Default: https://api.github.com. */
  baseUrl?: string;
  /** `flue-action/<version>`: GitHub asks every client to name itself. */
  userAgent: string;
  /** Where retries and Octokit's own warnings go (the action prints them as warnings). */
  warn(message: string): void;
  /** Retries of one call; default LIMITS.githubRetries. */
  retries?: number;
  /**
   * Milliseconds per second of `retry-after` and of the retry backoff (1, 4, 9 units). Default 1000;
   * tests pass 1 so a retry-after of 60 waits 60 ms.
   */
  retryUnitMs?: number;
  /** Per-attempt timeout; default LIMITS.githubRequestTimeoutMs. */
  requestTimeoutMs?: number;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const retries = options.retries ?? LIMITS.githubRetries;
  const unit = options.retryUnitMs ?? 1000;
  const timeoutMs = options.requestTimeoutMs ?? LIMITS.githubRequestTimeoutMs;
  const { warn } = options;
  const baseUrl = (options.baseUrl || GITHUB_API_URL).replace(/\/+$/, '');
  const onLimit =
    (kind: string): LimitHandler =>
    (retryAfter, request, octokit, retryCount) => {
      const call = describeCall(octokit, request);
      if (retryCount >= retries) {
        warn(`${call} hit GitHub's ${kind} rate limit ${retryCount + 1} times; giving up.`);
        return false;
      }
      if (retryAfter > LIMITS.githubRateLimitWaitSeconds) {
        warn(
          `${call} hit GitHub's ${kind} rate limit, which resets in ${retryAfter} s: longer than the ${LIMITS.githubRateLimitWaitSeconds} s a run waits.`,
        );
        return false;
      }
      warn(`${call} hit GitHub's ${kind} rate limit; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${retries}).`);
      return true;
    };
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
    retryAfterBaseValue: unit,
    ...(pacesWrites(baseUrl) ? {} : unpacedGroups()),
  };
  const octokit = new GitHubOctokit({
    auth: options.token,
    baseUrl,
    userAgent: options.userAgent,
    // `error` stays quiet: Octokit logs every failed request there, and each failure already reaches
    // the caller as an exception naming the call.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
    // 429 is left to the throttling plugin, which honours `retry-after`; plugin-retry would ignore it.
    retry: { retries, retryAfterBaseValue: unit, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle,
    request: { fetch: fetchWithTimeout(timeoutMs) },
  });
  RESEND_WAITS.set(
    octokit,
    Array.from({ length: retries }, (_, retry) => (retry + 1) ** 2 * unit),
  );
  return octokit;
}

/** Per client: the waits before each resend of a POST sent once (`request.retries: 0`), the plugin's backoff. */
const RESEND_WAITS = new WeakMap<object, number[]>();

/**
 * The waits createOnce (src/hosts/create-once.ts) leaves between the attempts of a POST the retry plugin must
 * not resend: the same count and backoff as the client's own retries (1, 4, 9 units); the default unit for a
 * client this file did not make.
 */
export function resendWaitsMs(octokit: object): number[] {
  return RESEND_WAITS.get(octokit) ?? Array.from({ length: LIMITS.githubRetries }, (_, retry) => (retry + 1) ** 2 * 1000);
}

/**
 * Whether writes to the API at `baseUrl` are spaced as GitHub asks (1 s between writes, 3 s between
 * writes that notify): everywhere but a loopback address (127.0.0.0/8, ::1, localhost). The pacing
 * spares GitHub; an API on the runner itself is a fake or a proxy, and a proxy's upstream still
 * answers too many writes with a secondary rate limit, which the throttling plugin waits out.
 */
export function pacesWrites(baseUrl: string): boolean {
  if (!URL.canParse(baseUrl)) return true;
  const host = new URL(baseUrl).hostname;
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** `POST /repos/o/r/issues/1/comments`: the hook sees the route template, the message names the real path. */
function describeCall(octokit: Parameters<LimitHandler>[2], request: Parameters<LimitHandler>[1]): string {
  const { method, url } = octokit.request.endpoint.parse(request);
  return `${method} ${new URL(url).pathname}`;
}

/**
 * A fresh timeout per attempt: one signal for every retry would leave the retries no time at all.
 * Through HTTPS_PROXY / HTTP_PROXY when one applies (src/net/proxy.ts).
 */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => proxiedFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * Throttling groups that run every job at once. The plugin paces through module-wide Bottleneck
 * groups and exports no Bottleneck to build unpaced ones, so these implement the two calls it makes
 * (`key(id).schedule(options, task, ...args)`).
 */
function unpacedGroups(): Pick<ThrottlingOptions, 'write' | 'search' | 'notifications'> {
  const limiter = {
    schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(task(...args)),
  };
  // Structural stand-in for Bottleneck.Group: only `key().schedule()` is called (see wrap-request in the plugin).
  const group = { key: () => limiter } as unknown as NonNullable<ThrottlingOptions['write']>;
  return { write: group, search: group, notifications: group };
}
