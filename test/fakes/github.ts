/**
 * A local, recording fake of the GitHub REST API: a real HTTP server on 127.0.0.1 that the real
 * Octokit (or the built action, with GITHUB_API_URL=fake.url) talks to. State is in memory.
 *
 *   const github = await startFakeGitHub();             // { token: 't' } to refuse other tokens (401)
 *   const repo = github.seedFromPayload(example('issues', 'opened'));   // or github.repo('o/r')
 *   repo.permission('alice', 'write');                  // collaborators/{login}/permission
 *   repo.issue({ number: 1, labels: ['bug'] }).comment(1, { body: 'hi', user: 'bob' });
 *   repo.pullRequest({ number: 2, base: { ref: 'main', sha }, files: [{ filename: 'a.ts', patch }] });
 *   repo.tree(baseSha, { '.flue/agents/review.md': '...' }); // git/trees + git/blobs
 *   github.fail('POST /repos/o/r/issues/1/comments', { status: 403 });   // next matching request only
 *   github.fail(/^GET /, secondaryRateLimit({ retryAfter: 1 }), 2);      // two times
 *   ... run the client ...
 *   expect(github.calls()).toEqual(['GET /repos/o/r/collaborators/alice/permission', 'POST /repos/o/r/issues/1/comments']);
 *   expect(repo.comments(1).at(-1)?.body).toBe('...'); expect(repo.labels(1)).toEqual(['bug']);
 *   await github.close();
 *
 * Routes (under /repos/{owner}/{repo}): GET issues/{n}; GET|POST issues/{n}/comments (paginated);
 * GET|PATCH issues/comments/{id}; GET|POST issues/{n}/labels; DELETE issues/{n}/labels/{name}
 * (404 "Label does not exist" when absent); GET pulls/{n}; GET pulls/{n}/files (paginated);
 * GET|POST pulls/{n}/reviews (422 for an inline comment off the diff, as GitHub does); PUT
 * pulls/{n}/reviews/{id} (the body only);
 * GET collaborators/{login}/permission (404 for a login never given a permission);
 * GET git/trees/{sha}[?recursive=1] (a commit sha resolves to its tree); GET git/blobs/{sha};
 * the git data and pull-request-writing routes of github-git.ts (`gitData(repo)` reads them back);
 * POST /graphql: `viewer { login }` and a discussion's comments (github-graphql.ts).
 * Anything else, or an unknown repository, is GitHub's 404. Everything the client posts is
 * authored by `actor` (default `github-actions[bot]`, type Bot).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGraphQL } from './github-graphql.js';
import { FakeRepo, type FakeContext, type Json } from './github-repo.js';
import { errorBody, route, type RouteResponse } from './github-routes.js';

export type { FakeRepo, FileSeed, Json, RawTreeEntry, TreeFile } from './github-repo.js';

export interface FakeGitHubOptions {
  /** When set, a request without `authorization: token <token>` (or `Bearer`) gets 401 Bad credentials. */
  token?: string;
  actor?: FakeContext['actor'];
}

export interface RecordedRequest {
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or undefined for a request without a body. */
  body: unknown;
  authorization?: string;
  userAgent?: string;
}

/** What an injected failure answers instead of the route. */
export interface Failure {
  status: number;
  /** GitHub's `message`; default by status (403 "Resource not accessible by integration", ...). */
  message?: string;
  headers?: Record<string, string>;
  /** Answer only after this long (a client timeout shorter than it aborts first). */
  delayMs?: number;
}

export interface FakeGitHub {
  /** Base URL: GITHUB_API_URL, or Octokit's `baseUrl`. */
  url: string;
  /** The repository `owner/name`, created empty on first use. */
  repo(fullName: string): FakeRepo;
  /** The payload's repository, with its issue or pull request (and comment) in the thread, or its discussion. */
  seedFromPayload(payload: Json): FakeRepo;
  /** The GraphQL endpoint's state: discussions and their comments. */
  graphql: FakeGraphQL;
  /** The next `times` requests matching `route` (`'METHOD /path'`, exact, no query; or a RegExp on it) fail. */
  fail(route: string | RegExp, failure: Failure, times?: number): void;
  /** `METHOD /path` of every request so far, in order; with `{ query: true }` the query string too. */
  calls(options?: { query?: boolean }): string[];
  requests: RecordedRequest[];
  /** Forgets the recorded requests (state and pending failures stay). */
  clearCalls(): void;
  /** Stops the server; safe to call twice. */
  close(): Promise<void>;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** GitHub's answer to too many writes: 403 (or 429) with a `retry-after` in seconds. */
export function secondaryRateLimit(options: { retryAfter?: number; status?: 403 | 429 } = {}): Failure {
  return {
    status: options.status ?? 403,
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    headers: { 'retry-after': String(options.retryAfter ?? 1) },
  };
}

/** The hourly quota spent: `x-ratelimit-remaining: 0` and the reset time. */
export function primaryRateLimit(options: { resetInSeconds?: number } = {}): Failure {
  const reset = Math.floor(Date.now() / 1000) + (options.resetInSeconds ?? 0);
  return {
    status: 403,
    message: 'API rate limit exceeded for installation ID 1.',
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
  };
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const repos = new Map<string, FakeRepo>();
  const requests: RecordedRequest[] = [];
  const failures: Array<{ route: string | RegExp; failure: Failure; left: number }> = [];
  let id = 5000;
  let clock = Date.parse('2024-01-01T00:00:00Z');
  let url = '';
  const context: FakeContext = {
    apiUrl: () => url,
    nextId: () => (id += 1),
    timestamp: () => new Date((clock += 1000)).toISOString().replace('.000Z', 'Z'),
    actor: options.actor ?? { login: 'github-actions[bot]', type: 'Bot' },
  };
  const graphql = new FakeGraphQL(context);
  const repo = (fullName: string): FakeRepo => {
    const [owner = '', name = ''] = fullName.split('/');
    const key = fullName.toLowerCase();
    if (!repos.has(key)) repos.set(key, new FakeRepo(owner, name, context));
    return repos.get(key) as FakeRepo;
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: errorBody(500, `fake GitHub crashed: ${String(error)}`) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = new URL(request.url ?? '/', url);
    const text = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body: text === '' ? undefined : parseJson(text),
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
    };
    requests.push(record);
    const call = `${record.method} ${record.path}`;
    const injected = failures.find((entry) => entry.left > 0 && (typeof entry.route === 'string' ? entry.route === call : entry.route.test(call)));
    if (injected) {
      injected.left -= 1;
      const { status, message, headers, delayMs } = injected.failure;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return send(response, { status, body: errorBody(status, message ?? DEFAULT_MESSAGES[status] ?? 'Error'), headers });
    }
    if (options.token !== undefined && !authorized(request.headers.authorization, options.token)) {
      return send(response, { status: 401, body: errorBody(401, 'Bad credentials') });
    }
    if (record.method === 'POST' && parsed.pathname === '/graphql') return send(response, graphql.answer(record.body));
    const segments = parsed.pathname
      .split('/')
      .slice(1)
      .map((part) => decodeURIComponent(part));
    if (segments[0] !== 'repos' || segments.length < 3) return send(response, { status: 404, body: errorBody(404, 'Not Found') });
    const target = repos.get(`${segments[1]}/${segments[2]}`.toLowerCase());
    if (!target) return send(response, { status: 404, body: errorBody(404, 'Not Found') });
    const routeUrl = `${url}${parsed.pathname}`;
    send(response, route(target, { method: record.method, segments: segments.slice(3), query: record.query, body: record.body, url: routeUrl }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    repo,
    seedFromPayload: (payload) => seedFromPayload(repo, graphql, payload),
    graphql,
    fail: (route, failure, times = 1) => void failures.push({ route, failure, left: times }),
    calls: (callOptions = {}) =>
      requests.map((entry) => {
        const query = new URLSearchParams(entry.query).toString();
        return `${entry.method} ${entry.path}${callOptions.query && query ? `?${query}` : ''}`;
      }),
    requests,
    clearCalls: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function seedFromPayload(repo: (fullName: string) => FakeRepo, graphql: FakeGraphQL, payload: Json): FakeRepo {
  const repository = payload.repository as Json | undefined;
  if (typeof repository?.full_name !== 'string') throw new Error('fake GitHub: the payload has no repository.full_name');
  const target = repo(repository.full_name);
  const pull = payload.pull_request as Json | undefined;
  const issue = payload.issue as Json | undefined;
  if (pull) target.pullRequest({ number: Number(pull.number), raw: pull });
  else if (issue) target.issue({ number: Number(issue.number), raw: issue });
  const comment = payload.comment as Json | undefined;
  const number = Number((pull ?? issue)?.number);
  // A review comment lives on the diff, not in the issue thread.
  if (comment && issue && target.threads.has(number)) target.comment(number, { body: String(comment.body), raw: comment });
  const discussion = payload.discussion as Json | undefined;
  if (discussion) graphql.discussion(String(discussion.node_id), Number(discussion.number), String(discussion.html_url));
  return target;
}

function authorized(header: string | undefined, token: string): boolean {
  const match = /^(?:token|bearer) (.+)$/i.exec(header ?? '');
  return match?.[1] === token;
}

function send(response: ServerResponse, answer: RouteResponse): void {
  const headers: Record<string, string> = {
    'x-github-request-id': 'FAKE:0001',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    ...answer.headers,
  };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  response.writeHead(answer.status, { ...headers, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
