/**
 * The GitHub REST calls the host makes, one method each. Every failure becomes a GitHubApiError
 * naming the call and the workflow permission it needs; reads that several features share (the
 * thread's comments, the PR, its files) are fetched once per run.
 */
import type { Octokit, RestEndpointMethodTypes } from '@octokit/rest';
import { apiFailure, statusOf } from './errors.js';
import { resendWaitsMs } from './client.js';

type Rest = RestEndpointMethodTypes;
export type IssueComment = Rest['issues']['listComments']['response']['data'][number];
export type PullRequest = Rest['pulls']['get']['response']['data'];
export type PullFile = Rest['pulls']['listFiles']['response']['data'][number];
export type ReviewParams = Pick<Rest['pulls']['createReview']['parameters'], 'body' | 'event' | 'comments' | 'commit_id'>;
export type Review = Rest['pulls']['createReview']['response']['data'];
export type Label = Rest['issues']['listLabelsOnIssue']['response']['data'][number];
export type CollaboratorPermission = Rest['repos']['getCollaboratorPermissionLevel']['response']['data'];
export type GitTree = Rest['git']['getTree']['response']['data'];
export type GitBlob = Rest['git']['getBlob']['response']['data'];

export interface Repository {
  owner: string;
  name: string;
}

/** Comments and labels on a PR go through the issues API, but Actions grants them with `pull-requests:`. */
const threadScope = (isPullRequest: boolean) => (isPullRequest ? 'pull-requests' : 'issues');

export class RepoApi {
  private readonly comments = new Map<number, Promise<IssueComment[]>>();
  private readonly pulls = new Map<number, Promise<PullRequest>>();
  private readonly files = new Map<number, Promise<PullFile[]>>();

  constructor(
    readonly octokit: Octokit,
    readonly repository: Repository,
  ) {
    this.resendWaitsMs = resendWaitsMs(octokit);
  }

  /** Between the attempts of a POST sent once (createComment, createReview): the client's own backoff. */
  readonly resendWaitsMs: readonly number[];

  /** `/repos/o/r`, as calls are named in messages. */
  get path(): string {
    return `/repos/${this.repository.owner}/${this.repository.name}`;
  }

  private get params() {
    return { owner: this.repository.owner, repo: this.repository.name };
  }

  /** Runs one call; a failure becomes a GitHubApiError naming `method path` and `permission`. */
  async call<T>(method: string, path: string, permission: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw apiFailure(`${method} ${this.path}${path}`, error, permission);
    }
  }

  /** Every comment of an issue or PR thread, oldest first; listed once per run, unless `fresh` (after a write that may have landed). */
  listComments(number: number, isPullRequest: boolean, fresh = false): Promise<IssueComment[]> {
    if (fresh) this.comments.delete(number);
    return once(this.comments, number, () =>
      this.call('GET', `/issues/${number}/comments`, `${threadScope(isPullRequest)}: read`, () =>
        this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.params, issue_number: number, per_page: 100 }),
      ),
    );
  }

  /**
   * Sent once: the retry plugin would post it again after a 502 that came after GitHub committed it.
   * Callers resend through createOnce (src/hosts/create-once.ts), which looks for the comment first.
   */
  async createComment(number: number, isPullRequest: boolean, body: string): Promise<IssueComment> {
    const { data } = await this.call('POST', `/issues/${number}/comments`, `${threadScope(isPullRequest)}: write`, () =>
      this.octokit.rest.issues.createComment({ ...this.params, issue_number: number, body, request: NO_RETRY }),
    );
    return data;
  }

  async updateComment(commentId: number, isPullRequest: boolean, body: string): Promise<IssueComment> {
    const { data } = await this.call('PATCH', `/issues/comments/${commentId}`, `${threadScope(isPullRequest)}: write`, () =>
      this.octokit.rest.issues.updateComment({ ...this.params, comment_id: commentId, body }),
    );
    return data;
  }

  async addLabels(number: number, isPullRequest: boolean, labels: string[]): Promise<void> {
    await this.call('POST', `/issues/${number}/labels`, `${threadScope(isPullRequest)}: write`, () =>
      this.octokit.rest.issues.addLabels({ ...this.params, issue_number: number, labels }),
    );
  }

  /** The thread's labels as they are now (not as the event payload saw them): read fresh on every call. */
  async listLabels(number: number, isPullRequest: boolean): Promise<string[]> {
    const labels: Label[] = await this.call('GET', `/issues/${number}/labels`, `${threadScope(isPullRequest)}: read`, () =>
      this.octokit.paginate(this.octokit.rest.issues.listLabelsOnIssue, { ...this.params, issue_number: number, per_page: 100 }),
    );
    return labels.map((label) => label.name);
  }

  /** False when the label was not there: GitHub answers 404, and the goal (label absent) is met. */
  async removeLabel(number: number, isPullRequest: boolean, label: string): Promise<boolean> {
    const path = `/issues/${number}/labels/${encodeURIComponent(label)}`;
    return this.call('DELETE', path, `${threadScope(isPullRequest)}: write`, async () => {
      try {
        await this.octokit.rest.issues.removeLabel({ ...this.params, issue_number: number, name: label });
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    });
  }

  getPull(number: number): Promise<PullRequest> {
    return once(this.pulls, number, async () => {
      const { data } = await this.call('GET', `/pulls/${number}`, 'pull-requests: read', () =>
        this.octokit.rest.pulls.get({ ...this.params, pull_number: number }),
      );
      return data;
    });
  }

  /** Every changed file with its patch; GitHub lists at most 3,000. */
  listPullFiles(number: number): Promise<PullFile[]> {
    return once(this.files, number, () =>
      this.call('GET', `/pulls/${number}/files`, 'pull-requests: read', () =>
        this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...this.params, pull_number: number, per_page: 100 }),
      ),
    );
  }

  /** Sent once, like createComment. */
  async createReview(number: number, review: ReviewParams): Promise<Review> {
    const { data } = await this.call('POST', `/pulls/${number}/reviews`, 'pull-requests: write', () =>
      this.octokit.rest.pulls.createReview({ ...this.params, pull_number: number, ...review, request: NO_RETRY }),
    );
    return data;
  }

  /** Every review of a PR, oldest first. */
  listReviews(number: number): Promise<Review[]> {
    return this.call('GET', `/pulls/${number}/reviews`, 'pull-requests: read', () =>
      this.octokit.paginate(this.octokit.rest.pulls.listReviews, { ...this.params, pull_number: number, per_page: 100 }),
    );
  }

  /** A submitted review's body, the only part of it GitHub lets change. */
  async updateReview(number: number, reviewId: number, body: string): Promise<Review> {
    const { data } = await this.call('PUT', `/pulls/${number}/reviews/${reviewId}`, 'pull-requests: write', () =>
      this.octokit.rest.pulls.updateReview({ ...this.params, pull_number: number, review_id: reviewId, body }),
    );
    return data;
  }

  async collaboratorPermission(login: string): Promise<CollaboratorPermission> {
    const { data } = await this.call('GET', `/collaborators/${encodeURIComponent(login)}/permission`, undefined, () =>
      this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.params, username: login }),
    );
    return data;
  }

  async getTree(sha: string, recursive: boolean): Promise<GitTree> {
    const { data } = await this.call('GET', `/git/trees/${sha}`, 'contents: read', () =>
      this.octokit.rest.git.getTree({ ...this.params, tree_sha: sha, ...(recursive ? { recursive: '1' } : {}) }),
    );
    return data;
  }

  async getBlob(sha: string): Promise<GitBlob> {
    return this.call('GET', `/git/blobs/${sha}`, 'contents: read', async () => {
      const { data } = await this.octokit.rest.git.getBlob({ ...this.params, file_sha: sha });
      // Octokit's JSON parser overflows its stack on a multi-megabyte string and then returns the
      // text unparsed; Node's own parser copes.
      return (typeof data === 'string' ? JSON.parse(data) : data) as GitBlob;
    });
  }
}

/** The parts of a GraphQL answer the host reads. */
interface ViewerAnswer {
  viewer: { login: string };
}
interface AddDiscussionCommentAnswer {
  addDiscussionComment: { comment: { url: string } };
}
interface UpdateDiscussionCommentAnswer {
  updateDiscussionComment: { comment: { url: string } };
}
export interface DiscussionComment {
  id: string;
  url: string;
  body: string;
  author: { login: string } | null;
}
interface DiscussionCommentsAnswer {
  node: { comments?: { nodes: DiscussionComment[] } } | null;
}

/** GraphQL calls, named in messages as `POST /graphql (operation)`: the endpoint is not under the repository. */
export class GraphQLApi {
  constructor(readonly octokit: Octokit) {}

  async call<T>(operation: string, permission: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.octokit.graphql<T>(query, variables);
    } catch (error) {
      throw apiFailure(`POST /graphql (${operation})`, graphqlErrors(error) ?? error, permission);
    }
  }

  /** The login the token writes as. `viewer` answers for personal and app installation tokens alike; REST `GET /user` refuses the latter. */
  async viewerLogin(): Promise<string> {
    const data = await this.call<ViewerAnswer>('viewer', undefined, 'query { viewer { login } }');
    return data.viewer.login;
  }

  /** A top-level comment on a discussion: REST has no discussion comments, and `/issues/<n>` with its number is another thread. */
  async addDiscussionComment(discussionId: string, body: string): Promise<{ url: string }> {
    const data = await this.call<AddDiscussionCommentAnswer>(
      'addDiscussionComment',
      'discussions: write',
      'mutation($discussionId: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $discussionId, body: $body }) { comment { url } } }',
      { discussionId, body },
    );
    return data.addDiscussionComment.comment;
  }

  /**
   * The discussion's last 100 top-level comments: a re-run looks there for what its first attempt posted,
   * minutes earlier, so it needs no older page.
   */
  async discussionComments(discussionId: string): Promise<DiscussionComment[]> {
    const data = await this.call<DiscussionCommentsAnswer>(
      'discussionComments',
      'discussions: read',
      'query($discussionId: ID!) { node(id: $discussionId) { ... on Discussion { comments(last: 100) { nodes { id url body author { login } } } } } }',
      { discussionId },
    );
    return data.node?.comments?.nodes ?? [];
  }

  async updateDiscussionComment(commentId: string, body: string): Promise<{ url: string }> {
    const data = await this.call<UpdateDiscussionCommentAnswer>(
      'updateDiscussionComment',
      'discussions: write',
      'mutation($commentId: ID!, $body: String!) { updateDiscussionComment(input: { commentId: $commentId, body: $body }) { comment { url } } }',
      { commentId, body },
    );
    return data.updateDiscussionComment.comment;
  }
}

/** A GraphQL error answer (HTTP 200 with `errors`) as one line; undefined for any other failure. */
function graphqlErrors(error: unknown): Error | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return new Error(errors.map((entry) => String((entry as { message?: unknown } | null)?.message ?? JSON.stringify(entry))).join('; '));
}

/** Per request: no retry by @octokit/plugin-retry (it reads `request.retries`). */
const NO_RETRY = { retries: 0 };

/** The cached promise for `key`, made by `load` on first use; a failure is not cached, so a later call retries. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  const cached = cache.get(key);
  if (cached) return cached;
  const loading = load();
  cache.set(key, loading);
  loading.catch(() => cache.delete(key));
  return loading;
}
