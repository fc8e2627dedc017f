/**
 * `propose_change` on GitLab: the runner commits the change set the publish stage checked in one call,
 * POST /projects/:id/repository/commits with one action a file, on a new branch started at the
 * checkout's HEAD, and opens a merge request with the agent's title and description. No `git push`: the
 * token stays in the runner. The branch is `<prefix><agent>-<pipeline id>`; a retried job (same
 * pipeline) rewrites that branch (`force`) and updates the merge request it finds from it (the runner's
 * own, carrying the output's marker), so one pipeline opens one merge request. GitLab numbers no
 * attempts, so the branch is rewritten only when it is the runner's: its own merge request comes from
 * it, or its last commit is one the runner made; anyone else's branch of that name is left alone. On a merge request event
 * the branch starts at the merge request's head and the merge request goes into its source branch
 * (change-target.ts).
 */
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { capBody } from '../../publish/sanitize.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import { changeTarget, checkOnHead, type RequestWords, targetedBody } from '../change-target.js';
import type { AppliedOutput, OutputKey } from '../host.js';
import { changeBranch, markedBody } from '../markers.js';
import type { ProjectApi } from './api.js';
import { statusOf } from './errors.js';
import type { EarlierAttempt } from './rerun.js';

type Change = Extract<ProposedOutput, { kind: 'propose_change' }>;

export interface ChangeRun {
  /** CI_PIPELINE_ID: part of the branch name, so a retried job finds the branch again. */
  runId: string;
  key: OutputKey | undefined;
  attempt: EarlierAttempt;
}

interface CommitAction {
  action: 'create' | 'update' | 'delete';
  file_path: string;
  content?: string;
  encoding?: 'base64';
  execute_filemode?: boolean;
}

interface MergeRequestAnswer {
  iid: number;
  web_url: string;
  description: string | null;
  author?: { username: string } | null;
  /** opened, closed, merged or locked. */
  state?: string;
}

export async function applyGitLabChange(api: ProjectApi, output: Change, trigger: Trigger, run: ChangeRun): Promise<AppliedOutput> {
  const links = output.changes.files.filter((file) => file.mode === '120000').map((file) => file.path);
  if (links.length > 0) {
    throw new FlueError(
      `propose_change: ${links.join(', ')} ${links.length === 1 ? 'is a symlink' : 'are symlinks'}, which GitLab's commits API cannot create ` +
        '(it would commit a plain file): nothing was committed. Propose the change without symlinks.',
    );
  }
  const target = changeTarget(output.changes, trigger, WORDS);
  await checkOnHead(output.changes, target, WORDS, (commit, paths) => blobsOn(api, commit, paths));
  const branch = changeBranch(output.branchPrefix, run.key, run.runId);
  const targetBranch = target.branch ?? (await defaultBranch(api));
  const actions: CommitAction[] = output.changes.files.map((file) =>
    file.status === 'deleted'
      ? { action: 'delete', file_path: file.path }
      : {
          action: file.status === 'added' ? 'create' : 'update',
          file_path: file.path,
          content: file.content ?? '',
          encoding: 'base64',
          execute_filemode: file.mode === '100755',
        },
  );
  const earlier = await ownMergeRequest(api, branch, run.attempt);
  await api.client.request('POST', `${api.path}/repository/commits`, {
    body: {
      branch,
      start_sha: target.parent,
      commit_message: `${output.title}\n\n${PROPOSED_BY(branch)}`,
      actions,
      force: earlier !== undefined || (await runnerMade(api, branch)),
    },
  });
  const description = markedBody(targetedBody(capBody(output.body, LIMITS.commentChars), target), run.attempt.marker);
  if (earlier?.state === 'opened') {
    const updated = await api.client.request<MergeRequestAnswer>('PUT', `${api.path}/merge_requests/${earlier.iid}`, {
      body: { title: titled(output), description },
    });
    return {
      url: updated.web_url,
      note: `An earlier attempt of this pipeline had opened it: branch ${branch} rewritten, title and description updated.`,
    };
  }
  // A merge request someone closed or merged since shows no new commit: the change goes in a new one.
  const created = await api.client.request<MergeRequestAnswer>('POST', `${api.path}/merge_requests`, {
    body: { source_branch: branch, target_branch: targetBranch, title: titled(output), description },
  });
  if (earlier === undefined) return { url: created.web_url };
  return {
    url: created.web_url,
    note: `An earlier attempt of this pipeline had opened !${earlier.iid}, ${earlier.state} since: a new merge request proposes this attempt's commit.`,
  };
}

/** The last line of every commit the runner makes on a change's branch. */
const PROPOSED_BY = (branch: string): string => `Proposed by flue-action on branch ${branch}.`;

/**
 * Whether `branch` is there and its last commit is the runner's (an earlier job of this pipeline died
 * before it opened the merge request); false when it is not there. Anyone else's branch of that name
 * fails the output: nothing is overwritten.
 */
async function runnerMade(api: ProjectApi, branch: string): Promise<boolean> {
  let found: { commit?: { message?: string } | null };
  try {
    found = await api.client.request('GET', `${api.path}/repository/branches/${encodeURIComponent(branch)}`);
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
  if (found.commit?.message?.trimEnd().endsWith(PROPOSED_BY(branch)) === true) return true;
  throw new FlueError(
    `propose_change: branch ${branch} already exists and is not the runner's (no merge request of its own comes from it, and its last commit ` +
      "is not one it made): nothing was pushed. Delete the branch, or change the agent's branch-prefix.",
  );
}

/** GitLab marks a draft by its title. */
const titled = (output: Change): string => (output.draft ? `Draft: ${output.title}` : output.title);

const WORDS: RequestWords = {
  noun: 'merge request',
  sign: '!',
  checkoutHint:
    'Run the agent in a merge request pipeline on the source branch (not a merged results pipeline), where the checkout is the head commit.',
};

/** Where the merge request goes without one to stack on: the project's default branch. */
async function defaultBranch(api: ProjectApi): Promise<string> {
  const project = await api.client.request<{ default_branch?: string | null }>('GET', api.path);
  if (!project.default_branch) throw new FlueError(`propose_change: GET ${api.path} names no default branch to open the merge request into`);
  return project.default_branch;
}

/** The blob ids of `paths` on `commit`, one listing (GET repository/tree, not recursive) per folder; a folder that is not there has none. */
async function blobsOn(api: ProjectApi, commit: string, paths: string[]): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  const wanted = new Set(paths);
  const folders = new Set(paths.map((file) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '')));
  for (const folder of folders) {
    const entries = await api.tree(commit, folder, false).catch((error: unknown) => {
      if (statusOf(error) === 404 && folder !== '') return [];
      throw error;
    });
    for (const entry of entries) if (entry.type === 'blob' && wanted.has(entry.path)) blobs.set(entry.path, entry.id);
  }
  return blobs;
}

/**
 * The runner's own merge request from `branch` carrying the output's marker, if any: the open one, else the
 * newest (GitLab lists the newest first), closed or merged.
 */
async function ownMergeRequest(api: ProjectApi, branch: string, attempt: EarlierAttempt): Promise<{ iid: number; state: string } | undefined> {
  const requests = await api.client.paginate<MergeRequestAnswer>(`${api.path}/merge_requests`, { source_branch: branch, state: 'all' });
  let newest: { iid: number; state: string } | undefined;
  for (const request of requests) {
    if (attempt.marker === undefined || !request.description?.includes(attempt.marker) || !(await attempt.isSelf(request.author?.username))) continue;
    if (request.state === 'opened') return { iid: request.iid, state: 'opened' };
    newest ??= { iid: request.iid, state: request.state ?? 'closed' };
  }
  return newest;
}
