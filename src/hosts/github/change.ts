/**
 * `propose_change` on GitHub: the runner commits the change set the publish stage checked to a new branch
 * through the git data API (blobs, a tree on the base commit's, a commit, a ref) and opens a pull request
 * with the agent's title and body. No `git push`: the runner holds the token, the checkout's git never
 * sees it. The branch is `<prefix><agent>-<run id>`; a re-run of the same workflow run moves that branch
 * to its new commit and updates the pull request it finds there (the runner's own, carrying the output's
 * marker), so one run opens one pull request however often it is re-run. On a pull request event the
 * commit goes on the pull request's head and the pull request into its branch (change-target.ts).
 */
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { capBody } from '../../publish/sanitize.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import { type ChangeTarget, changeTarget, checkOnHead, type RequestWords, targetedBody } from '../change-target.js';
import type { AppliedOutput, OutputKey } from '../host.js';
import { changeBranch, markedBody } from '../markers.js';
import type { GitTree, RepoApi } from './api.js';
import { apiFailure, statusOf } from './errors.js';
import type { EarlierAttempt } from './rerun.js';

type Change = Extract<ProposedOutput, { kind: 'propose_change' }>;
/** One entry of POST /git/trees: a blob by sha, or `sha: null` for a deleted file. */
interface TreeEntry {
  path: string;
  mode: '100644' | '100755' | '120000';
  type: 'blob';
  sha: string | null;
}

export interface ChangeRun {
  /** GITHUB_RUN_ID: part of the branch name, so a re-run finds the branch again. */
  runId: string;
  key: OutputKey | undefined;
  attempt: EarlierAttempt;
}

export async function applyGitHubChange(api: RepoApi, output: Change, trigger: Trigger, run: ChangeRun): Promise<AppliedOutput> {
  const target = changeTarget(output.changes, trigger, WORDS);
  await checkOnHead(output.changes, target, WORDS, (commit, paths) => blobsOn(api, commit, paths));
  const branch = changeBranch(output.branchPrefix, run.key, run.runId);
  const base = target.branch ?? (await defaultBranch(api));
  const commit = await commitChange(api, output, branch, target);
  const moved = await pointBranch(api, branch, commit, run.attempt.rerun);
  const body = markedBody(targetedBody(capBody(output.body, LIMITS.commentChars), target), run.attempt.marker);
  const earlier = moved ? await ownPull(api, branch, run.attempt) : undefined;
  if (earlier?.state === 'open') {
    const pull = await api.call('PATCH', `/pulls/${earlier.number}`, 'pull-requests: write', () =>
      api.octokit.rest.pulls.update({ ...params(api), pull_number: earlier.number, title: output.title, body }),
    );
    return {
      url: pull.data.html_url,
      note: `An earlier attempt of this workflow run had opened it: branch ${branch} moved to the new commit, title and body updated.`,
    };
  }
  // A pull request someone closed or merged since shows no new commit: the change goes in a new one.
  const pull = await api.call('POST', '/pulls', 'pull-requests: write', () =>
    api.octokit.rest.pulls.create({ ...params(api), title: output.title, head: branch, base, body, draft: output.draft }),
  );
  if (earlier === undefined) return { url: pull.data.html_url };
  return {
    url: pull.data.html_url,
    note: `An earlier attempt of this workflow run had opened #${earlier.number}, ${earlier.state} since: a new pull request proposes this attempt's commit.`,
  };
}

const WORDS: RequestWords = {
  noun: 'pull request',
  sign: '#',
  checkoutHint:
    'Run the agent on a checkout of the head commit (actions/checkout with `ref: ${{ github.event.pull_request.head.sha }}`; on a comment, `refs/pull/<number>/head`).',
};

/** Where the pull request goes without one to stack on: the repository's default branch. */
async function defaultBranch(api: RepoApi): Promise<string> {
  const { data } = await api.call('GET', '', 'contents: read', () => api.octokit.rest.repos.get(params(api)));
  return data.default_branch;
}

/**
 * The blob ids of `paths` on `commit`, one directory listing (GET git/trees, not recursive) per folder:
 * exact however large the repository, where a recursive listing may be cut short.
 */
async function blobsOn(api: RepoApi, commit: string, paths: string[]): Promise<Map<string, string>> {
  /** The entry `name` of a listing; a listing GitHub cut short (over 100,000 entries) cannot say a name is absent. */
  const entryIn = (tree: GitTree | undefined, name: string, type: 'tree' | 'blob', folder: string) => {
    const entry = tree?.tree.find((item) => item.path === name && item.type === type);
    if (entry === undefined && tree?.truncated) {
      throw new FlueError(
        `propose_change: GET ${api.path}/git/trees listed the folder '${folder}' of ${commit} in part, so whether the edited files are the same ` +
          'there cannot be told: nothing was committed.',
      );
    }
    return entry?.sha;
  };
  const folders = new Map<string, Promise<GitTree | undefined>>();
  const listing = (folder: string): Promise<GitTree | undefined> => {
    let found = folders.get(folder);
    if (found === undefined) {
      const slash = folder.lastIndexOf('/');
      const parent = slash < 0 ? '' : folder.slice(0, slash);
      found =
        folder === ''
          ? api.getTree(commit, false)
          : listing(parent).then((tree) => {
              const sha = entryIn(tree, folder.slice(slash + 1), 'tree', parent);
              return sha ? api.getTree(sha, false) : undefined;
            });
      folders.set(folder, found);
    }
    return found;
  };
  const blobs = new Map<string, string>();
  for (const file of paths) {
    const slash = file.lastIndexOf('/');
    const folder = slash < 0 ? '' : file.slice(0, slash);
    const sha = entryIn(await listing(folder), file.slice(slash + 1), 'blob', folder);
    if (sha) blobs.set(file, sha);
  }
  return blobs;
}

/** Blobs, a tree on the parent commit's tree, and the commit; its sha. */
async function commitChange(api: RepoApi, output: Change, branch: string, target: ChangeTarget): Promise<string> {
  const { files } = output.changes;
  const base = target.parent;
  let baseTree: string;
  try {
    const { data } = await api.octokit.rest.git.getCommit({ ...params(api), commit_sha: base });
    baseTree = data.tree.sha;
  } catch (error) {
    if (statusOf(error) !== 404 && statusOf(error) !== 422) throw failed(api, 'GET', `/git/commits/${base}`, 'contents: read', error);
    const repository = `${api.repository.owner}/${api.repository.name}`;
    if (target.request !== undefined) {
      throw new FlueError(
        `propose_change: the head commit ${base} of ${target.request} is not in ${repository} on GitHub, so the change cannot be built on it.`,
      );
    }
    throw new FlueError(
      `propose_change: the checkout's HEAD commit ${base} is not in ${repository} on GitHub, so the change ` +
        'cannot be built on it. Run the agent on a checkout of a commit GitHub has (actions/checkout does that).',
    );
  }
  const tree: TreeEntry[] = [];
  for (const file of files) {
    if (file.status === 'deleted') {
      tree.push({ path: file.path, mode: '100644', type: 'blob', sha: null });
      continue;
    }
    const content = file.content ?? '';
    const blob = await api.call('POST', '/git/blobs', 'contents: write', () =>
      api.octokit.rest.git.createBlob({ ...params(api), content, encoding: 'base64' }),
    );
    tree.push({ path: file.path, mode: file.mode ?? '100644', type: 'blob', sha: blob.data.sha });
  }
  const created = await api.call('POST', '/git/trees', 'contents: write', () =>
    api.octokit.rest.git.createTree({ ...params(api), base_tree: baseTree, tree }),
  );
  const message = `${output.title}\n\nProposed by flue-action on branch ${branch}.`;
  const commit = await api.call('POST', '/git/commits', 'contents: write', () =>
    api.octokit.rest.git.createCommit({ ...params(api), message, tree: created.data.sha, parents: [base] }),
  );
  return commit.data.sha;
}

/**
 * Creates the branch at `commit`. True when it existed and a re-run moved it (an earlier attempt made
 * it); on a first attempt an existing branch is someone else's, and nothing is overwritten.
 */
async function pointBranch(api: RepoApi, branch: string, commit: string, rerun: boolean): Promise<boolean> {
  try {
    await api.octokit.rest.git.createRef({ ...params(api), ref: `refs/heads/${branch}`, sha: commit });
    return false;
  } catch (error) {
    if (statusOf(error) !== 422) throw failed(api, 'POST', '/git/refs', 'contents: write', error);
    if (!rerun) {
      throw new FlueError(
        `propose_change: branch ${branch} already exists, and this is the run's first attempt, so it is not the runner's: nothing was pushed. ` +
          "Delete the branch, or change the agent's branch-prefix.",
      );
    }
  }
  await api.call('PATCH', `/git/refs/heads/${branch}`, 'contents: write', () =>
    api.octokit.rest.git.updateRef({ ...params(api), ref: `heads/${branch}`, sha: commit, force: true }),
  );
  return true;
}

/**
 * The runner's own pull request from `branch` carrying the output's marker, if any: the open one, else the
 * newest (GitHub lists the newest first), closed or merged.
 */
async function ownPull(
  api: RepoApi,
  branch: string,
  attempt: EarlierAttempt,
): Promise<{ number: number; state: 'open' | 'closed' | 'merged' } | undefined> {
  const head = `${api.repository.owner}:${branch}`;
  const pulls = await api.call('GET', '/pulls', 'pull-requests: read', () =>
    api.octokit.rest.pulls.list({ ...params(api), head, state: 'all', per_page: 100 }),
  );
  let newest: { number: number; state: 'open' | 'closed' | 'merged' } | undefined;
  for (const pull of pulls.data) {
    if (attempt.marker === undefined || !pull.body?.includes(attempt.marker) || !(await attempt.isSelf(pull.user?.login))) continue;
    if (pull.state === 'open') return { number: pull.number, state: 'open' };
    newest ??= { number: pull.number, state: pull.merged_at ? 'merged' : 'closed' };
  }
  return newest;
}

const params = (api: RepoApi) => ({ owner: api.repository.owner, repo: api.repository.name });

/** The GitHubApiError `api.call` would have made, for a call whose expected failure was handled first. */
const failed = (api: RepoApi, method: string, path: string, permission: string, error: unknown): Error =>
  apiFailure(`${method} ${api.path}${path}`, error, permission);
