import { expect, test } from 'vitest';
import { FLUE_COMMENT_MARKER, progressMarker } from '../../../src/hosts/markers.js';
import { LIMITS } from '../../../src/limits.js';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { triggerFromInput } from '../../../src/trigger/input.js';
import { example } from '../../trigger/examples.js';
import { API, README_PATCH, hostOn, pullRequestEvent, setup } from './helpers.js';

test("the thread comments, oldest first, without the triggering comment or the action's own", async () => {
  const { github, host } = await setup();
  const payload = example('issue_comment', 'created');
  const trigger = triggerFromGitHubEvent('issue_comment', payload);
  const repo = github.seedFromPayload(payload);
  repo.comment(1, { body: 'Still happening on 2.0.', user: 'bob' });
  repo.comment(1, { body: `Earlier answer.\n\n${FLUE_COMMENT_MARKER}`, user: 'github-actions[bot]' });
  repo.comment(1, { body: `${FLUE_COMMENT_MARKER}\n${progressMarker('triage', '5')}\nworking`, user: 'github-actions[bot]' });
  repo.comment(1, { body: 'Same here.', user: 'carol' });
  const context = await host.fetchContext(trigger);
  expect(context).toEqual({
    comments: [
      { author: 'bob', body: 'Still happening on 2.0.', createdAt: '2024-01-01T00:00:01Z' },
      { author: 'carol', body: 'Same here.', createdAt: '2024-01-01T00:00:04Z' },
    ],
  });
  expect(repo.comments(1)[0]?.id).toBe(trigger.comment?.id);
  expect(github.calls({ query: true })).toEqual([`GET ${API}/issues/1/comments?per_page=100`]);
});

test(`only the newest ${LIMITS.contextComments} comments are kept, across pages`, async () => {
  const { github, host } = await setup();
  const repo = github.repo('Codertocat/Hello-World').issue({ number: 1 });
  for (let index = 1; index <= 130; index += 1) repo.comment(1, { body: `comment ${index}`, user: 'bob' });
  const trigger = { ...triggerFromInput({}), number: 1 };
  const { comments } = await host.fetchContext(trigger);
  expect(comments?.map((comment) => comment.body)).toEqual(
    Array.from({ length: LIMITS.contextComments }, (_, index) => `comment ${131 - LIMITS.contextComments + index}`),
  );
  expect(github.calls({ query: true })).toEqual([`GET ${API}/issues/1/comments?per_page=100`, `GET ${API}/issues/1/comments?per_page=100&page=2`]);
});

test('comments stop at the character budget; the newest is kept even alone and cut', async () => {
  const { github, host } = await setup();
  const repo = github.repo('Codertocat/Hello-World').issue({ number: 1 });
  const third = Math.floor(LIMITS.contextCommentsChars / 3);
  repo.comment(1, { body: 'old', user: 'a' });
  repo.comment(1, { body: 'x'.repeat(third), user: 'b' });
  repo.comment(1, { body: 'y'.repeat(third), user: 'c' });
  const trigger = { ...triggerFromInput({}), number: 1 };
  const within = await host.fetchContext(trigger);
  expect(within.comments?.map((comment) => comment.author)).toEqual(['a', 'b', 'c']);

  repo.comment(1, { body: 'z'.repeat(LIMITS.contextCommentsChars + 10), user: 'd' });
  // A new run: the first host listed the thread once for its own run.
  const { comments } = await hostOn(github).fetchContext(trigger);
  expect(comments).toEqual([
    {
      author: 'd',
      body: `${'z'.repeat(LIMITS.contextCommentsChars)}\n[… 10 more characters cut]`,
      createdAt: '2024-01-01T00:00:04Z',
    },
  ]);
});

test('a PR adds its changed files with patches; a binary file has none', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  repo.files(2, [
    { filename: 'README.md', patch: README_PATCH },
    { filename: 'logo.png', status: 'added', additions: 0, deletions: 0 },
  ]);
  await expect(host.fetchContext(trigger)).resolves.toEqual({
    comments: [],
    files: [
      { path: 'README.md', status: 'modified', additions: 2, deletions: 1, patch: README_PATCH },
      { path: 'logo.png', status: 'added', additions: 0, deletions: 0 },
    ],
  });
  expect(github.calls({ query: true })).toEqual([`GET ${API}/issues/2/comments?per_page=100`, `GET ${API}/pulls/2/files?per_page=100`]);
});

test(`past ${LIMITS.contextFiles} files the list is cut and the cap says how many there are`, async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  const total = LIMITS.contextFiles + 5;
  repo.files(
    2,
    Array.from({ length: total }, (_, index) => ({ filename: `f${index}.ts`, patch: '@@ -1 +1 @@\n-a\n+b' })),
  );
  const context = await host.fetchContext(trigger);
  expect(context.files).toHaveLength(LIMITS.contextFiles);
  expect(context.files?.at(-1)).toEqual({
    path: `f${LIMITS.contextFiles - 1}.ts`,
    status: 'modified',
    additions: 1,
    deletions: 1,
    patch: '@@ -1 +1 @@\n-a\n+b',
  });
  expect(context.filesCap).toEqual({ shown: LIMITS.contextFiles, total });
});

test('each patch is capped, and patches stop when all of them together reach the budget', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  const big = `@@ -1 +1 @@\n+${'a'.repeat(LIMITS.contextPatchChars)}`;
  const capped = `${big.slice(0, LIMITS.contextPatchChars)}\n[… ${big.length - LIMITS.contextPatchChars} more characters cut]`;
  const fit = Math.floor(LIMITS.contextPatchesChars / capped.length);
  const files = Array.from({ length: fit + 1 }, (_, index) => ({ filename: `big${index}.ts`, patch: big }));
  repo.files(2, [...files, { filename: 'small.ts', patch: '@@ -1 +1 @@\n+b' }]);
  const context = await host.fetchContext(trigger);
  expect(context.files?.map((file) => file.patch)).toEqual([
    ...Array.from({ length: fit }, () => capped),
    undefined,
    // A small patch after the budget ran short still fits in what is left.
    '@@ -1 +1 @@\n+b',
  ]);
  expect(context.filesCap).toBeUndefined();
});

test('a trigger without an issue or PR has no context and makes no call', async () => {
  const { github, host } = await setup();
  await expect(host.fetchContext(triggerFromInput({}))).resolves.toEqual({});
  expect(github.calls()).toEqual([]);
});
