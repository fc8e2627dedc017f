/**
 * The GitLab REST calls the host makes, one method each, on one project (its numeric id or its
 * URL-encoded path, `group%2Fsub%2Fproject`). Shapes are the fields the host reads of GitLab's
 * documented answers. Reads that several features share (the thread's notes, the MR, its diffs) are
 * made once per run.
 */
import type { GitLabClient, Query } from './client.js';

export interface GitLabUser {
  id: number;
  username: string;
}

export interface Note {
  id: number;
  body: string;
  author: GitLabUser;
  created_at: string;
  /** True for the notes GitLab writes itself ("added 1 commit", "changed the description"). */
  system: boolean;
  /** 'DiffNote' for an inline note, null for a plain one. */
  type?: string | null;
  /** An internal note (`confidential` before GitLab 15.x): seen only by members with Reporter access or more. */
  internal?: boolean;
  confidential?: boolean;
}

export interface DiffRefs {
  base_sha: string;
  head_sha: string;
  start_sha: string;
}

export interface MergeRequest {
  iid: number;
  title: string;
  source_branch: string;
  target_branch: string;
  source_project_id: number;
  target_project_id: number;
  sha: string;
  web_url: string;
  /** Null while GitLab still computes the diff. */
  diff_refs: DiffRefs | null;
}

export interface MergeRequestDiff {
  old_path: string;
  new_path: string;
  /** Unified diff hunks without the `---`/`+++` header; empty for a diff GitLab left out (too large, collapsed). */
  diff: string;
  new_file: boolean;
  renamed_file: boolean;
  deleted_file: boolean;
}

export interface DraftNote {
  id: number;
  note: string;
}

export interface DiffPosition extends DiffRefs {
  position_type: 'text';
  old_path: string;
  new_path: string;
  new_line?: number;
  old_line?: number;
}

export interface Member extends GitLabUser {
  access_level: number;
  /** The user's state: 'active', 'blocked', ... */
  state: string;
  /** The membership's: 'active', or 'awaiting' (an invitation not yet accepted, a seat not yet given). */
  membership_state?: string;
}

export interface TreeEntry {
  id: string;
  name: string;
  type: 'tree' | 'blob' | 'commit';
  /** From the repository root. */
  path: string;
  mode: string;
}

/** Where notes and labels go: an MR or an issue, by its iid. */
export interface Thread {
  iid: number;
  isMergeRequest: boolean;
}

const threadPath = (thread: Thread) => `${thread.isMergeRequest ? 'merge_requests' : 'issues'}/${thread.iid}`;

export class ProjectApi {
  private readonly notes = new Map<string, Promise<Note[]>>();
  private readonly mergeRequests = new Map<number, Promise<MergeRequest>>();
  private readonly diffs = new Map<number, Promise<MergeRequestDiff[]>>();

  constructor(
    readonly client: GitLabClient,
    /** The project's numeric id or its path (`group/sub/project`), as CI_PROJECT_ID or CI_PROJECT_PATH give it. */
    project: string,
  ) {
    this.path = `/projects/${encodeURIComponent(project)}`;
  }

  /** `/projects/group%2Fproject`, as calls are named in messages. */
  readonly path: string;

  /** Every note of the thread, oldest first; listed once per run, unless `fresh` (after a write that may have landed). */
  listNotes(thread: Thread, fresh = false): Promise<Note[]> {
    if (fresh) this.notes.delete(threadPath(thread));
    return once(this.notes, threadPath(thread), () =>
      this.client.paginate<Note>(`${this.path}/${threadPath(thread)}/notes`, { sort: 'asc', order_by: 'created_at' }),
    );
  }

  /** Sent once (RequestOptions.once): callers resend through createOnce, which looks for the note first. */
  createNote(thread: Thread, body: string): Promise<Note> {
    return this.client.request('POST', `${this.path}/${threadPath(thread)}/notes`, { body: { body }, once: true });
  }

  updateNote(thread: Thread, noteId: number, body: string): Promise<Note> {
    return this.client.request('PUT', `${this.path}/${threadPath(thread)}/notes/${noteId}`, { body: { body } });
  }

  /** `add_labels` / `remove_labels` on the MR or issue: GitLab takes them as comma-separated lists. */
  async editLabels(thread: Thread, change: { add_labels?: string[]; remove_labels?: string[] }): Promise<void> {
    const body = Object.fromEntries(Object.entries(change).map(([field, labels]) => [field, labels.join(',')]));
    await this.client.request('PUT', `${this.path}/${threadPath(thread)}`, { body });
  }

  /** The issue as GitLab answers it (the trigger's re-read checks it). */
  getIssue(iid: number): Promise<unknown> {
    return this.client.request('GET', `${this.path}/issues/${iid}`);
  }

  /** One note, as GitLab answers it (the trigger's re-read checks it). */
  getNote(thread: Thread, noteId: number): Promise<unknown> {
    return this.client.request('GET', `${this.path}/${threadPath(thread)}/notes/${noteId}`);
  }

  /** Read once per run, unless `fresh` (the labels as they are now, before changing them). */
  getMergeRequest(iid: number, fresh = false): Promise<MergeRequest> {
    if (fresh) this.mergeRequests.delete(iid);
    return once(this.mergeRequests, iid, () => this.client.request('GET', `${this.path}/merge_requests/${iid}`));
  }

  /** Every changed file with its diff. */
  listDiffs(iid: number): Promise<MergeRequestDiff[]> {
    return once(this.diffs, iid, () => this.client.paginate(`${this.path}/merge_requests/${iid}/diffs`));
  }

  /** The runner's own pending draft notes on the MR (GitLab shows drafts to their author only). */
  listDraftNotes(iid: number): Promise<DraftNote[]> {
    return this.client.paginate(`${this.path}/merge_requests/${iid}/draft_notes`);
  }

  createDraftNote(iid: number, note: string, position?: DiffPosition): Promise<DraftNote> {
    return this.client.request('POST', `${this.path}/merge_requests/${iid}/draft_notes`, { body: position ? { note, position } : { note } });
  }

  async deleteDraftNote(iid: number, draftId: number): Promise<void> {
    await this.client.request('DELETE', `${this.path}/merge_requests/${iid}/draft_notes/${draftId}`);
  }

  /** Publishes every pending draft note of the token's user on the MR, as one review. */
  async publishDraftNotes(iid: number): Promise<void> {
    await this.client.request('POST', `${this.path}/merge_requests/${iid}/draft_notes/bulk_publish`);
  }

  async approve(iid: number, sha: string | undefined): Promise<void> {
    await this.client.request('POST', `${this.path}/merge_requests/${iid}/approve`, sha ? { body: { sha } } : {});
  }

  /** Users with exactly this username (GitLab matches it without case); at most one. */
  usersNamed(username: string): Promise<GitLabUser[]> {
    return this.client.request('GET', '/users', { query: { username } });
  }

  /** The member's access level on the project, inherited from groups included. */
  member(userId: number): Promise<Member> {
    return this.client.request('GET', `${this.path}/members/all/${userId}`);
  }

  /** The user the token writes as. */
  currentUser(): Promise<GitLabUser> {
    return this.client.request('GET', '/user');
  }

  /** Entries under `path` on commit `ref`; every level under it when `recursive`. */
  tree(ref: string, path: string, recursive: boolean): Promise<TreeEntry[]> {
    const query: Query = { ref, recursive, ...(path === '' ? {} : { path }) };
    return this.client.paginate(`${this.path}/repository/tree`, query);
  }

  /** A file's bytes on commit `ref`; undefined past `maxBytes`. */
  rawFile(ref: string, filePath: string, maxBytes: number): Promise<Buffer | undefined> {
    return this.client.raw(`${this.path}/repository/files/${encodeURIComponent(filePath)}/raw`, { ref }, maxBytes);
  }
}

/** The cached promise for `key`, made by `load` on first use; a failure is not cached, so a later call retries. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}
