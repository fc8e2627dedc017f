import { expect, test } from 'vitest';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { LIMITS } from '../../../src/limits.js';
import { API, BASE_SHA, HEAD_SHA, README_DIFF, setup, trigger } from './helpers.js';

test("the thread context: recent notes without system notes, the triggering note or the runner's own", async () => {
  const { project, host } = await setup();
  const issue = project.issue(3);
  project.note(issue, { body: 'first', author: 'bob' });
  project.note(issue, { body: 'changed the description', system: true });
  project.note(issue, { body: `an answer\n\n${FLUE_COMMENT_MARKER}`, author: 'project_42_bot_1' });
  const asked = project.note(issue, { body: '@flue please look', author: 'alice' });
  const context = await host.fetchContext(
    trigger('issue', { comment: { id: Number(asked.id), body: '@flue please look', author: 'alice', authorIsBot: false } }),
  );
  expect(context).toEqual({ comments: [{ author: 'bob', body: 'first', createdAt: expect.any(String) }] });
});

test('an internal note never reaches the model: the answer is a public note, which could quote it', async () => {
  const { project, host } = await setup();
  const issue = project.issue(3);
  project.note(issue, { body: 'public question', author: 'bob' });
  const hidden = project.note(issue, { body: 'internal: customer X is affected', author: 'carol' });
  hidden.internal = true;
  const legacy = project.note(issue, { body: 'confidential: the old name', author: 'carol' });
  legacy.confidential = true;
  const context = await host.fetchContext(trigger('issue'));
  expect(context.comments?.map((comment) => comment.body)).toEqual(['public question']);
});

test("an MR's context lists its changed files with diffs, counts and GitHub's status words", async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7, {
    diffs: [
      { old_path: 'README.md', new_path: 'README.md', diff: README_DIFF },
      { old_path: 'new.ts', new_path: 'new.ts', diff: '@@ -0,0 +1 @@\n+x\n', new_file: true },
      { old_path: 'a.ts', new_path: 'b.ts', diff: '', renamed_file: true },
      { old_path: 'gone.ts', new_path: 'gone.ts', diff: '@@ -1 +0,0 @@\n-x\n', deleted_file: true },
    ],
  });
  const context = await host.fetchContext(trigger('mr'));
  expect(context.files).toEqual([
    { path: 'README.md', status: 'modified', additions: 2, deletions: 1, patch: README_DIFF },
    { path: 'new.ts', status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+x\n' },
    { path: 'b.ts', status: 'renamed', additions: 0, deletions: 0 },
    { path: 'gone.ts', status: 'removed', additions: 0, deletions: 1, patch: '@@ -1 +0,0 @@\n-x\n' },
  ]);
  expect(context.filesCap).toBeUndefined();
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7/notes`, `GET ${API}/merge_requests/7/diffs`]);
});

test(`past ${LIMITS.contextFiles} changed files the list is cut and the cap stated`, async () => {
  const { project, host } = await setup();
  const diffs = Array.from({ length: LIMITS.contextFiles + 5 }, (_, index) => ({
    old_path: `f${index}`,
    new_path: `f${index}`,
    diff: '@@ -1 +1 @@\n-a\n+b\n',
  }));
  project.mergeRequest(7, { diffs });
  const context = await host.fetchContext(trigger('mr'));
  expect(context.files).toHaveLength(LIMITS.contextFiles);
  expect(context.filesCap).toEqual({ shown: LIMITS.contextFiles, total: LIMITS.contextFiles + 5 });
});

test('completeTrigger reads the MR for its refs; a fork MR (source project differs) is marked as one', async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7, { source_project_id: 99, source_branch: 'fix', target_branch: 'main' });
  const completed = await host.completeTrigger(trigger('mr'));
  expect(completed.refs).toEqual({ base: 'main', head: 'fix', sha: HEAD_SHA, baseSha: BASE_SHA, fromFork: true });
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7`]);

  const own = await setup();
  own.project.mergeRequest(7);
  expect((await own.host.completeTrigger(trigger('mr'))).refs.fromFork).toBe(false);
});

test('completeTrigger keeps the commit the trigger names, and leaves issues alone', async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7);
  const completed = await host.completeTrigger(trigger('mr', { refs: { sha: 'pipeline-sha', head: 'feature' } }));
  expect(completed.refs).toEqual({ base: 'main', head: 'feature', sha: 'pipeline-sha', baseSha: BASE_SHA, fromFork: false });
  const issue = trigger('issue');
  expect(await host.completeTrigger(issue)).toBe(issue);
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7`]);
});

test('a forged trigger cannot make a fork MR look like a branch, nor choose the base commit definitions come from', async () => {
  const { project, host } = await setup();
  project.mergeRequest(7, { source_project_id: 99 });
  const forged = trigger('mr', { refs: { sha: HEAD_SHA, baseSha: 'attacker-commit', fromFork: false } });
  const completed = await host.completeTrigger(forged);
  expect(completed.refs.fromFork).toBe(true);
  expect(completed.refs.baseSha).toBe(BASE_SHA);
});

test('a fork the trigger reports stays a fork, whatever the API says', async () => {
  const { project, host } = await setup();
  project.mergeRequest(7);
  expect((await host.completeTrigger(trigger('mr', { refs: { fromFork: true } }))).refs.fromFork).toBe(true);
});
