// propose_change on a merge request pipeline, end to end against the fake GitLab, with the trigger read from
// a merge request job's variables (test/trigger/gitlab-examples.ts, from GitLab's own API example for
// gitlab-ee!14656, branch delete-designs-v2 into master). The fix goes to the merge request's source branch:
// a new branch started at its head commit and a merge request into delete-designs-v2.
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readGitLabTrigger } from '../../../src/trigger/gitlab.js';
import type { Trigger } from '../../../src/trigger/types.js';
import { commitsOf } from '../../fakes/gitlab-commits.js';
import type { FakeGitLab } from '../../fakes/gitlab.js';
import { git } from '../../sandbox/git-repo.js';
import { mergeRequestJobEnv } from '../../trigger/gitlab-examples.js';
import { type Checkout, checkout, FILES, FIXER, fixTurns, run } from '../change-set-run.js';
import { hostOn, setup } from './helpers.js';

const HEAD_FILES = { ...FILES, '.flue/agents/fixer.md': FIXER('{ draft: false }') };
const HEAD = '8e0b45049b6253b8984cde9241830d2851168142';
const MARKER = '<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->';

/** The merge request job's trigger; `detached` checks out the head (CI_COMMIT_SHA), `merged_result` a merge commit GitLab made. */
function mergeRequestTrigger(overrides: Record<string, string>): Trigger {
  return readGitLabTrigger({ ...mergeRequestJobEnv(), ...overrides }, { source: 'TRIGGER_PAYLOAD' });
}

/** A merged results pipeline's checkout: the merge request's files and NEWS.md, which the target branch added since. */
function mergedResult(): Checkout {
  const at = checkout('{ draft: false }');
  fs.writeFileSync(path.join(at.dir, 'NEWS.md'), 'target branch news\n');
  git(at.dir, 'add', 'NEWS.md');
  git(at.dir, 'commit', '-q', '-m', 'Merge delete-designs-v2 into master');
  return { dir: at.dir, head: git(at.dir, 'rev-parse', 'HEAD').trim() };
}

const mergedResultTrigger = (at: Checkout) =>
  mergeRequestTrigger({ CI_MERGE_REQUEST_EVENT_TYPE: 'merged_result', CI_COMMIT_SHA: at.head, CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: HEAD });

const writes = (gitlab: FakeGitLab) => gitlab.calls().filter((call) => !call.startsWith('GET ') && !call.includes('/notes'));

describe('propose_change on a merge request pipeline goes to the merge request source branch', () => {
  test('a detached pipeline checks out the head: the branch starts there, the merge request goes into the source branch, no tree is read', async () => {
    const { gitlab, project } = await setup();
    const at = checkout('{ draft: false }');
    project.tree(at.head, HEAD_FILES);
    const trigger = mergeRequestTrigger({ CI_COMMIT_SHA: at.head });
    expect(trigger.refs).toMatchObject({ head: 'delete-designs-v2', sha: at.head, fromFork: false });

    const report = await run(at, hostOn(gitlab), trigger, fixTurns());

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    expect(commits.commit(commits.branches()['flue/fixer-77'] ?? '')?.parent).toBe(at.head);
    const [request, ...more] = commits.openedMergeRequests();
    expect(more).toEqual([]);
    expect(request).toMatchObject({ title: 'Fix the answer', draft: false, source_branch: 'flue/fixer-77', target_branch: 'delete-designs-v2' });
    expect(request?.description).toBe(
      `The answer is 42, not 41. Fixes #1.\n\nProposed into the branch of merge request !14656: merging it adds the change there.\n\n${MARKER}`,
    );
    expect(gitlab.calls().some((call) => call.includes('/repository/tree'))).toBe(false);
  });

  test("a merged results pipeline: the branch starts at the head commit and holds the head's files plus the fix, not the merge commit's", async () => {
    const { gitlab, project } = await setup();
    const at = mergedResult();
    project.tree(HEAD, HEAD_FILES);

    const report = await run(at, hostOn(gitlab), mergedResultTrigger(at), fixTurns());

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    const commit = commits.commit(commits.branches()['flue/fixer-77'] ?? '');
    expect(commit?.parent).toBe(HEAD);
    expect(commit?.actions.map((action) => [action.action, action.file_path])).toEqual([['update', 'src/app.ts']]);
    expect(Object.keys(commits.files(commit?.sha ?? '')).sort()).toEqual(Object.keys(HEAD_FILES).sort());
    expect(commits.openedMergeRequests()[0]).toMatchObject({ target_branch: 'delete-designs-v2' });
    // The head's blobs, read from the one folder holding the edited file.
    expect(gitlab.calls({ query: true }).filter((call) => call.includes('/repository/tree'))).toEqual([
      `GET /projects/42/repository/tree?ref=${HEAD}&recursive=false&path=src&per_page=100`,
    ]);
  });

  test('a new file in a folder the head does not have (GitLab answers 404 for its listing) is created on the head', async () => {
    const { gitlab, project } = await setup();
    const at = mergedResult();
    project.tree(HEAD, HEAD_FILES);
    const turns = [
      { content: [{ type: 'tool_use' as const, name: 'bash', input: { command: 'mkdir -p docs/guide && echo new > docs/guide/new.md' } }] },
      { content: [{ type: 'tool_use' as const, name: 'propose_change', input: { title: 'Docs', body: 'Docs.' } }] },
      { content: 'Done.' },
    ];

    const report = await run(at, hostOn(gitlab), mergedResultTrigger(at), turns);

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    const commit = commits.commit(commits.branches()['flue/fixer-77'] ?? '');
    expect(commit?.actions.map((action) => [action.action, action.file_path])).toEqual([['create', 'docs/guide/new.md']]);
    expect(commit?.parent).toBe(HEAD);
  });

  test('a file the target branch changed too is refused by name, and nothing is committed or opened', async () => {
    const { gitlab, project } = await setup();
    const at = mergedResult();
    project.tree(HEAD, { ...HEAD_FILES, 'src/app.ts': 'export const answer = 40 + 1;\n' });
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab), mergedResultTrigger(at), fixTurns());

    expect(report.publish.failed[0]?.message).toBe(
      `propose_change: the fix goes to the branch of merge request !14656, whose head commit is ${HEAD.slice(0, 12)}, but the checkout's HEAD is ` +
        `${at.head.slice(0, 12)} (a merge with the base branch, or another commit), and src/app.ts differs between them. The base branch changed ` +
        "that file (or the checkout lacks the merge request's own changes), so the edits cannot go to the merge request's branch unchanged: " +
        'nothing was committed. Run the agent in a merge request pipeline on the source branch (not a merged results pipeline), where the ' +
        'checkout is the head commit.',
    );
    expect(writes(gitlab)).toEqual([]);
    expect(commitsOf(project).branches()).toEqual({});
  });

  test("a merge request from a fork is refused: the runner cannot push to the fork's branch", async () => {
    const { gitlab, project } = await setup();
    const at = checkout('{ draft: false }');
    project.tree(at.head, HEAD_FILES);
    const trigger = mergeRequestTrigger({ CI_COMMIT_SHA: at.head, CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '999' });
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab), trigger, fixTurns());

    expect(report.publish.failed[0]?.message).toBe(
      "propose_change: merge request !14656 comes from a fork, and the runner cannot push to a fork's branch, so the fix cannot be delivered " +
        "to it: nothing was committed. Ask the merge request's author to make the change, run the agent in the fork, or set " +
        'on-pull-request: suggestions (onPullRequest in a TypeScript agent) under propose_change to post the fix as suggestions on it.',
    );
    expect(writes(gitlab)).toEqual([]);
    expect(commitsOf(project).branches()).toEqual({});
  });

  test('a retried job rewrites its branch and updates its merge request into the source branch: one merge request', async () => {
    const { gitlab, project } = await setup();
    const at = mergedResult();
    project.tree(HEAD, HEAD_FILES);
    await run(at, hostOn(gitlab), mergedResultTrigger(at), fixTurns());
    git(at.dir, 'checkout', '--', 'src/app.ts');

    const report = await run(at, hostOn(gitlab, { rerun: true }), mergedResultTrigger(at), fixTurns('Fix the answer (retry)'));

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    expect(commits.openedMergeRequests()).toHaveLength(1);
    expect(commits.openedMergeRequests()[0]).toMatchObject({ title: 'Fix the answer (retry)', target_branch: 'delete-designs-v2' });
    expect(commits.commit(commits.branches()['flue/fixer-77'] ?? '')?.parent).toBe(HEAD);
  });
});
