/**
 * `propose_change` on GitLab: the runner commits the change set the publish stage checked in one call,
 * POST /projects/:id/repository/commits with one action a file, on a new branch started at the
 * checkout's HEAD, and opens a merge request with the agent's title and description. No `git push`: the
 * token stays in the runner. The branch is `<prefix><agent>-<pipeline id>`; a retried job (same
 * pipeline) rewrites that branch (`force`) and updates the merge request it finds from it (the runner's
 * own, carrying the output's marker), so one pipeline opens one merge request. On a merge request event
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
  await api.client.request('POST', `${api.path}/repository/commits`, {
    body: {
      branch,
      start_sha: target.parent,
      commit_message: `${output.title}\n\nProposed by flue-action on branch ${branch}.`,
      actions,
      // Only a retried job may rewrite the branch: on a first attempt a branch of that name is someone else's, and GitLab refuses.
      force: run.attempt.rerun,
    },
  });
  const description = markedBody(targetedBody(capBody(output.body, LIMITS.commentChars), target), run.attempt.marker);
  const earlier = run.attempt.rerun ? await ownMergeRequest(api, branch, run.attempt) : undefined;
  if (earlier !== undefined) {
    const updated = await api.client.request<MergeRequestAnswer>('PUT', `${api.path}/merge_requests/${earlier}`, {
      body: { title: titled(output), description },
    });
    return {
      url: updated.web_url,
      note: `An earlier attempt of this pipeline had opened it: branch ${branch} rewritten, title and description updated.`,
    };
  }
  const created = await api.client.request<MergeRequestAnswer>('POST', `${api.path}/merge_requests`, {
    body: { source_branch: branch, target_branch: targetBranch, title: titled(output), description },
  });
  return { url: created.web_url };
}

/** GitLab marks a draft by its title. */
const titled = (output: Change): string => (output.draft ? `Draft: ${output.title}` : output.title);

export const WORDS: RequestWords = {
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
export async function blobsOn(api: ProjectApi, commit: string, paths: string[]): Promise<Map<string, string>> {
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

/** The iid of the runner's own merge request from `branch` carrying the output's marker, if any. */
async function ownMergeRequest(api: ProjectApi, branch: string, attempt: EarlierAttempt): Promise<number | undefined> {
  const requests = await api.client.paginate<MergeRequestAnswer>(`${api.path}/merge_requests`, { source_branch: branch, state: 'all' });
  for (const request of requests) {
    if (attempt.marker !== undefined && request.description?.includes(attempt.marker) && (await attempt.isSelf(request.author?.username))) {
      return request.iid;
    }
  }
  return undefined;
}
