/**
 * A local, recording fake of the GitLab REST API (v4): a real HTTP server on 127.0.0.1 that the real
 * client (or the built CLI, with CI_API_V4_URL=fake.url) talks to. State is in memory.
 *
 *   const gitlab = await startFakeGitLab({ token: 'glpat-test' });  // other tokens get 401
 *   const project = gitlab.project('group/app', 42);                 // by id 42 or by path
 *   project.member('alice', 30);                                     // members/all/:user_id
 *   const mr = project.mergeRequest(7, { diffs: [{ old_path, new_path, diff }] });
 *   project.note(mr, { body: 'hi', author: 'bob' });
 *   project.tree(sha, { '.flue/agents/review.md': '...' });          // repository/tree + files/:path/raw
 *   gitlab.fail('POST /projects/42/merge_requests/7/notes', { status: 403 });  // next matching request only
 *   gitlab.fail(/^GET /, { status: 429, headers: { 'retry-after': '1' } }, 2); // two times
 *   expect(gitlab.calls()).toEqual(['GET /projects/42/merge_requests/7/notes']);
 *
 * Paths are recorded as sent (still percent-encoded) without the `/api/v4` prefix. Routes: GET /user;
 * GET /users?username=; under /projects/:id (numeric or URL-encoded path): GET members/all/:user_id;
 * GET|PUT (issues|merge_requests)/:iid (PUT takes add_labels / remove_labels); GET|POST .../notes
 * (paginated; `sort` defaults to desc, as GitLab's does); GET .../notes/:id; PUT .../notes/:id (the
 * author's own only, else 403); GET merge_requests/:iid/diffs; GET|POST merge_requests/:iid/draft_notes (400 for a
 * position the diff does not show); DELETE .../draft_notes/:id; POST .../draft_notes/bulk_publish;
 * POST merge_requests/:iid/approve (401 when already approved, as GitLab answers); GET
 * repository/tree (path, recursive; paginated); GET repository/files/:path/raw; the commit and merge request
 * routes of gitlab-commits.ts (`commitsOf(project)` reads them back); the CI job routes of gitlab-jobs.ts
 * (pipeline jobs, a job's artifact file: `jobsOf(project).add(...)` seeds them). Everything the client
 * posts is authored by the token's user (`self`, default `project_42_bot_1`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeProject, type FakeServerContext, type FakeUser } from './gitlab-project.js';
import { message, projectRoute, type RouteResponse } from './gitlab-routes.js';

export type { FakeDiff, FakeProject, FakeThread, FakeUser, Json, TreeFile } from './gitlab-project.js';

export interface FakeGitLabOptions {
  /** When set, a request without `PRIVATE-TOKEN: <token>` gets 401. */
  token?: string;
  /** When set, `JOB-TOKEN: <jobToken>` may read (GET, but not /user) and gets 401 on anything else, as CI_JOB_TOKEN does. */
  jobToken?: string;
  /** The username the token writes as. */
  self?: string;
}

export interface RecordedRequest {
  method: string;
  /** The path as sent, without `/api/v4` and the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  privateToken?: string;
  jobToken?: string;
}

/** What an injected answer gives instead of the route: an error, a rate limit, a hang, or a body of the test's. */
export interface Failure {
  status: number;
  /** GitLab's `message`; default `<status> <reason>`. */
  message?: string;
  /** Sent as JSON instead of `{ message }`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this long (a client timeout shorter than it aborts first). */
  delayMs?: number;
  /** Close the connection without an answer (the client sees a reset). */
  reset?: boolean;
  /** Let this many matching requests through first (default 0). */
  after?: number;
}

export interface FakeGitLab {
  /** CI_API_V4_URL: `http://127.0.0.1:port/api/v4`. */
  url: string;
  project(pathWithNamespace: string, id?: number): FakeProject;
  user(username: string): FakeUser;
  /** The next `times` requests matching `route` (`'METHOD /path'` exactly; a RegExp is tested on `METHOD /path?query`) answer `failure`. */
  fail(route: string | RegExp, failure: Failure, times?: number): void;
  calls(options?: { query?: boolean }): string[];
  requests: RecordedRequest[];
  clearCalls(): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const projects: FakeProject[] = [];
  const users = new Map<string, FakeUser>();
  const requests: RecordedRequest[] = [];
  const failures: Array<{ route: string | RegExp; failure: Failure; left: number; passes: number }> = [];
  let id = 5000;
  let clock = Date.parse('2024-01-01T00:00:00Z');
  let origin = '';
  const user = (username: string): FakeUser => {
    const key = username.toLowerCase();
    if (!users.has(key)) {
      users.set(key, {
        id: 100 + users.size,
        username,
        name: username,
        state: 'active',
        locked: false,
        avatar_url: '',
        web_url: `${origin}/${username}`,
      });
    }
    return users.get(key) as FakeUser;
  };
  const context: FakeServerContext = {
    webUrl: () => origin,
    nextId: () => (id += 1),
    timestamp: () => new Date((clock += 1000)).toISOString(),
    self: () => user(options.self ?? 'project_42_bot_1'),
    userNamed: user,
    allUsers: () => users.values(),
  };

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => send(response, message(500, `fake GitLab crashed: ${String(error)}`)));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = new URL(request.url ?? '/', origin);
    const text = await readBody(request);
    const path = parsed.pathname.replace(/^\/api\/v4/, '');
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      query: Object.fromEntries(parsed.searchParams),
      body: text === '' ? undefined : parseJson(text),
      privateToken: header(request, 'private-token'),
      jobToken: header(request, 'job-token'),
    };
    requests.push(record);
    const call = `${record.method} ${path}`;
    const withQuery = `${call}${parsed.search}`;
    const matching = failures.find((entry) => entry.left > 0 && (typeof entry.route === 'string' ? entry.route === call : entry.route.test(withQuery)));
    const injected = matching !== undefined && matching.passes > 0 ? undefined : matching;
    if (matching !== undefined && injected === undefined) matching.passes -= 1;
    if (injected) {
      injected.left -= 1;
      const { status, body, headers, delayMs } = injected.failure;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (injected.failure.reset) return void request.socket.destroy();
      if (response.destroyed) return;
      return send(response, { status, body: body ?? { message: injected.failure.message ?? `${status} ${REASONS[status] ?? 'Error'}` }, headers });
    }
    const job = options.jobToken !== undefined && record.jobToken === options.jobToken;
    if (job && (record.method !== 'GET' || path === '/user')) return send(response, message(401, 'Unauthorized'));
    if (!job && options.token !== undefined && record.privateToken !== options.token) return send(response, message(401, 'Unauthorized'));
    if (!parsed.pathname.startsWith('/api/v4/')) return send(response, message(404, 'Not Found'));
    if (call === 'GET /user') return send(response, { status: 200, body: { ...context.self(), bot: true } });
    if (call === 'GET /users') {
      const found = [...users.values()].filter((entry) => entry.username.toLowerCase() === (record.query.username ?? '').toLowerCase());
      return send(response, { status: 200, body: found });
    }
    const segments = path
      .split('/')
      .slice(1)
      .map((part) => decodeURIComponent(part));
    const target =
      segments[0] === 'projects' ? projects.find((entry) => String(entry.id) === segments[1] || entry.pathWithNamespace === segments[1]) : undefined;
    if (!target) return send(response, message(404, segments[0] === 'projects' ? 'Project Not Found' : 'Not Found'));
    send(
      response,
      projectRoute(
        target,
        { method: record.method, segments: segments.slice(2), query: record.query, body: record.body },
        `${origin}${parsed.pathname}`,
      ),
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/v4`,
    project: (pathWithNamespace, projectId = 42) => {
      const known = projects.find((entry) => entry.pathWithNamespace === pathWithNamespace);
      if (known) return known;
      const created = new FakeProject(projectId, pathWithNamespace, context);
      projects.push(created);
      return created;
    },
    user,
    fail: (route, failure, times = 1) => void failures.push({ route, failure, left: times, passes: failure.after ?? 0 }),
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

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, answer: RouteResponse): void {
  const headers: Record<string, string> = { 'x-request-id': 'FAKE0001', 'ratelimit-limit': '2000', 'ratelimit-remaining': '1999', ...answer.headers };
  if (answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  if (Buffer.isBuffer(answer.body)) {
    response.writeHead(answer.status, headers).end(answer.body);
    return;
  }
  response.writeHead(answer.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
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
