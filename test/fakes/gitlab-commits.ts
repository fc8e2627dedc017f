/**
 * The fake GitLab's routes for committing and opening merge requests (see gitlab.ts), what
 * `propose_change` calls, as GitLab's REST documentation describes them: GET /projects/:id (its
 * `default_branch`, `main`); POST repository/commits (`branch`, `start_sha`, `commit_message`, `actions`
 * create/update/delete with base64 content, `force`; 400 when the branch exists without `force`, when
 * `create` names a file that exists or `update`/`delete` one that does not); GET merge_requests
 * (`source_branch`, `state`); POST merge_requests (409 when an open one from the branch exists); PUT
 * merge_requests/:iid with `title` or `description`. `commitsOf(project)` reads back branches and commits.
 */
import type { FakeProject, Json, TreeFile } from './gitlab-project.js';
import { message, type RouteRequest, type RouteResponse } from './gitlab-routes.js';

interface Commit {
  sha: string;
  parent: string;
  branch: string;
  message: string;
  actions: Json[];
}
interface CommitState {
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  /** Merge requests the client opened, by iid. */
  opened: number[];
}

const states = new WeakMap<FakeProject, CommitState>();

function stateOf(project: FakeProject): CommitState {
  let state = states.get(project);
  if (!state) {
    state = { branches: new Map(), commits: new Map(), opened: [] };
    states.set(project, state);
  }
  return state;
}

/** What the client committed and opened, read back; `branch` seeds one as if someone had pushed it. */
export function commitsOf(project: FakeProject) {
  const state = stateOf(project);
  return {
    branch: (name: string, sha: string): void => void state.branches.set(name, sha),
    branches: (): Record<string, string> => Object.fromEntries(state.branches),
    commit: (sha: string): Commit | undefined => state.commits.get(sha),
    /** The files at a commit, path to text. */
    files: (sha: string): Record<string, string> =>
      Object.fromEntries([...(project.trees.get(sha) ?? [])].map(([path, file]) => [path, typeof file === 'string' ? file : JSON.stringify(file)])),
    openedMergeRequests: (): Json[] => state.opened.map((iid) => project.threads.get(`merge_requests/${iid}`)?.data ?? {}),
  };
}

/** Undefined for a request these routes do not serve. */
export function commitRoute(project: FakeProject, request: RouteRequest): RouteResponse | undefined {
  const { method, segments, body } = request;
  if (segments.length === 0 && method === 'GET') {
    return json({ id: project.id, path_with_namespace: project.pathWithNamespace, default_branch: 'main', web_url: project.webUrl });
  }
  if (method === 'POST' && segments.join('/') === 'repository/commits') return createCommit(project, body as Json);
  if (method === 'GET' && segments[0] === 'repository' && segments[1] === 'branches' && segments.length > 2) {
    return branchOf(project, segments.slice(2).join('/'));
  }
  if (segments[0] !== 'merge_requests') return undefined;
  if (segments.length === 1 && method === 'GET') return listMergeRequests(project, request.query);
  if (segments.length === 1 && method === 'POST') return createMergeRequest(project, body as Json);
  if (segments.length === 2 && method === 'PUT' && body && typeof body === 'object' && ('title' in body || 'description' in body)) {
    const thread = project.threads.get(`merge_requests/${segments[1]}`);
    if (!thread) return message(404, 'Merge Request Not Found');
    for (const field of ['title', 'description'] as const) {
      const value = (body as Json)[field];
      if (typeof value === 'string') thread.data[field] = value;
    }
    thread.data.draft = String(thread.data.title).startsWith('Draft:');
    return json(thread.data);
  }
  return undefined;
}

const json = (body: unknown, status = 200): RouteResponse => ({ status, body });
const badRequest = (text: string): RouteResponse => ({ status: 400, body: { message: text } });

function createCommit(project: FakeProject, body: Json): RouteResponse {
  const { branch, start_sha: startSha, commit_message: commitMessage, actions, force } = body;
  if (typeof branch !== 'string' || typeof commitMessage !== 'string' || !Array.isArray(actions))
    return badRequest('branch, commit_message, actions are missing');
  if (typeof startSha !== 'string' || !project.trees.has(startSha)) return badRequest('You can only create or edit files when you are on a branch');
  const state = stateOf(project);
  if (state.branches.has(branch) && force !== true)
    return badRequest(`A branch called '${branch}' already exists. Switch to that branch in order to make changes`);
  const files = new Map<string, TreeFile>(project.trees.get(startSha));
  for (const action of actions as Json[]) {
    const path = String(action.file_path);
    const exists = files.has(path);
    if (action.action === 'delete') {
      if (!exists) return badRequest("A file with this name doesn't exist");
      files.delete(path);
      continue;
    }
    if (action.action === 'create' && exists) return badRequest('A file with this name already exists');
    if (action.action === 'update' && !exists) return badRequest("A file with this name doesn't exist");
    if (action.action !== 'create' && action.action !== 'update') return badRequest(`Unknown action '${String(action.action)}'`);
    const content = action.encoding === 'base64' ? Buffer.from(String(action.content), 'base64').toString('utf8') : String(action.content);
    files.set(path, action.execute_filemode === true ? { executable: content } : content);
  }
  const sha = `c${String(project.context.nextId()).padStart(39, '0')}`;
  project.tree(sha, Object.fromEntries(files));
  state.commits.set(sha, { sha, parent: startSha, branch, message: commitMessage, actions: actions as Json[] });
  state.branches.set(branch, sha);
  return json({ id: sha, short_id: sha.slice(0, 8), title: commitMessage.split('\n')[0], message: commitMessage, parent_ids: [startSha] }, 201);
}

/** GET repository/branches/:branch: the branch and its last commit, as GitLab answers (a subset of the fields). */
function branchOf(project: FakeProject, name: string): RouteResponse {
  const sha = stateOf(project).branches.get(name);
  if (sha === undefined) return { status: 404, body: { message: '404 Branch Not Found' } };
  const message = stateOf(project).commits.get(sha)?.message ?? 'A commit someone else made';
  return json({ name, merged: false, protected: false, commit: { id: sha, short_id: sha.slice(0, 8), title: message.split('\n')[0], message } });
}

function listMergeRequests(project: FakeProject, query: Record<string, string>): RouteResponse {
  const requests = [...project.threads.values()]
    .filter((thread) => thread.kind === 'merge_requests')
    .map((thread) => thread.data)
    .filter(
      (data) =>
        (query.source_branch === undefined || data.source_branch === query.source_branch) &&
        (query.state === 'all' || data.state === (query.state ?? 'opened')),
    )
    // GitLab's default order: newest first (order_by=created_at, sort=desc).
    .sort((a, b) => Number(b.iid) - Number(a.iid));
  return json(requests);
}

function createMergeRequest(project: FakeProject, body: Json): RouteResponse {
  const { source_branch: source, target_branch: target, title, description } = body;
  if (typeof source !== 'string' || typeof target !== 'string' || typeof title !== 'string')
    return badRequest('source_branch, target_branch, title are missing');
  const state = stateOf(project);
  const sha = state.branches.get(source);
  if (sha === undefined) return badRequest(`Source branch "${source}" does not exist`);
  const open = [...project.threads.values()].some(
    (thread) => thread.kind === 'merge_requests' && thread.data.source_branch === source && thread.data.state === 'opened',
  );
  if (open) return { status: 409, body: { message: [`Another open merge request already exists for this source branch`] } };
  const iid = Math.max(0, ...[...project.threads.values()].filter((thread) => thread.kind === 'merge_requests').map((thread) => thread.iid)) + 1;
  const thread = project.mergeRequest(iid, { title, author: project.context.self().username, source_branch: source, target_branch: target, sha });
  Object.assign(thread.data, { description: typeof description === 'string' ? description : '', draft: title.startsWith('Draft:') });
  state.opened.push(iid);
  return json(thread.data, 201);
}
