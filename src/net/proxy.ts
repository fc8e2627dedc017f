/**
 * Corporate proxies for every call the runner makes: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (and their
 * lower-case forms), on Node 20 and 24 alike, without NODE_USE_ENV_PROXY (which Node 20 does not have,
 * and which reads the variables once at start-up, before src/secrets/start.ts puts a proxy URL with a
 * password back into `process.env`: that one lives in memory only).
 *
 * `proxyFor` decides, per request and from `process.env` as it is then, which proxy a URL goes
 * through, by the rules of undici's EnvHttpProxyAgent (Node's own HTTP client), so that a variable
 * means the same here as to Node's fetch. The tunnel itself (CONNECT, TLS through it, keep-alive,
 * Proxy-Authorization from the URL's user and password) is undici's, from `undici/index-fetch.js`,
 * loaded on the first proxied request: a run without a proxy loads nothing more, and its requests take
 * the same path as before (node:http for the model, Node's fetch for the rest).
 *
 * What fails on the way names the proxy and the variable it came from, never its password.
 */
import type { Dispatcher } from 'undici';

/** A proxy a request goes through. */
export interface HttpProxy {
  /** As written in the variable, `http://` added when it names no scheme: its user and password authenticate. */
  url: URL;
  /** The variable it came from: `HTTPS_PROXY`, `http_proxy`, ... */
  variable: string;
}

/** A proxy variable that is not an http:// or https:// URL: one message naming it and the fix. */
export class ProxySettingError extends Error {
  override readonly name = 'ProxySettingError';
  readonly code = 'ERR_PROXY_SETTING';
}

/** A request through a proxy that failed: names the proxy (without its password) and the target. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  /** The cause's code (`ECONNREFUSED`, ...), or ERR_PROXY_REFUSED when the proxy answered CONNECT with an error status. */
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, options: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * The proxy `target` goes through, or undefined for a direct connection. https: targets use
 * https_proxy or HTTPS_PROXY, else the HTTP proxy; http: targets http_proxy or HTTP_PROXY; the
 * lower-case form wins, and an empty one counts as unset. ALL_PROXY is curl's, not Node's: not read.
 *
 * NO_PROXY (no_proxy first): comma- or space-separated entries; `*` exempts every host; an entry
 * exempts its host and every subdomain (`example.com`, `.example.com` and `*.example.com` alike), only
 * on its port when it names one (`example.com:8080`); IPv6 as `[::1]`. No address is exempt unless
 * listed: `localhost` and 127.0.0.1 go through the proxy when it is set and NO_PROXY does not name them.
 */
export function proxyFor(target: URL, env: Env = process.env): HttpProxy | undefined {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return undefined;
  const names = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const variable = names.find((name) => env[name]);
  if (variable === undefined || exempt(target, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  return { url: proxyUrl(variable, env[variable]!), variable };
}

function exempt(target: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter((entry) => entry !== '');
  if (entries.includes('*')) return true;
  // `host` keeps an IPv6 address's brackets, as NO_PROXY writes it; the port is stripped.
  const host = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol];
  return entries.some((entry) => {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    if (parsed && Number(parsed[2]) !== port) return false;
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    return host === name || host.endsWith(`.${name}`);
  });
}

function proxyUrl(variable: string, value: string): URL {
  const written = value.includes('://') ? value : `http://${value}`;
  const url = URL.canParse(written) ? new URL(written) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ProxySettingError(
      `${variable} is not an http:// or https:// proxy URL (it is ${redactedValue(value)}). ` +
        `Set it to the proxy's URL, such as http://proxy.example.com:3128, or unset it.`,
    );
  }
  return url;
}

/** `http://proxy.example.com:3128 (HTTPS_PROXY)`: what a message calls the proxy. No user, no password. */
export function proxyName(proxy: HttpProxy): string {
  return `${proxy.url.protocol}//${proxy.url.host} (${proxy.variable})`;
}

/** A value for a message, its password hidden: the variable may hold one even when it does not parse. */
function redactedValue(value: string): string {
  // Everything between the scheme (or the start) and the LAST `@` is user info: a password may hold `/`, `:` or `@`.
  const at = value.lastIndexOf('@');
  if (at === -1) return `'${value}'`;
  const start = value.indexOf('://') === -1 ? 0 : value.indexOf('://') + 3;
  return `'${value.slice(0, start)}***${value.slice(at)}'`;
}

/**
 * The dispatcher that sends every request through `proxy`, made on first use and kept: its pooled
 * connections serve every later request, and its idle sockets do not hold the process open. An
 * EnvHttpProxyAgent given the proxy and an empty NO_PROXY: `proxyFor` has decided already, and the
 * fetch-only entry exports no ProxyAgent of its own.
 */
const agents = new Map<string, Promise<Dispatcher>>();
export function proxyAgent(proxy: HttpProxy): Promise<Dispatcher> {
  const key = proxy.url.href;
  let agent = agents.get(key);
  if (!agent) {
    agent = import('undici/index-fetch.js').then(({ EnvHttpProxyAgent }) => new EnvHttpProxyAgent({ httpProxy: key, httpsProxy: key, noProxy: '' }));
    agents.set(key, agent);
  }
  return agent;
}

/**
 * `error`, from a request to `target` through `proxy`, as a ProxyError that names both. The proxy's
 * answer to CONNECT (`Proxy response (407) !== 200 when HTTP Tunneling`) is said in words. A 4xx (407
 * wrong or missing password, 403 a host the proxy's policy blocks) gets the code ERR_PROXY_REFUSED,
 * which no retry changes; a 5xx (the proxy could not reach the host) keeps the cause's code, retried.
 */
export function proxyError(proxy: HttpProxy, target: URL, error: unknown): ProxyError {
  // The first cause is the one to tell: undici's fetch wraps the tunnel's error in "Request was cancelled.".
  let first = error;
  while (first instanceof Error && first.cause instanceof Error) first = first.cause;
  const message = first instanceof Error ? first.message : String(first);
  const status = Number(/Proxy response \((\d{3})\)/.exec(message)?.[1]);
  if (!status)
    return new ProxyError(`${target.protocol}//${target.host} through the proxy ${proxyName(proxy)}: ${message}`, codeOf(error), { cause: error });
  if (status >= 500)
    return new ProxyError(`the proxy ${proxyName(proxy)} could not reach ${target.host}: it answered ${status}`, codeOf(error), { cause: error });
  const hint = status === 407 ? ' (Proxy Authentication Required: check the user and password in the URL)' : '';
  return new ProxyError(`the proxy ${proxyName(proxy)} refused to connect to ${target.host}: it answered ${status}${hint}`, 'ERR_PROXY_REFUSED', {
    cause: error,
  });
}

function codeOf(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if ('code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

/**
 * `fetch` that goes through the proxy `proxyFor` picks: undici's fetch over its ProxyAgent when one
 * applies, Node's own fetch otherwise. For clients on plain fetch (Octokit's `request.fetch`, the GitLab
 * client): `proxiedFetch(url, init)` where they called `fetch(url, init)`. A failure through the proxy
 * rejects as Node's fetch does, a TypeError('fetch failed') whose `cause` (a ProxyError) names the proxy.
 * A Request object is refused when a proxy applies: the clients pass none, and undici's fetch would not read Node's.
 */
export const proxiedFetch: typeof fetch = async (input, init) => {
  const target = new URL(input instanceof Request ? input.url : input);
  const proxy = proxyFor(target);
  if (proxy === undefined) return fetch(input, init);
  if (input instanceof Request) throw new TypeError(`proxiedFetch(${target.href}): pass the URL and the init, not a Request`);
  const [{ fetch: undiciFetch }, dispatcher] = await Promise.all([import('undici/index-fetch.js'), proxyAgent(proxy)]);
  try {
    // undici's Response and Node's are the same implementation of the same interface, two classes.
    return (await undiciFetch(target, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response;
  } catch (error) {
    if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) throw error;
    throw new TypeError('fetch failed', { cause: proxyError(proxy, target, error) });
  }
};
