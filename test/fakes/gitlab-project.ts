/**
 * The state of one project in the fake GitLab API (see gitlab.ts): issues and merge requests with their
 * notes, labels, draft notes, diffs and approvals, members, and repository trees at commits. Entities
 * are shaped as GitLab's REST documentation shows them (notes.md, merge_requests.md, draft_notes.md,
 * members.md, repositories.md), with the fields the host reads and the ones around them.
 */
export type Json = Record<string, unknown>;

export interface FakeUser {
  id: number;
  username: string;
  name: string;
  state: string;
  locked: boolean;
  avatar_url: string;
  web_url: string;
}

export interface FakeDiff {
  old_path: string;
  new_path: string;
  diff: string;
  new_file?: boolean;
  renamed_file?: boolean;
  deleted_file?: boolean;
}

export interface FakeThread {
  kind: 'issues' | 'merge_requests';
  iid: number;
  data: Json;
  labels: string[];
  notes: Json[];
  drafts: Json[];
  diffs: FakeDiff[];
  approvedBy: string[];
}

/** A file in a seeded tree: its text, or a symlink or submodule entry. */
export type TreeFile = string | { symlink: string } | { submodule: string } | { executable: string };

export interface FakeServerContext {
  /** `http://127.0.0.1:port`: where web URLs point. */
  webUrl(): string;
  nextId(): number;
  timestamp(): string;
  /** The user the fake's token writes as. */
  self(): FakeUser;
  /** The user `username`, made on first use. */
  userNamed(username: string): FakeUser;
  allUsers(): Iterable<FakeUser>;
}

export class FakeProject {
  readonly threads = new Map<string, FakeThread>();
  readonly members = new Map<number, { level: number; state: string; membershipState: string }>();
  /** Per commit sha: repository path → file. */
  readonly trees = new Map<string, Map<string, TreeFile>>();

  constructor(
    readonly id: number,
    readonly pathWithNamespace: string,
    readonly context: FakeServerContext,
  ) {}

  get webUrl(): string {
    return `${this.context.webUrl()}/${this.pathWithNamespace}`;
  }

  issue(iid: number, fields: { title?: string; description?: string; labels?: string[]; author?: string } = {}): FakeThread {
    return this.thread(
      'issues',
      iid,
      {
        id: this.context.nextId(),
        iid,
        project_id: this.id,
        title: fields.title ?? `Issue ${iid}`,
        description: fields.description ?? '',
        state: 'opened',
        author: this.context.userNamed(fields.author ?? 'alice'),
        web_url: `${this.webUrl}/-/issues/${iid}`,
        created_at: this.context.timestamp(),
      },
      fields.labels,
    );
  }

  mergeRequest(
    iid: number,
    fields: {
      title?: string;
      labels?: string[];
      author?: string;
      source_branch?: string;
      target_branch?: string;
      sha?: string;
      source_project_id?: number;
      diff_refs?: Json | null;
      diffs?: FakeDiff[];
    } = {},
  ): FakeThread {
    const sha = fields.sha ?? 'c0ffee0000000000000000000000000000000001';
    const thread = this.thread(
      'merge_requests',
      iid,
      {
        id: this.context.nextId(),
        iid,
        project_id: this.id,
        title: fields.title ?? `MR ${iid}`,
        description: '',
        state: 'opened',
        author: this.context.userNamed(fields.author ?? 'alice'),
        source_branch: fields.source_branch ?? 'feature',
        target_branch: fields.target_branch ?? 'main',
        source_project_id: fields.source_project_id ?? this.id,
        target_project_id: this.id,
        draft: false,
        sha,
        merge_commit_sha: null,
        web_url: `${this.webUrl}/-/merge_requests/${iid}`,
        diff_refs:
          fields.diff_refs === undefined
            ? { base_sha: 'ba5e000000000000000000000000000000000001', head_sha: sha, start_sha: 'ba5e000000000000000000000000000000000001' }
            : fields.diff_refs,
        created_at: this.context.timestamp(),
      },
      fields.labels,
    );
    thread.diffs = fields.diffs ?? [];
    return thread;
  }

  private thread(kind: FakeThread['kind'], iid: number, data: Json, labels: string[] = []): FakeThread {
    const thread: FakeThread = { kind, iid, data, labels: [...labels], notes: [], drafts: [], diffs: [], approvedBy: [] };
    this.threads.set(`${kind}/${iid}`, thread);
    return thread;
  }

  /** A note written by `author` (default: a person, not the runner), as GitLab stores it. */
  note(thread: FakeThread, fields: { body: string; author?: string; system?: boolean; type?: string | null; position?: Json }): Json {
    const user = this.context.userNamed(fields.author ?? 'bob');
    // As notes.md shows a note's author: the user with an email and a creation time.
    const author = { ...user, email: `${user.username}@example.com`, created_at: '2013-09-30T13:46:01Z' };
    const note: Json = {
      id: this.context.nextId(),
      type: fields.type ?? null,
      body: fields.body,
      attachment: null,
      author,
      created_at: this.context.timestamp(),
      updated_at: this.context.timestamp(),
      system: fields.system ?? false,
      noteable_id: thread.data.id,
      noteable_type: thread.kind === 'issues' ? 'Issue' : 'MergeRequest',
      project_id: this.id,
      noteable_iid: thread.iid,
      resolvable: fields.type === 'DiffNote',
      confidential: false,
      internal: false,
      imported: false,
      imported_from: 'none',
      ...(fields.position ? { position: fields.position } : {}),
    };
    thread.notes.push(note);
    return note;
  }

  /** The member `username` at `level` (10 Guest ... 50 Owner) on this project. */
  member(username: string, level: number, state = 'active', membershipState = 'active'): FakeUser {
    const user = this.context.userNamed(username);
    this.members.set(user.id, { level, state, membershipState });
    return user;
  }

  /** The repository at commit `sha`: repository path → content (or a symlink or submodule). */
  tree(sha: string, files: Record<string, TreeFile>): void {
    this.trees.set(sha, new Map(Object.entries(files)));
  }

  notes(kind: FakeThread['kind'], iid: number): Json[] {
    return this.threads.get(`${kind}/${iid}`)?.notes ?? [];
  }

  labels(kind: FakeThread['kind'], iid: number): string[] {
    return this.threads.get(`${kind}/${iid}`)?.labels ?? [];
  }
}
