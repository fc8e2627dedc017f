/**
 * The fake GitHub's git data and pull-request-writing routes (see github.ts), what `propose_change`
 * calls: GET git/commits/{sha}; POST git/blobs; POST git/trees (with `base_tree`; `sha: null` deletes);
 * POST git/commits; POST git/refs (422 "Reference already exists"); PATCH git/refs/heads/{branch}
 * (422 when missing, or when not a fast-forward without `force`); GET pulls (`head`, `state`);
 * POST pulls (422 when the head branch does not exist or a pull request from it is open); PATCH pulls/{n}.
 * State lives beside the repository's (a WeakMap), and `gitData(repo)` reads it back for assertions:
 * the files of a commit, the branches, the pull requests the client opened.
 */
import { createHash } from 'node:crypto';
import { errorBody, type RouteRequest, type RouteResponse } from './github-routes.js';
import type { FakeRepo, Json } from './github-repo.js';

interface Entry {
  mode: string;
  sha: string;
}
interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}
interface GitState {
  refs: Map<string, string>;
  commits: Map<string, CommitObject>;
  /** Trees the client made, flat: path to entry. */
  trees: Map<string, Map<string, Entry>>;
}

const states = new WeakMap<FakeRepo, GitState>();

function stateOf(repo: FakeRepo): GitState {
  let state = states.get(repo);
  if (!state) {
    state = { refs: new Map(), commits: new Map(), trees: new Map() };
    states.set(repo, state);
  }
  return state;
}

/** What the client did through these routes, read back. */
export function gitData(repo: FakeRepo) {
  const state = stateOf(repo);
  return {
    /** Seeds a branch, as if someone had pushed it. */
    branch(name: string, sha: string): void {
      state.refs.set(name, sha);
    },
    /** Branch name to commit sha. */
    branches: (): Record<string, string> => Object.fromEntries(state.refs),
    commit: (sha: string): CommitObject | undefined => state.commits.get(sha),
    commits: (): CommitObject[] => [...state.commits.values()],
    /** The files of a commit the client made, path to content (utf-8) and mode. */
    files(commitSha: string): Record<string, { content: string; mode: string }> {
      const commit = state.commits.get(commitSha);
      if (!commit) throw new Error(`fake GitHub: no commit ${commitSha}`);
      const files: Record<string, { content: string; mode: string }> = {};
      for (const [path, entry] of flatTree(repo, commit.tree) ?? []) {
        files[path] = { content: repo.blobs.get(entry.sha)?.toString('utf8') ?? '', mode: entry.mode };
      }
      return files;
    },
    /** Pull requests the client opened, in order. */
    openedPulls: (): Json[] => [...repo.pulls.values()].filter((pull) => pull.data.flue_fake_opened === true).map((pull) => pull.data),
  };
}

/** Undefined for a request these routes do not serve. */
export function gitDataRoute(repo: FakeRepo, request: RouteRequest): RouteResponse | undefined {
  const { method, segments } = request;
  const [first, second, third] = segments;
  if (first === 'git') {
    if (method === 'GET' && second === 'commits' && third !== undefined && segments.length === 3) return getCommit(repo, third);
    if (method === 'POST' && segments.length === 2 && second === 'blobs') return createBlob(repo, request.body);
    if (method === 'POST' && segments.length === 2 && second === 'trees') return createTree(repo, request.body);
    if (method === 'POST' && segments.length === 2 && second === 'commits') return createCommit(repo, request.body);
    if (method === 'POST' && segments.length === 2 && second === 'refs') return createRef(repo, request.body);
    if (method === 'PATCH' && second === 'refs') return updateRef(repo, segments.slice(2).join('/'), request.body);
    return undefined;
  }
  if (first === 'pulls' && segments.length === 1) {
    if (method === 'GET') return listPulls(repo, request.query);
    if (method === 'POST') return createPull(repo, request.body);
  }
  if (first === 'pulls' && segments.length === 2 && method === 'PATCH' && /^\d+$/.test(second ?? ''))
    return updatePull(repo, Number(second), request.body);
  return undefined;
}

const json = (body: unknown, status = 200): RouteResponse => ({ status, body });
const invalid = (message: string): RouteResponse => json(errorBody(422, message), 422);
const notFound = (): RouteResponse => json(errorBody(404, 'Not Found'), 404);
const field = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Json)[name] : undefined);
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

function getCommit(repo: FakeRepo, sha: string): RouteResponse {
  const made = stateOf(repo).commits.get(sha);
  const tree = made?.tree ?? repo.commits.get(sha);
  if (tree === undefined) return json(errorBody(404, 'Not Found'), 404);
  return json({
    sha,
    tree: { sha: tree, url: `${repo.apiPath}/git/trees/${tree}` },
    parents: (made?.parents ?? []).map((parent) => ({ sha: parent })),
    message: made?.message ?? '',
  });
}

function createBlob(repo: FakeRepo, body: unknown): RouteResponse {
  const content = field(body, 'content');
  const encoding = field(body, 'encoding') ?? 'utf-8';
  if (typeof content !== 'string' || (encoding !== 'base64' && encoding !== 'utf-8')) return invalid('Invalid request.');
  const sha = repo.blob(Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
  return json({ sha, url: `${repo.apiPath}/git/blobs/${sha}` }, 201);
}

/** A tree as path to entry: one the client made, or a seeded (nested) one walked. */
function flatTree(repo: FakeRepo, sha: string): Map<string, Entry> | undefined {
  const made = stateOf(repo).trees.get(sha);
  if (made) return made;
  const seeded = repo.trees.get(sha);
  if (!seeded) return undefined;
  const flat = new Map<string, Entry>();
  for (const entry of seeded.entries) {
    if (entry.type === 'tree') {
      for (const [path, child] of flatTree(repo, entry.sha) ?? []) flat.set(`${entry.path}/${path}`, child);
    } else flat.set(entry.path, { mode: entry.mode ?? '100644', sha: entry.sha });
  }
  return flat;
}

function createTree(repo: FakeRepo, body: unknown): RouteResponse {
  const baseTree = field(body, 'base_tree');
  const entries = field(body, 'tree');
  if (!Array.isArray(entries)) return invalid('Invalid tree info');
  const base = typeof baseTree === 'string' ? flatTree(repo, baseTree) : new Map<string, Entry>();
  if (!base) return invalid('base_tree is not a valid tree oid');
  const tree = new Map(base);
  for (const entry of entries as Json[]) {
    const { path, mode, sha } = entry;
    if (
      typeof path !== 'string' ||
      path.startsWith('/') ||
      path.split('/').some((part) => part === '' || part === '.' || part === '..' || part === '.git')
    ) {
      return invalid('Invalid tree info');
    }
    if (sha === null) tree.delete(path);
    else if (typeof sha === 'string' && repo.blobs.has(sha) && typeof mode === 'string') tree.set(path, { mode, sha });
    else return invalid('Invalid tree info');
  }
  const sha = sha1(JSON.stringify([...tree].sort()));
  stateOf(repo).trees.set(sha, tree);
  return json(
    { sha, url: `${repo.apiPath}/git/trees/${sha}`, tree: [...tree].map(([path, entry]) => ({ path, ...entry, type: 'blob' })), truncated: false },
    201,
  );
}

function createCommit(repo: FakeRepo, body: unknown): RouteResponse {
  const message = field(body, 'message');
  const tree = field(body, 'tree');
  const parents = field(body, 'parents');
  if (typeof message !== 'string' || typeof tree !== 'string' || !Array.isArray(parents)) return invalid('Invalid request.');
  if (!flatTree(repo, tree)) return invalid('Tree SHA does not exist');
  const sha = sha1(JSON.stringify({ message, tree, parents, n: repo.nextId() }));
  const commit = { sha, tree, parents: parents.map(String), message };
  stateOf(repo).commits.set(sha, commit);
  repo.commits.set(sha, tree);
  return json(
    { ...commit, parents: commit.parents.map((parent) => ({ sha: parent })), tree: { sha: tree }, url: `${repo.apiPath}/git/commits/${sha}` },
    201,
  );
}

function createRef(repo: FakeRepo, body: unknown): RouteResponse {
  const ref = field(body, 'ref');
  const sha = field(body, 'sha');
  if (typeof ref !== 'string' || !ref.startsWith('refs/heads/') || typeof sha !== 'string') return invalid('Invalid request.');
  const branch = ref.slice('refs/heads/'.length);
  const { refs } = stateOf(repo);
  if (refs.has(branch)) return invalid('Reference already exists');
  refs.set(branch, sha);
  return json({ ref, object: { sha, type: 'commit' } }, 201);
}

function updateRef(repo: FakeRepo, ref: string, body: unknown): RouteResponse {
  const sha = field(body, 'sha');
  if (!ref.startsWith('heads/') || typeof sha !== 'string') return invalid('Invalid request.');
  const branch = ref.slice('heads/'.length);
  const { refs, commits } = stateOf(repo);
  const current = refs.get(branch);
  if (current === undefined) return invalid('Reference does not exist');
  if (field(body, 'force') !== true && !commits.get(sha)?.parents.includes(current)) return invalid('Update is not a fast forward');
  refs.set(branch, sha);
  return json({ ref: `refs/${ref}`, object: { sha, type: 'commit' } });
}

function listPulls(repo: FakeRepo, query: Record<string, string>): RouteResponse {
  const state = query.state ?? 'open';
  const pulls = [...repo.pulls.values()]
    .map((pull) => pull.data)
    .filter((data) => (query.head === undefined || (data.head as Json | undefined)?.label === query.head) && (state === 'all' || data.state === state))
    // GitHub's default order: newest first (sort=created, direction=desc).
    .sort((a, b) => Number(b.number) - Number(a.number));
  return json(pulls);
}

function createPull(repo: FakeRepo, body: unknown): RouteResponse {
  const title = field(body, 'title');
  const head = field(body, 'head');
  const base = field(body, 'base');
  if (typeof title !== 'string' || title === '' || typeof head !== 'string' || typeof base !== 'string') return invalid('Validation Failed');
  const sha = stateOf(repo).refs.get(head);
  if (sha === undefined) return invalid(`Validation Failed: head ${head} does not exist`);
  const label = `${repo.owner}:${head}`;
  if ([...repo.pulls.values()].some((pull) => (pull.data.head as Json | undefined)?.label === label && pull.data.state === 'open')) {
    return invalid(`A pull request already exists for ${label}.`);
  }
  const number = Math.max(0, ...repo.threads.keys()) + 1;
  repo.pullRequest({
    number,
    title,
    body: String(field(body, 'body') ?? ''),
    user: repo.actor().login as string,
    head: { ref: head, sha },
    base: { ref: base, sha: 'b'.repeat(40) },
  });
  const data = repo.pulls.get(number)!.data;
  Object.assign(data, { draft: field(body, 'draft') === true, flue_fake_opened: true, user: repo.actor() });
  return json(data, 201);
}

function updatePull(repo: FakeRepo, number: number, body: unknown): RouteResponse {
  const pull = repo.pulls.get(number);
  if (!pull) return notFound();
  for (const name of ['title', 'body'] as const) {
    const value = field(body, name);
    if (typeof value === 'string') pull.data[name] = value;
  }
  return json(pull.data);
}
