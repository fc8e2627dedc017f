/**
 * The routes of the fake GitHub API (see github.ts): each takes the parsed request and the
 * repository's state and returns what GitHub would. Unknown routes get GitHub's 404.
 */
import { gitDataRoute } from './github-git.js';
import type { FakeRepo, Json, RawTreeEntry } from './github-repo.js';

export interface RouteRequest {
  method: string;
  /** Decoded path segments after `/repos/{owner}/{repo}`. */
  segments: string[];
  query: Record<string, string>;
  body: unknown;
  /** The request's URL without its query, for pagination links. */
  url: string;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest';
export const errorBody = (status: number, message: string, extra: Json = {}): Json => ({
  message,
  documentation_url: DOCS,
  status: String(status),
  ...extra,
});
const notFound = (): RouteResponse => ({ status: 404, body: errorBody(404, 'Not Found') });
const json = (body: unknown, status = 200): RouteResponse => ({ status, body });

/** Routes under `/repos/{owner}/{repo}/`; `:n` and `:id` match digits, other `:params` any one segment. */
const ROUTES = [
  '',
  'issues/:n',
  'issues/:n/comments',
  'issues/comments/:id',
  'issues/:n/labels',
  'issues/:n/labels/:name',
  'pulls/:n',
  'pulls/:n/files',
  'pulls/:n/reviews',
  'pulls/:n/reviews/:id',
  'collaborators/:login/permission',
  'git/trees/:sha',
  'git/blobs/:sha',
];

function match(segments: string[]): { pattern: string; params: Record<string, string> } | undefined {
  for (const pattern of ROUTES) {
    const parts = pattern === '' ? [] : pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = parts.every((part, index) => {
      const value = segments[index] as string;
      if (!part.startsWith(':')) return part === value;
      params[part.slice(1)] = value;
      return part === ':n' || part === ':id' ? /^\d+$/.test(value) : value !== '';
    });
    if (fits) return { pattern, params };
  }
  return undefined;
}

export function route(repo: FakeRepo, request: RouteRequest): RouteResponse {
  const gitData = gitDataRoute(repo, request);
  if (gitData) return gitData;
  const found = match(request.segments);
  if (!found) return notFound();
  const { params } = found;
  const number = Number(params.n);
  switch (`${request.method} ${found.pattern}`) {
    case 'GET ':
      return json({ id: 1, name: repo.name, full_name: repo.fullName, owner: repo.user(repo.owner), private: false, default_branch: 'main' });
    case 'GET issues/:n':
      return withThread(repo, number, (thread) => json({ ...thread.data, labels: repo.labelObjects(thread.labels), comments: thread.comments.length }));
    case 'GET issues/:n/comments':
      return withThread(repo, number, (thread) => paginate(thread.comments, request));
    case 'POST issues/:n/comments':
      return withThread(repo, number, (thread) => {
        const body = field(request.body, 'body');
        if (typeof body !== 'string' || body === '')
          return json(errorBody(422, 'Validation Failed', { errors: [{ field: 'body', code: 'missing_field' }] }), 422);
        const comment = repo.newComment(thread, body, repo.actor());
        thread.comments.push(comment);
        return json(comment, 201);
      });
    case 'GET issues/comments/:id':
    case 'PATCH issues/comments/:id':
      return updateComment(repo, Number(params.id), request);
    case 'GET issues/:n/labels':
      return withThread(repo, number, (thread) => json(repo.labelObjects(thread.labels)));
    case 'POST issues/:n/labels':
      return withThread(repo, number, (thread) => {
        const given = field(request.body, 'labels') ?? request.body;
        const names = Array.isArray(given) ? given.map((label) => (typeof label === 'string' ? label : String(field(label, 'name')))) : [];
        for (const name of names) {
          if (!thread.labels.some((label) => label.toLowerCase() === name.toLowerCase())) thread.labels.push(name);
        }
        return json(repo.labelObjects(thread.labels));
      });
    case 'DELETE issues/:n/labels/:name':
      return withThread(repo, number, (thread) => {
        const index = thread.labels.findIndex((label) => label.toLowerCase() === (params.name ?? '').toLowerCase());
        if (index < 0) return json(errorBody(404, 'Label does not exist'), 404);
        thread.labels.splice(index, 1);
        return json(repo.labelObjects(thread.labels));
      });
    case 'GET pulls/:n':
      return withPull(repo, number, (pull) => json({ ...pull.data, changed_files: pull.files.length }));
    case 'GET pulls/:n/files':
      return withPull(repo, number, (pull) =>
        paginate(
          pull.files.map((file) => fileJson(repo, file)),
          request,
        ),
      );
    case 'GET pulls/:n/reviews':
      return withPull(repo, number, (pull) => paginate(pull.reviews, request));
    case 'POST pulls/:n/reviews':
      return withPull(repo, number, (pull) => createReview(repo, number, pull, request.body));
    case 'PUT pulls/:n/reviews/:id':
      return withPull(repo, number, (pull) => updateReview(pull.reviews, Number(params.id), request.body));
    case 'GET collaborators/:login/permission':
      return collaboratorPermission(repo, params.login ?? '');
    case 'GET git/trees/:sha':
      return gitTree(repo, params.sha ?? '', request.query.recursive !== undefined);
    case 'GET git/blobs/:sha':
      return gitBlob(repo, params.sha ?? '');
    default:
      return notFound();
  }
}

function withThread(repo: FakeRepo, number: number, handle: (thread: ReturnType<FakeRepo['thread']>) => RouteResponse): RouteResponse {
  return repo.threads.has(number) ? handle(repo.thread(number)) : notFound();
}

function withPull(repo: FakeRepo, number: number, handle: (pull: NonNullable<ReturnType<FakeRepo['pulls']['get']>>) => RouteResponse): RouteResponse {
  const pull = repo.pulls.get(number);
  return pull ? handle(pull) : notFound();
}

function updateComment(repo: FakeRepo, id: number, request: RouteRequest): RouteResponse {
  for (const thread of repo.threads.values()) {
    const comment = thread.comments.find((entry) => entry.id === id);
    if (!comment) continue;
    if (request.method === 'GET') return json(comment);
    const body = field(request.body, 'body');
    if (typeof body !== 'string') return json(errorBody(422, 'Validation Failed'), 422);
    Object.assign(comment, { body });
    return json(comment);
  }
  return notFound();
}

/** GitHub's page-number pagination: `per_page` (default 30, at most 100), `page`, and a `link` header. */
function paginate(items: readonly unknown[], request: RouteRequest): RouteResponse {
  const perPage = Math.min(Number(request.query.per_page ?? 30) || 30, 100);
  const page = Math.max(Number(request.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const query = new URLSearchParams({ ...request.query, per_page: String(perPage), page: String(p) });
    return `<${request.url}?${query}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  const body = items.slice((page - 1) * perPage, page * perPage);
  return links.length > 0 ? { status: 200, body, headers: { link: links.join(', ') } } : { status: 200, body };
}

function fileJson(repo: FakeRepo, file: { filename: string; status?: string; patch?: string; additions?: number; deletions?: number }): Json {
  const lines = file.patch?.split('\n') ?? [];
  const additions = file.additions ?? lines.filter((line) => line.startsWith('+')).length;
  const deletions = file.deletions ?? lines.filter((line) => line.startsWith('-')).length;
  const blob = `https://github.com/${repo.fullName}/blob/HEAD/${file.filename}`;
  const entry: Json = {
    sha: repo.blob(file.filename),
    filename: file.filename,
    status: file.status ?? 'modified',
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: blob,
    raw_url: blob.replace('/blob/', '/raw/'),
    contents_url: `${repo.apiPath}/contents/${file.filename}`,
  };
  if (file.patch !== undefined) entry.patch = file.patch;
  return entry;
}

const REVIEW_STATES: Record<string, string> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' };

/**
 * Refuses inline comments off the diff with GitHub's own 422, so a client that sends them fails here as it would there:
 * a multi-line comment (`start_line` to `line`, both RIGHT) needs every line between on the diff, and start_line before line.
 */
function createReview(
  repo: FakeRepo,
  number: number,
  pull: { data: Json; files: Array<{ filename: string; patch?: string }>; reviews: Json[] },
  body: unknown,
): RouteResponse {
  const comments = field(body, 'comments');
  for (const comment of Array.isArray(comments) ? comments : []) {
    const file = pull.files.find((entry) => entry.filename === field(comment, 'path'));
    const side = field(comment, 'side') ?? 'RIGHT';
    const line = Number(field(comment, 'line'));
    const start = field(comment, 'start_line') === undefined ? line : Number(field(comment, 'start_line'));
    const startSide = field(comment, 'start_side') ?? side;
    const shown = rightLines(file?.patch);
    const span = Array.from({ length: Math.max(0, line - start + 1) }, (_, index) => start + index);
    if (field(comment, 'start_line') !== undefined && (start >= line || startSide !== 'RIGHT')) {
      return json(errorBody(422, 'Unprocessable Entity', { errors: ['start_line must precede line, both on the RIGHT side'] }), 422);
    }
    if (!file || side !== 'RIGHT' || !span.every((at) => shown.has(at))) {
      return json(errorBody(422, 'Unprocessable Entity', { errors: ['Pull request review thread line must be part of the diff'] }), 422);
    }
  }
  const event = field(body, 'event');
  const id = repo.nextId();
  const review: Json = {
    id,
    node_id: `PRR_${id}`,
    user: repo.actor(),
    body: field(body, 'body') ?? '',
    state: typeof event === 'string' ? (REVIEW_STATES[event] ?? 'PENDING') : 'PENDING',
    html_url: `https://github.com/${repo.fullName}/pull/${number}#pullrequestreview-${id}`,
    pull_request_url: `${repo.apiPath}/pulls/${number}`,
    commit_id: field(body, 'commit_id') ?? field(field(pull.data, 'head'), 'sha') ?? null,
    comments: Array.isArray(comments) ? comments : [],
  };
  pull.reviews.push(review);
  return json(review);
}

/** Like GitHub: only the body of a submitted review changes; its verdict and inline comments stay. */
function updateReview(reviews: Json[], id: number, body: unknown): RouteResponse {
  const review = reviews.find((entry) => entry.id === id);
  if (!review) return notFound();
  const text = field(body, 'body');
  if (typeof text !== 'string' || text === '')
    return json(errorBody(422, 'Validation Failed', { errors: [{ field: 'body', code: 'missing_field' }] }), 422);
  review.body = text;
  return json(review);
}

/** The fake's own reading of a patch (kept apart from the runner's, so one cannot hide the other's bug). */
function rightLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const text of patch?.split('\n') ?? []) {
    const hunk = /^@@ -\S+ \+(\d+)/.exec(text);
    if (hunk) line = Number(hunk[1]);
    else if (line > 0 && (text.startsWith('+') || text.startsWith(' '))) lines.add(line++);
  }
  return lines;
}

function collaboratorPermission(repo: FakeRepo, login: string): RouteResponse {
  const found = repo.permissions.get(login.toLowerCase());
  if (!found) return notFound();
  return json({ ...found, user: repo.user(login) });
}

function gitTree(repo: FakeRepo, sha: string, recursive: boolean): RouteResponse {
  const treeSha = repo.commits.get(sha) ?? sha;
  const tree = repo.trees.get(treeSha);
  if (!tree) return notFound();
  const entries: RawTreeEntry[] = [];
  const walk = (list: RawTreeEntry[], prefix: string) => {
    for (const entry of list) {
      entries.push({ ...entry, path: prefix + entry.path });
      const child = entry.type === 'tree' ? repo.trees.get(entry.sha) : undefined;
      if (recursive && child) walk(child.entries, `${prefix}${entry.path}/`);
    }
  };
  walk(tree.entries, '');
  const kind = (type: string) => (type === 'tree' ? 'trees' : 'blobs');
  const tree_ = entries.map((entry) => ({
    path: entry.path,
    mode: entry.mode ?? (entry.type === 'tree' ? '040000' : '100644'),
    type: entry.type,
    sha: entry.sha,
    ...(entry.type === 'blob' ? { size: entry.size ?? repo.blobs.get(entry.sha)?.length ?? 0 } : {}),
    url: `${repo.apiPath}/git/${kind(entry.type)}/${entry.sha}`,
  }));
  return json({ sha: treeSha, url: `${repo.apiPath}/git/trees/${treeSha}`, tree: tree_, truncated: tree.truncated });
}

function gitBlob(repo: FakeRepo, sha: string): RouteResponse {
  const bytes = repo.blobs.get(sha);
  if (!bytes) return notFound();
  // GitHub wraps the base64 at 60 characters; clients must decode it anyway.
  const base64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < base64.length; start += 60) lines.push(base64.slice(start, start + 60));
  const content = lines.join('\n');
  return json({ sha, node_id: `B_${sha}`, size: bytes.length, url: `${repo.apiPath}/git/blobs/${sha}`, content, encoding: 'base64' });
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, name) ? (value as Json)[name] : undefined;
}
