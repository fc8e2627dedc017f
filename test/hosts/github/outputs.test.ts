import { expect, test } from 'vitest';
import { isGitHubApiError } from '../../../src/hosts/github/errors.js';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { neutralizeMentions } from '../../../src/markdown/index.js';
import { sanitizeOutput } from '../../../src/publish/sanitize.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import { triggerFromInput } from '../../../src/trigger/input.js';
import { API, HEAD_SHA, README_PATCH, issueEvent, pullRequestEvent, setup } from './helpers.js';

test('add_comment posts the body with the hidden marker and returns the comment URL', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const applied = await host.applyOutput({ kind: 'add_comment', body: 'Thanks, looking.' }, trigger);
  expect(github.calls()).toEqual([`POST ${API}/issues/1/comments`]);
  expect(github.requests[0]?.body).toEqual({ body: `Thanks, looking.\n\n${FLUE_COMMENT_MARKER}` });
  expect(github.requests[0]?.authorization).toBe('token ghs_test');
  const posted = repo.comments(1).at(-1);
  expect(applied).toEqual({ url: posted?.html_url });
  expect(applied.url).toMatch(/^https:\/\/github\.com\/Codertocat\/Hello-World\/issues\/1#issuecomment-\d+$/);
});

test("add_comment defuses a marker in the agent's text, so it cannot pose as a progress comment", async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  await host.applyOutput({ kind: 'add_comment', body: 'x <!-- flue-action:progress agent=a run=77 -->' }, trigger);
  expect(github.requests[0]?.body).toEqual({
    body: `x <!-- (flue-action):progress agent=a run=77 -->\n\n${FLUE_COMMENT_MARKER}`,
  });
});

test('add_labels posts every label in one call', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  await expect(host.applyOutput({ kind: 'add_labels', labels: ['triage', 'area/docs'] }, trigger)).resolves.toEqual({});
  expect(github.calls()).toEqual([`POST ${API}/issues/1/labels`]);
  expect(github.requests[0]?.body).toEqual({ labels: ['triage', 'area/docs'] });
  expect(repo.labels(1)).toEqual(['bug', 'triage', 'area/docs']);
});

test('remove_labels deletes one label a call; a label already absent (404) is fine', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  repo.issue({ number: 1, labels: ['bug', 'area/ui'], raw: payload.issue as Record<string, unknown> });
  await expect(host.applyOutput({ kind: 'remove_labels', labels: ['bug', 'gone', 'area/ui'] }, trigger)).resolves.toEqual({});
  expect(github.calls()).toEqual([
    `DELETE ${API}/issues/1/labels/bug`,
    `DELETE ${API}/issues/1/labels/gone`,
    `DELETE ${API}/issues/1/labels/area%2Fui`,
  ]);
  expect(repo.labels(1)).toEqual([]);
});

test("a 403 names the call, GitHub's message and the permission the workflow needs", async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(`POST ${API}/issues/1/comments`, { status: 403 });
  const error = await host.applyOutput({ kind: 'add_comment', body: 'hi' }, trigger).catch((caught: unknown) => caught);
  expect(isGitHubApiError(error)).toBe(true);
  expect((error as Error).message).toBe(
    `POST ${API}/issues/1/comments failed: 403 Resource not accessible by integration. Give the workflow permissions: issues: write`,
  );
  // 403 is not retried: the token will not gain a permission by asking again.
  expect(github.calls()).toEqual([`POST ${API}/issues/1/comments`]);
});

test('on a pull request the permission named is pull-requests, and a 404 says so too', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  github.seedFromPayload(payload);
  github.fail(`POST ${API}/issues/2/labels`, { status: 404 });
  await expect(host.applyOutput({ kind: 'add_labels', labels: ['x'] }, trigger)).rejects.toThrow(
    `POST ${API}/issues/2/labels failed: 404 Not Found. If it exists, give the workflow permissions: pull-requests: write`,
  );
});

test('a failed label removal other than 404 fails the output', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(`DELETE ${API}/issues/1/labels/bug`, { status: 403 });
  await expect(host.applyOutput({ kind: 'remove_labels', labels: ['bug'] }, trigger)).rejects.toThrow(
    `DELETE ${API}/issues/1/labels/bug failed: 403 Resource not accessible by integration. Give the workflow permissions: issues: write`,
  );
});

test('an output on an event without an issue or PR fails with what to do', async () => {
  const { github, host } = await setup();
  await expect(host.applyOutput({ kind: 'add_comment', body: 'hi' }, triggerFromInput({}))).rejects.toThrow(
    "add_comment: event 'manual' names no issue or pull request, so there is nothing to post on. " +
      'Run the agent on an issue, pull request or comment event, or remove add_comment from its outputs.',
  );
  expect(github.calls()).toEqual([]);
});

test('submit_review sends inline comments on diff lines, at the head sha, each with the marker', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  repo.files(2, [{ filename: 'README.md', patch: README_PATCH }]);
  const applied = await host.applyOutput(
    {
      kind: 'submit_review',
      body: 'Two nits.',
      event: 'REQUEST_CHANGES',
      comments: [
        { path: 'README.md', line: 11, body: 'typo' },
        { path: 'README.md', line: 13, body: 'context line is fine too' },
      ],
    },
    trigger,
  );
  expect(github.calls()).toEqual([`GET ${API}/pulls/2/files`, `POST ${API}/pulls/2/reviews`]);
  expect(github.requests[1]?.body).toEqual({
    body: `Two nits.\n\n${FLUE_COMMENT_MARKER}`,
    event: 'REQUEST_CHANGES',
    commit_id: HEAD_SHA,
    comments: [
      { path: 'README.md', line: 11, side: 'RIGHT', body: `typo\n\n${FLUE_COMMENT_MARKER}` },
      { path: 'README.md', line: 13, side: 'RIGHT', body: `context line is fine too\n\n${FLUE_COMMENT_MARKER}` },
    ],
  });
  expect(applied).toEqual({ url: repo.reviews(2)[0]?.html_url });
  expect(repo.reviews(2)[0]?.state).toBe('CHANGES_REQUESTED');
});

test('review comments off the diff move into the body under their own section, with a warning', async () => {
  const { github, host, warnings } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  repo.files(2, [
    { filename: 'README.md', patch: README_PATCH },
    { filename: 'logo.png', status: 'added' },
  ]);
  const applied = await host.applyOutput(
    {
      kind: 'submit_review',
      body: 'Summary.',
      event: 'COMMENT',
      comments: [
        { path: 'README.md', line: 12, body: 'inline' },
        { path: 'README.md', line: 14, body: 'just past the hunk' },
        { path: 'src/other.ts', line: 3, body: 'file not in the PR' },
        { path: 'logo.png', line: 1, body: 'binary, no patch' },
      ],
    },
    trigger,
  );
  expect(github.requests[1]?.body).toEqual({
    body: [
      'Summary.',
      '### Comments on lines outside the diff',
      'GitHub accepts inline comments only on lines the diff shows, so these are listed here.',
      '**`README.md` line 14**\n\njust past the hunk',
      '**`src/other.ts` line 3**\n\nfile not in the PR',
      '**`logo.png` line 1**\n\nbinary, no patch',
      FLUE_COMMENT_MARKER,
    ].join('\n\n'),
    event: 'COMMENT',
    commit_id: HEAD_SHA,
    comments: [{ path: 'README.md', line: 12, side: 'RIGHT', body: `inline\n\n${FLUE_COMMENT_MARKER}` }],
  });
  const note = '3 inline comments on lines outside the diff (README.md:14, src/other.ts:3, logo.png:1) moved into the review body.';
  expect(warnings).toEqual([`submit_review on #2: ${note}`]);
  // The session log records it with the applied output.
  expect(applied).toEqual({ url: repo.reviews(2)[0]?.html_url, note });
});

test('comments moved into the body are judged joined: a fence the body leaves open cannot let a mention out of a comment', async () => {
  // Each part sanitized alone: the body's ``` opens a code block to its end, the comment's ``` opens one
  // over @octocat (code: kept as written). Joined, the comment's ``` closes the body's, and @octocat is prose.
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  repo.files(2, [{ filename: 'README.md', patch: README_PATCH }]);
  const review = sanitizeOutput(
    {
      kind: 'submit_review',
      body: 'Summary.\n\n```',
      event: 'COMMENT',
      comments: [{ path: 'src/other.ts', line: 3, body: '```\n@octocat <!-- hidden -->' }],
    },
    createRedactor([]),
  );
  await host.applyOutput(review, trigger);
  const posted = String(repo.reviews(2)[0]?.body);
  expect(posted).toContain('@\u200boctocat');
  expect(posted).not.toContain('<!-- hidden');
  expect(neutralizeMentions(posted)).toBe(posted);
});

test("a review without inline comments does not list the files; a 422 passes GitHub's reasons on", async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  github.seedFromPayload(payload);
  github.fail(`POST ${API}/pulls/2/reviews`, { status: 422, message: 'Unprocessable Entity' });
  await expect(host.applyOutput({ kind: 'submit_review', body: 'LGTM', event: 'APPROVE', comments: [] }, trigger)).rejects.toThrow(
    `POST ${API}/pulls/2/reviews failed: 422 Unprocessable Entity`,
  );
  expect(github.calls()).toEqual([`POST ${API}/pulls/2/reviews`]);
});

test('the PR files are listed once per run, across pages, for every review', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  const many = Array.from({ length: 150 }, (_, index) => ({ filename: `f${index}.ts`, patch: '@@ -1 +1 @@\n-a\n+b' }));
  repo.files(2, many);
  const review = { kind: 'submit_review' as const, body: 'x', event: 'COMMENT' as const, comments: [{ path: 'f149.ts', line: 1, body: 'last page' }] };
  await host.applyOutput(review, trigger);
  await host.applyOutput(review, trigger);
  expect(github.calls({ query: true })).toEqual([
    `GET ${API}/pulls/2/files?per_page=100`,
    `GET ${API}/pulls/2/files?per_page=100&page=2`,
    `POST ${API}/pulls/2/reviews`,
    `POST ${API}/pulls/2/reviews`,
  ]);
  expect(repo.reviews(2).map((entry) => entry.comments)).toEqual([
    [{ path: 'f149.ts', line: 1, side: 'RIGHT', body: `last page\n\n${FLUE_COMMENT_MARKER}` }],
    [{ path: 'f149.ts', line: 1, side: 'RIGHT', body: `last page\n\n${FLUE_COMMENT_MARKER}` }],
  ]);
});
