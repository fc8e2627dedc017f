/**
 * The project routes of the fake GitLab API (see gitlab.ts): each takes the parsed request and the
 * project's state and answers what GitLab's REST documentation says it answers. Unknown routes get
 * GitLab's `404 Not Found`.
 */
import { createHash } from 'node:crypto';
import { commitRoute } from './gitlab-commits.js';
import { jobRoute } from './gitlab-jobs.js';
import type { FakeProject, FakeThread, Json } from './gitlab-project.js';

export interface RouteRequest {
  method: string;
  /** Decoded path segments after `/projects/:id`. */
  segments: string[];
  query: Record<string, string>;
  body: unknown;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const message = (status: number, text: string): RouteResponse => ({ status, body: { message: `${status} ${text}` } });
const json = (body: unknown, status = 200): RouteResponse => ({ status, body });

/** GitLab's offset pagination: `page`, `per_page` (default 20, at most 100), and its headers. */
export function paginate(items: readonly unknown[], query: Record<string, string>, url: string): RouteResponse {
  const perPage = Math.min(100, Number(query.per_page ?? 20) || 20);
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const headers: Record<string, string> = {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-total-pages': String(pages),
    'x-prev-page': page > 1 ? String(page - 1) : '',
    'x-next-page': page < pages ? String(page + 1) : '',
  };
  if (page < pages) {
    const next = new URL(url);
    for (const [name, value] of Object.entries(query)) next.searchParams.set(name, value);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
}

export function projectRoute(project: FakeProject, request: RouteRequest, url: string): RouteResponse {
  const committing = commitRoute(project, request) ?? jobRoute(project, request, url);
  if (committing) return committing;
  const [first = '', second = '', third = '', fourth = ''] = request.segments;
  const { method, query } = request;
  const count = request.segments.length;
  if (first === 'members' && second === 'all' && count === 3 && method === 'GET') {
    const member = project.members.get(Number(third));
    if (!member) return message(404, 'Not found');
    const user = [...project.context.allUsers()].find((entry) => entry.id === Number(third));
    return json({
      ...user,
      access_level: member.level,
      state: member.state,
      membership_state: member.membershipState,
      created_at: project.context.timestamp(),
      expires_at: null,
    });
  }
  if (first === 'repository') return repositoryRoute(project, request, url);
  if (first !== 'issues' && first !== 'merge_requests') return message(404, 'Not Found');
  const thread = project.threads.get(`${first}/${second}`);
  if (!thread) return message(404, first === 'issues' ? 'Issue Not Found' : 'Merge Request Not Found');
  const route = `${method} ${request.segments
    .slice(2)
    .map((part, index) => (index === 1 && /^\d+$/.test(part) ? ':id' : part))
    .join('/')}`;
  switch (route) {
    case 'GET ':
      return json({ ...thread.data, labels: thread.labels });
    case 'PUT ':
      return editThread(thread, request.body as Json);
    case 'GET notes': {
      const notes = query.sort === 'asc' ? thread.notes : [...thread.notes].reverse();
      return paginate(notes, query, url);
    }
    case 'POST notes':
      return json(project.note(thread, { body: String((request.body as Json).body), author: project.context.self().username }), 201);
    case 'GET notes/:id': {
      const note = thread.notes.find((entry) => entry.id === Number(fourth));
      return note ? json(note) : message(404, 'Not found');
    }
    case 'PUT notes/:id': {
      const note = thread.notes.find((entry) => entry.id === Number(fourth));
      if (!note) return message(404, 'Not found');
      if ((note.author as Json).id !== project.context.self().id) return message(403, 'Forbidden');
      Object.assign(note, { body: String((request.body as Json).body), updated_at: project.context.timestamp() });
      return json(note);
    }
    case 'GET diffs':
      return paginate(thread.diffs.map(diffEntry), query, url);
    case 'GET draft_notes':
      return paginate(thread.drafts, query, url);
    case 'POST draft_notes':
      return createDraft(project, thread, request.body as Json);
    case 'DELETE draft_notes/:id': {
      const index = thread.drafts.findIndex((draft) => draft.id === Number(fourth));
      if (index < 0) return message(404, 'Not found');
      thread.drafts.splice(index, 1);
      return { status: 204 };
    }
    case 'POST draft_notes/bulk_publish':
      for (const draft of thread.drafts.splice(0)) {
        const position = draft.position as Json | undefined;
        project.note(thread, { body: String(draft.note), author: project.context.self().username, type: position ? 'DiffNote' : null, position });
      }
      return { status: 204 };
    case 'POST approve': {
      const self = project.context.self().username;
      const sha = (request.body as Json | undefined)?.sha;
      if (sha !== undefined && sha !== thread.data.sha) {
        return { status: 409, body: { message: `SHA does not match HEAD of source branch: ${String(thread.data.sha)}` } };
      }
      if (thread.approvedBy.includes(self)) return message(401, 'Unauthorized');
      thread.approvedBy.push(self);
      return json(
        { iid: thread.iid, approved: true, approved_by: thread.approvedBy.map((username) => ({ user: project.context.userNamed(username) })) },
        201,
      );
    }
    default:
      return message(404, 'Not Found');
  }
}

function editThread(thread: FakeThread, body: Json): RouteResponse {
  const split = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((label) => label.trim())
          .filter(Boolean)
      : [];
  for (const label of split(body.add_labels)) if (!thread.labels.includes(label)) thread.labels.push(label);
  const removed = new Set(split(body.remove_labels));
  thread.labels = thread.labels.filter((label) => !removed.has(label));
  return json({ ...thread.data, labels: thread.labels });
}

/** GitLab refuses a position its diff does not show, with the message it gives for a bad line code. */
function createDraft(project: FakeProject, thread: FakeThread, body: Json): RouteResponse {
  const position = body.position as Json | undefined;
  if (position && !positionShown(thread, position)) {
    return { status: 400, body: { message: 'Note {:line_code=>["can\'t be blank", "must be a valid line code"]}' } };
  }
  const draft: Json = {
    id: project.context.nextId(),
    author_id: project.context.self().id,
    merge_request_id: thread.data.id,
    resolve_discussion: false,
    discussion_id: null,
    note: String(body.note),
    commit_id: null,
    line_code: null,
    position: position ?? {
      base_sha: null,
      start_sha: null,
      head_sha: null,
      old_path: null,
      new_path: null,
      position_type: 'text',
      old_line: null,
      new_line: null,
      line_range: null,
    },
  };
  thread.drafts.push(draft);
  return json(draft, 201);
}

/** Added lines take new_line alone, context lines both numbers, removed lines old_line alone; refs must be the MR's. */
function positionShown(thread: FakeThread, position: Json): boolean {
  const refs = thread.data.diff_refs as Json | null;
  if (!refs || position.base_sha !== refs.base_sha || position.head_sha !== refs.head_sha || position.start_sha !== refs.start_sha) return false;
  const file = thread.diffs.find((entry) => entry.new_path === position.new_path && entry.old_path === position.old_path);
  if (!file) return false;
  let oldLine = 0;
  let newLine = 0;
  for (const line of file.diff.split('\n')) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) [oldLine, newLine] = [Number(header[1]), Number(header[2])];
    else if (line.startsWith('+')) {
      if (position.new_line === newLine && position.old_line === undefined) return true;
      newLine += 1;
    } else if (line.startsWith('-')) {
      if (position.old_line === oldLine && position.new_line === undefined) return true;
      oldLine += 1;
    } else if (line.startsWith(' ')) {
      if (position.new_line === newLine && position.old_line === oldLine) return true;
      [oldLine, newLine] = [oldLine + 1, newLine + 1];
    }
  }
  return false;
}

const diffEntry = (file: FakeThread['diffs'][number]): Json => ({
  old_path: file.old_path,
  new_path: file.new_path,
  a_mode: file.new_file ? '0' : '100644',
  b_mode: file.deleted_file ? '0' : '100644',
  diff: file.diff,
  new_file: file.new_file ?? false,
  renamed_file: file.renamed_file ?? false,
  deleted_file: file.deleted_file ?? false,
  generated_file: false,
  // GitLab 18.4 and on: a diff left out (empty `diff`), fetchable elsewhere or not at all.
  collapsed: false,
  too_large: false,
});

function repositoryRoute(project: FakeProject, request: RouteRequest, url: string): RouteResponse {
  const [, kind, filePath = '', last] = request.segments;
  const files = project.trees.get(request.query.ref ?? '');
  if (request.method !== 'GET') return message(404, 'Not Found');
  if (kind === 'files' && last === 'raw' && request.segments.length === 4) {
    const file = files?.get(filePath);
    if (file === undefined) return message(404, 'File Not Found');
    const text = typeof file === 'string' ? file : 'symlink' in file ? file.symlink : 'executable' in file ? file.executable : '';
    return { status: 200, body: Buffer.from(text), headers: { 'content-type': 'text/plain; charset=utf-8' } };
  }
  if (kind !== 'tree' || request.segments.length !== 2) return message(404, 'Not Found');
  if (!files) return message(404, 'Tree Not Found');
  const base = request.query.path ?? '';
  const recursive = request.query.recursive === 'true';
  const entries = new Map<string, Json>();
  for (const [path, file] of files) {
    if (base !== '' && !path.startsWith(`${base}/`)) continue;
    const parts = (base === '' ? path : path.slice(base.length + 1)).split('/');
    for (let depth = 1; depth <= parts.length; depth += 1) {
      if (!recursive && depth > 1) break;
      const entryPath = [base, ...parts.slice(0, depth)].filter(Boolean).join('/');
      const isFile = depth === parts.length;
      entries.set(entryPath, treeEntry(entryPath, isFile ? file : undefined));
    }
  }
  if (base !== '' && entries.size === 0) return message(404, 'Tree Not Found');
  return paginate([...entries.values()], request.query, url);
}

/** A blob's `id` is git's object id of its content, as GitLab answers it (a checkout's `git rev-parse HEAD:path` matches it). */
function treeEntry(path: string, file: Parameters<FakeProject['tree']>[1][string] | undefined): Json {
  const id = createHash('sha1')
    .update(`${path}:${JSON.stringify(file ?? null)}`)
    .digest('hex');
  const name = path.split('/').at(-1);
  if (file === undefined) return { id, name, type: 'tree', path, mode: '040000' };
  if (typeof file !== 'string' && 'symlink' in file) return { id: blobId(file.symlink), name, type: 'blob', path, mode: '120000' };
  if (typeof file !== 'string' && 'submodule' in file) return { id, name, type: 'commit', path, mode: '160000' };
  const executable = typeof file !== 'string' && 'executable' in file;
  return { id: blobId(executable ? file.executable : file), name, type: 'blob', path, mode: executable ? '100755' : '100644' };
}

const blobId = (content: string): string => {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};
