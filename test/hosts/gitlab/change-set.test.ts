// propose_change end to end on GitLab: the scripted agent fixes a file in a real git checkout and proposes
// it; the runner commits it through POST /projects/:id/repository/commits on a new branch and opens one
// draft merge request; a retried job rewrites the branch and updates that merge request. Merge request
// pipelines: change-on-merge-request.test.ts.
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitsOf } from '../../fakes/gitlab-commits.js';
import type { FakeProject } from '../../fakes/gitlab.js';
import { git } from '../../sandbox/git-repo.js';
import { appliedEvents, type Checkout, checkout, FILES, FIXER, fixTurns, run } from '../change-set-run.js';
import { hostOn, setup, trigger } from './helpers.js';

/** GitLab's copy of the checkout's HEAD commit. */
function seed(project: FakeProject, at: Checkout): void {
  project.tree(at.head, { ...FILES, '.flue/agents/fixer.md': FIXER('{}') });
}

const MARKER = '<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->';

describe('propose_change on GitLab', () => {
  test('one commit on a new branch from the checkout HEAD, with only the edit; one draft merge request into the default branch', async () => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);

    const report = await run(at, hostOn(gitlab), trigger('issue'), fixTurns());

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    const branches = commits.branches();
    expect(Object.keys(branches)).toEqual(['flue/fixer-77']);
    const commit = commits.commit(branches['flue/fixer-77']!);
    expect(commit).toMatchObject({
      parent: at.head,
      message: 'Fix the answer\n\nProposed by flue-action on branch flue/fixer-77.',
      actions: [
        {
          action: 'update',
          file_path: 'src/app.ts',
          encoding: 'base64',
          execute_filemode: false,
          content: Buffer.from('export const answer = 42;\n').toString('base64'),
        },
      ],
    });
    expect(commits.files(commit!.sha)).toMatchObject({ 'src/app.ts': 'export const answer = 42;\n', '.github/workflows/ci.yml': 'on: push\n' });
    const [request, ...more] = commits.openedMergeRequests();
    expect(more).toEqual([]);
    expect(request).toMatchObject({
      title: 'Draft: Fix the answer',
      draft: true,
      source_branch: 'flue/fixer-77',
      target_branch: 'main',
      description: `The answer is 42, not 41. Fixes #1.\n\n${MARKER}`,
    });
    expect(report.publish.applied.map((item) => [item.kind, item.url])).toEqual([['propose_change', request?.web_url]]);
  });

  test('a retried job rewrites its branch and updates its merge request: no second one', async () => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    await run(at, hostOn(gitlab), trigger('issue'), fixTurns());
    const first = commitsOf(project).branches()['flue/fixer-77'];
    git(at.dir, 'checkout', '--', 'src/app.ts');
    gitlab.clearCalls();

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger('issue'), fixTurns('Fix the answer (retry)'));

    expect(report.status).toBe('succeeded');
    const commits = commitsOf(project);
    expect(commits.openedMergeRequests()).toHaveLength(1);
    expect(commits.openedMergeRequests()[0]?.title).toBe('Draft: Fix the answer (retry)');
    expect(commits.branches()['flue/fixer-77']).not.toBe(first);
    const iid = commits.openedMergeRequests()[0]?.iid;
    expect(gitlab.calls().filter((call) => !call.includes('/notes') && call !== 'GET /user')).toEqual([
      'GET /projects/42',
      'GET /projects/42/merge_requests',
      'POST /projects/42/repository/commits',
      `PUT /projects/42/merge_requests/${iid}`,
    ]);
  });

  test.each(['closed', 'merged'])('a retried job whose merge request was %s since opens a new one for its commit, and says so', async (state) => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    await run(at, hostOn(gitlab), trigger('issue'), fixTurns());
    const [earlier] = commitsOf(project).openedMergeRequests();
    earlier!.state = state;
    git(at.dir, 'checkout', '--', 'src/app.ts');

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger('issue'), fixTurns('Fix the answer (retry)'));

    expect(report.status).toBe('succeeded');
    const requests = commitsOf(project).openedMergeRequests();
    expect(requests.map((request) => [request.iid, request.state, request.title])).toEqual([
      [earlier!.iid, state, 'Draft: Fix the answer'],
      [Number(earlier!.iid) + 1, 'opened', 'Draft: Fix the answer (retry)'],
    ]);
    expect(requests[1]).toMatchObject({ source_branch: 'flue/fixer-77', sha: commitsOf(project).branches()['flue/fixer-77'] });
    expect(appliedEvents(report)).toMatchObject([
      {
        kind: 'propose_change',
        url: requests[1]?.web_url,
        note: `An earlier attempt of this pipeline had opened !${earlier!.iid}, ${state} since: a new merge request proposes this attempt's commit.`,
      },
    ]);
  });

  test('a new file is created, a deleted one deleted; a symlink is refused by name (the commits API would make it a plain file)', async () => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    const turns = (command: string) => [
      { content: [{ type: 'tool_use' as const, name: 'bash', input: { command } }] },
      { content: [{ type: 'tool_use' as const, name: 'propose_change', input: { title: 'Tidy', body: 'Tidy.' } }] },
      { content: 'Done.' },
    ];
    const tidy = await run(at, hostOn(gitlab), trigger('issue'), turns('echo new > src/new.ts && rm README.md'));
    expect(tidy.status).toBe('succeeded');
    const commits = commitsOf(project);
    expect(commits.commit(commits.branches()['flue/fixer-77']!)?.actions).toEqual([
      { action: 'delete', file_path: 'README.md' },
      { action: 'create', file_path: 'src/new.ts', content: Buffer.from('new\n').toString('base64'), encoding: 'base64', execute_filemode: false },
    ]);

    fs.symlinkSync('app.ts', path.join(at.dir, 'src/link.ts'));
    const linked = await run(at, hostOn(gitlab, { runId: '78' }), trigger('issue'), turns('true'));
    expect(linked.publish.failed[0]?.message).toBe(
      "propose_change: src/link.ts is a symlink, which GitLab's commits API cannot create (it would commit a plain file): nothing was committed. Propose the change without symlinks.",
    );
    expect(Object.keys(commits.branches())).toEqual(['flue/fixer-77']);
  });

  test('a quick action in the body never reaches the description as one (GitLab runs them when a merge request is opened)', async () => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    const turns = fixTurns().map((turn) =>
      JSON.stringify(turn).includes('propose_change')
        ? { content: [{ type: 'tool_use' as const, name: 'propose_change', input: { title: 'Fix', body: 'Fixed.\n/merge\n/assign @alice' } }] }
        : turn,
    );
    const report = await run(at, hostOn(gitlab), trigger('issue'), turns);
    expect(report.status).toBe('succeeded');
    const description = String(commitsOf(project).openedMergeRequests()[0]?.description);
    expect(description.split('\n').filter((line) => line.startsWith('/'))).toEqual([]);
    expect(description).not.toContain('@alice');
  });

  // GitLab numbers no attempts: the job looks for what an earlier job of its pipeline did on every attempt (rerun).
  test.each([false, true])("a branch of that name that is someone else's is never rewritten (rerun: %s)", async (rerun) => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    commitsOf(project).branch('flue/fixer-77', 'f'.repeat(40));
    const report = await run(at, hostOn(gitlab, { rerun }), trigger('issue'), fixTurns());
    expect(report.status).toBe('failed');
    expect(report.publish.failed[0]?.message).toBe(
      "propose_change: branch flue/fixer-77 already exists and is not the runner's (no merge request of its own comes from it, and its last commit " +
        "is not one it made): nothing was pushed. Delete the branch, or change the agent's branch-prefix.",
    );
    expect(commitsOf(project).branches()).toEqual({ 'flue/fixer-77': 'f'.repeat(40) });
    expect(gitlab.calls().filter((call) => call.includes('/repository/commits') || call.includes('/merge_requests'))).toEqual([
      'GET /projects/42/merge_requests',
    ]);
  });

  test('a branch an earlier job of the pipeline committed before it died is rewritten, and its merge request opened', async () => {
    const { gitlab, project } = await setup();
    project.issue(3);
    const at = checkout();
    seed(project, at);
    await run(at, hostOn(gitlab), trigger('issue'), fixTurns());
    const [earlier] = commitsOf(project).openedMergeRequests();
    // As if the job had died between the commit and the merge request.
    project.threads.delete(`merge_requests/${earlier!.iid}`);
    git(at.dir, 'checkout', '--', 'src/app.ts');

    const report = await run(at, hostOn(gitlab, { rerun: true }), trigger('issue'), fixTurns('Fix the answer (retry)'));

    expect(report.status).toBe('succeeded');
    const branch = commitsOf(project).branches()['flue/fixer-77']!;
    expect(commitsOf(project).commit(branch)?.message).toBe('Fix the answer (retry)\n\nProposed by flue-action on branch flue/fixer-77.');
    const requests = [...project.threads.values()].filter((thread) => thread.kind === 'merge_requests').map((thread) => thread.data);
    expect(requests).toEqual([expect.objectContaining({ source_branch: 'flue/fixer-77', title: 'Draft: Fix the answer (retry)', state: 'opened' })]);
  });
});
