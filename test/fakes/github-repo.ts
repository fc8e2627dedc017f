/**
 * In-memory state of one repository in the fake GitHub API (see github.ts for the API), and the
 * JSON shapes GitHub's REST API returns for it: only the fields Octokit and the runner read, plus
 * the identifying ones (id, node_id, url, html_url) a real client might log.
 */
import { createHash } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface FakeContext {
  /** The fake's base URL, for `url` fields. */
  apiUrl(): string;
  nextId(): number;
  /** A deterministic timestamp, one second later on each call. */
  timestamp(): string;
  /** Who the token belongs to: the author of everything the client posts. */
  actor: { login: string; type: 'User' | 'Bot' };
}

export type UserSeed = string | { login: string; type?: 'User' | 'Bot' };

export interface FileSeed {
  filename: string;
  status?: string;
  /** Unified-diff hunks, as GitHub's `patch` field; omit for a binary file. */
  patch?: string;
  additions?: number;
  deletions?: number;
}

export interface RefSeed {
  ref: string;
  sha: string;
  /** `owner/name` of the repository the branch lives in; null for a deleted fork. Default: this repository. */
  repo?: string | null;
}

export interface TreeFile {
  content: string;
  /** Git file mode: 100644 (default), 100755, 120000 (symlink). */
  mode?: string;
}

export interface RawTreeEntry {
  path: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  mode?: string;
  size?: number;
}

interface Thread {
  number: number;
  data: Json;
  labels: string[];
  comments: Json[];
}

interface Pull {
  data: Json;
  files: FileSeed[];
  reviews: Json[];
}

export class FakeRepo {
  readonly threads = new Map<number, Thread>();
  readonly pulls = new Map<number, Pull>();
  readonly permissions = new Map<string, { role_name: string; permission: string }>();
  readonly trees = new Map<string, { entries: RawTreeEntry[]; truncated: boolean }>();
  readonly commits = new Map<string, string>();
  readonly blobs = new Map<string, Buffer>();

  constructor(
    readonly owner: string,
    readonly name: string,
    private readonly context: FakeContext,
  ) {}

  nextId(): number {
    return this.context.nextId();
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  get apiPath(): string {
    return `${this.context.apiUrl()}/repos/${this.fullName}`;
  }

  /** An issue; `raw` is a webhook payload's `issue` object, served as is apart from labels. */
  issue(seed: { number: number; title?: string; body?: string; labels?: string[]; user?: UserSeed; raw?: Json }): this {
    const data: Json = seed.raw ?? {
      id: this.context.nextId(),
      number: seed.number,
      title: seed.title ?? `Issue ${seed.number}`,
      body: seed.body ?? '',
      user: this.user(seed.user ?? 'octocat'),
      state: 'open',
      html_url: `https://github.com/${this.fullName}/issues/${seed.number}`,
    };
    const labels = seed.labels ?? labelNamesOf(data.labels);
    this.threads.set(seed.number, { number: seed.number, data, labels, comments: this.threads.get(seed.number)?.comments ?? [] });
    return this;
  }

  /** A pull request (also an issue, as on GitHub); `raw` is a webhook payload's `pull_request` object. */
  pullRequest(seed: {
    number: number;
    title?: string;
    body?: string;
    user?: UserSeed;
    head?: RefSeed;
    base?: RefSeed;
    labels?: string[];
    files?: FileSeed[];
    raw?: Json;
  }): this {
    const { number } = seed;
    const ref = (side: RefSeed) => ({
      label: `${this.owner}:${side.ref}`,
      ref: side.ref,
      sha: side.sha,
      repo: side.repo === null ? null : { full_name: side.repo ?? this.fullName, name: (side.repo ?? this.fullName).split('/')[1] },
    });
    const data: Json = seed.raw
      ? { ...seed.raw, number }
      : {
          id: this.context.nextId(),
          number,
          state: 'open',
          title: seed.title ?? `Pull request ${number}`,
          body: seed.body ?? '',
          user: this.user(seed.user ?? 'octocat'),
          html_url: `https://github.com/${this.fullName}/pull/${number}`,
          head: ref(seed.head ?? { ref: 'feature', sha: 'a'.repeat(40) }),
          base: ref(seed.base ?? { ref: 'main', sha: 'b'.repeat(40) }),
          labels: [],
        };
    const files = seed.files ?? this.pulls.get(number)?.files ?? [];
    this.pulls.set(number, { data, files, reviews: this.pulls.get(number)?.reviews ?? [] });
    const issue: Json = {
      id: data.id,
      number,
      title: data.title,
      body: data.body,
      user: data.user,
      state: data.state,
      html_url: data.html_url,
      pull_request: { url: `${this.apiPath}/pulls/${number}`, html_url: data.html_url },
    };
    return this.issue({ number, labels: seed.labels ?? labelNamesOf(data.labels), raw: issue });
  }

  /** A comment already in the thread (a webhook's `comment` object can be given as `raw`). */
  comment(number: number, seed: { body: string; user?: UserSeed; raw?: Json }): Json {
    const thread = this.thread(number);
    const comment = seed.raw ?? this.newComment(thread, seed.body, this.user(seed.user ?? 'octocat'));
    thread.comments.push(comment);
    return comment;
  }

  permission(login: string, role: string, permission?: string): this {
    const base: Record<string, string> = { admin: 'admin', maintain: 'write', write: 'write', triage: 'read', read: 'read', none: 'none' };
    this.permissions.set(login.toLowerCase(), { role_name: role, permission: permission ?? base[role] ?? 'read' });
    return this;
  }

  files(number: number, files: FileSeed[]): this {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`fake GitHub: seed pull request #${number} before its files`);
    pull.files = files;
    return this;
  }

  /** The commit `commitSha` with exactly these files (`{ '.flue/agents/a.md': '...' }`), as git trees and blobs. */
  tree(commitSha: string, files: Record<string, string | TreeFile>): this {
    this.commits.set(commitSha, this.buildTree(files, ''));
    return this;
  }

  /** A tree exactly as given, for shapes git would never produce (`..` paths); `commitSha` maps to it when given. */
  rawTree(sha: string, entries: RawTreeEntry[], options: { commitSha?: string; truncated?: boolean } = {}): this {
    this.trees.set(sha, { entries, truncated: options.truncated ?? false });
    if (options.commitSha) this.commits.set(options.commitSha, sha);
    return this;
  }

  /** Stores a blob and returns its git sha. */
  blob(content: string | Buffer): string {
    const bytes = Buffer.from(content);
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    this.blobs.set(sha, bytes);
    return sha;
  }

  // State the client changed, for assertions.
  comments(number: number): Json[] {
    return this.threads.get(number)?.comments ?? [];
  }

  labels(number: number): string[] {
    return this.threads.get(number)?.labels ?? [];
  }

  reviews(number: number): Json[] {
    return this.pulls.get(number)?.reviews ?? [];
  }

  thread(number: number): Thread {
    const thread = this.threads.get(number);
    if (!thread) throw new Error(`fake GitHub: no issue #${number} in ${this.fullName}; seed it first`);
    return thread;
  }

  newComment(thread: Thread, body: string, user: Json): Json {
    const id = this.context.nextId();
    const at = this.context.timestamp();
    const kind = thread.data.pull_request ? 'pull' : 'issues';
    return {
      id,
      node_id: `IC_${id}`,
      url: `${this.apiPath}/issues/comments/${id}`,
      html_url: `https://github.com/${this.fullName}/${kind}/${thread.number}#issuecomment-${id}`,
      issue_url: `${this.apiPath}/issues/${thread.number}`,
      body,
      user,
      created_at: at,
      updated_at: at,
      author_association: user.type === 'Bot' ? 'NONE' : 'OWNER',
    };
  }

  user(seed: UserSeed): Json {
    const { login, type } = typeof seed === 'string' ? { login: seed, type: undefined } : seed;
    const kind = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
    return { login, id: idOf(login), node_id: `U_${login}`, type: kind, site_admin: false, html_url: `https://github.com/${login}` };
  }

  actor(): Json {
    return this.user(this.context.actor);
  }

  labelObjects(names: string[]): Json[] {
    return names.map((name) => ({
      id: idOf(name),
      node_id: `LA_${name}`,
      url: `${this.apiPath}/labels/${encodeURIComponent(name)}`,
      name,
      color: 'ededed',
      default: false,
      description: null,
    }));
  }

  private buildTree(files: Record<string, string | TreeFile>, prefix: string): string {
    const children = new Map<string, Record<string, string | TreeFile>>();
    const entries: RawTreeEntry[] = [];
    for (const [path, file] of Object.entries(files)) {
      const [head, ...rest] = path.split('/') as [string, ...string[]];
      if (rest.length > 0) {
        const child = children.get(head) ?? {};
        child[rest.join('/')] = file;
        children.set(head, child);
        continue;
      }
      const { content, mode } = typeof file === 'string' ? { content: file, mode: undefined } : file;
      entries.push({ path: head, type: 'blob', mode: mode ?? '100644', sha: this.blob(content), size: Buffer.byteLength(content) });
    }
    for (const [name, child] of children) {
      entries.push({ path: name, type: 'tree', mode: '040000', sha: this.buildTree(child, `${prefix}${name}/`) });
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : 1));
    const sha = createHash('sha1').update(JSON.stringify(entries)).digest('hex');
    this.trees.set(sha, { entries, truncated: false });
    return sha;
  }
}

/** A stable id from a name, so user and label ids do not change between runs. */
function idOf(name: string): number {
  return Number.parseInt(createHash('sha1').update(name).digest('hex').slice(0, 8), 16);
}

function labelNamesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((label) => (typeof label === 'string' ? label : String((label as Json).name)));
}
