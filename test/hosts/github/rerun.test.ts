// A re-run (same GITHUB_RUN_ID, attempt 2) proposes its outputs again: each must update or leave what
// attempt 1 applied under the same key, never apply it twice. Attempt 1 looks nothing up.
import { expect, test } from 'vitest';
import type { OutputKey } from '../../../src/hosts/host.js';
import { FLUE_COMMENT_MARKER, outputMarker } from '../../../src/hosts/markers.js';
import type { ProposedOutput } from '../../../src/tools/types.js';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { example } from '../../trigger/examples.js';
import { API, HEAD_SHA, README_PATCH, hostOn, issueEvent, pullRequestEvent, setup } from './helpers.js';

const key = (kind: OutputKey['kind'], index = 1): OutputKey => ({ agent: 'triage', kind, index });
/** What a body ends with: the runner's marker, then the output's own (run 77 is the test host's). */
const markers = (kind: OutputKey['kind'], index = 1) => `${FLUE_COMMENT_MARKER}\n${outputMarker(key(kind, index), '77')}`;

test('the output marker names agent, run, kind and index, and cannot be closed early by a hostile agent name', () => {
  expect(outputMarker(key('add_comment', 2), '77')).toBe('<!-- flue-action:output agent=triage run=77 key=add_comment.2 -->');
  expect(outputMarker({ agent: 'x -->y', kind: 'submit_review', index: 1 }, '7 8')).toBe(
    '<!-- flue-action:output agent=x_--_y run=7_8 key=submit_review.1 -->',
  );
});

test('attempt 1 posts the comment with its key and looks nothing up', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  await host.applyOutput({ kind: 'add_comment', body: 'First answer.' }, trigger, key('add_comment'));
  expect(github.calls()).toEqual([`POST ${API}/issues/1/comments`]);
  expect(repo.comments(1).map((comment) => comment.body)).toEqual([`First answer.\n\n${markers('add_comment')}`]);
});

test('attempt 2 finds the comment attempt 1 posted under the same key and edits it', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const first = await host.applyOutput({ kind: 'add_comment', body: 'First answer.' }, trigger, key('add_comment'));
  github.requests.length = 0;
  const again = await hostOn(github, { runAttempt: 2 }).applyOutput({ kind: 'add_comment', body: 'Second answer.' }, trigger, key('add_comment'));
  expect(github.calls()).toEqual([`GET ${API}/issues/1/comments`, 'POST /graphql', `PATCH ${API}/issues/comments/${repo.comments(1)[0]?.id}`]);
  expect(repo.comments(1).map((comment) => comment.body)).toEqual([`Second answer.\n\n${markers('add_comment')}`]);
  expect(again).toEqual({ url: first.url, note: 'An earlier attempt of this workflow run had posted it: updated in place.' });
});

test('attempt 2 posts a comment whose key attempt 1 did not use (another index, another agent)', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  await host.applyOutput({ kind: 'add_comment', body: 'One.' }, trigger, key('add_comment'));
  const rerun = hostOn(github, { runAttempt: 2 });
  await rerun.applyOutput({ kind: 'add_comment', body: 'Two.' }, trigger, key('add_comment', 2));
  await rerun.applyOutput({ kind: 'add_comment', body: 'Other.' }, trigger, { agent: 'other', kind: 'add_comment', index: 1 });
  expect(repo.comments(1).map((comment) => comment.body)).toEqual([
    `One.\n\n${markers('add_comment')}`,
    `Two.\n\n${markers('add_comment', 2)}`,
    `Other.\n\n${FLUE_COMMENT_MARKER}\n<!-- flue-action:output agent=other run=77 key=add_comment.1 -->`,
  ]);
});

test('attempt 2 asks only for the labels the issue lacks now, and for none when it has them all', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const labels: ProposedOutput = { kind: 'add_labels', labels: ['triage', 'area/docs'] };
  await host.applyOutput(labels, trigger, key('add_labels'));
  expect(repo.labels(1)).toEqual(['bug', 'triage', 'area/docs']);
  github.requests.length = 0;
  const rerun = hostOn(github, { runAttempt: 2 });
  await expect(rerun.applyOutput(labels, trigger, key('add_labels'))).resolves.toEqual({});
  expect(github.calls()).toEqual([`GET ${API}/issues/1/labels`]);
  // Someone removed one between the attempts (GitHub compares names without case): only that one is asked for.
  repo.thread(1).labels = ['bug', 'TRIAGE'];
  github.requests.length = 0;
  await rerun.applyOutput(labels, trigger, key('add_labels'));
  expect(github.calls()).toEqual([`GET ${API}/issues/1/labels`, `POST ${API}/issues/1/labels`]);
  expect(github.requests[1]?.body).toEqual({ labels: ['area/docs'] });
  expect(repo.labels(1)).toEqual(['bug', 'TRIAGE', 'area/docs']);
});

test('attempt 2 deletes only the labels still there', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  repo.issue({ number: 1, labels: ['bug', 'area/ui'], raw: payload.issue as Record<string, unknown> });
  const removal: ProposedOutput = { kind: 'remove_labels', labels: ['bug', 'area/ui'] };
  await host.applyOutput(removal, trigger, key('remove_labels'));
  repo.thread(1).labels = ['area/ui'];
  github.requests.length = 0;
  await hostOn(github, { runAttempt: 2 }).applyOutput(removal, trigger, key('remove_labels'));
  expect(github.calls()).toEqual([`GET ${API}/issues/1/labels`, `DELETE ${API}/issues/1/labels/area%2Fui`]);
  expect(repo.labels(1)).toEqual([]);
});

test("attempt 2 edits the body of attempt 1's review and submits no second one", async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  repo.files(2, [{ filename: 'README.md', patch: README_PATCH }]);
  const review = (body: string): ProposedOutput => ({
    kind: 'submit_review',
    body,
    event: 'REQUEST_CHANGES',
    comments: [{ path: 'README.md', line: 11, body: 'typo' }],
  });
  const first = await host.applyOutput(review('Two nits.'), trigger, key('submit_review'));
  github.requests.length = 0;
  const again = await hostOn(github, { runAttempt: 2 }).applyOutput(review('Two nits, again.'), trigger, key('submit_review'));
  const [only] = repo.reviews(2);
  expect(github.calls()).toEqual([`GET ${API}/pulls/2/reviews`, 'POST /graphql', `PUT ${API}/pulls/2/reviews/${only?.id}`]);
  expect(repo.reviews(2)).toHaveLength(1);
  expect(only).toMatchObject({
    body: `Two nits, again.\n\n${markers('submit_review')}`,
    state: 'CHANGES_REQUESTED',
    commit_id: HEAD_SHA,
    comments: [{ path: 'README.md', line: 11, side: 'RIGHT', body: `typo\n\n${FLUE_COMMENT_MARKER}` }],
  });
  expect(again).toEqual({
    url: first.url,
    note: "An earlier attempt of this workflow run had posted it: updated in place. Its inline comments are the earlier attempt's; this attempt's 1 were not posted.",
  });
});

test("attempt 2 edits attempt 1's discussion comment through GraphQL", async () => {
  const { github, host } = await setup();
  const payload = example('discussion_comment', 'created');
  const trigger = triggerFromGitHubEvent('discussion_comment', payload);
  github.seedFromPayload(payload);
  const first = await host.applyOutput({ kind: 'add_comment', body: 'Answer.' }, trigger, key('add_comment'));
  github.requests.length = 0;
  const again = await hostOn(github, { runAttempt: 2 }).applyOutput({ kind: 'add_comment', body: 'Better answer.' }, trigger, key('add_comment'));
  const operations = github.requests.map(
    (request) => /\b(viewer|node|updateDiscussionComment|addDiscussionComment)\b/.exec(String((request.body as { query?: string }).query))?.[1],
  );
  expect(operations).toEqual(['node', 'viewer', 'updateDiscussionComment']);
  const comments = [...github.graphql.discussions.values()][0]?.comments;
  expect(comments?.map((comment) => comment.body)).toEqual([`Better answer.\n\n${markers('add_comment')}`]);
  expect(again).toEqual({ url: first.url, note: 'An earlier attempt of this workflow run had posted it: updated in place.' });
});

test('without a key (a caller that names none) attempt 2 looks nothing up and posts', async () => {
  const { github } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  await hostOn(github, { runAttempt: 2 }).applyOutput({ kind: 'add_comment', body: 'hi' }, trigger);
  expect(github.calls()).toEqual([`POST ${API}/issues/1/comments`]);
  expect(repo.comments(1).map((comment) => comment.body)).toEqual([`hi\n\n${FLUE_COMMENT_MARKER}`]);
});

test('a refused lookup fails the output with the call and the permission it needs, and writes nothing', async () => {
  const { github } = await setup();
  const { payload, trigger } = pullRequestEvent();
  github.seedFromPayload(payload);
  github.fail(`GET ${API}/issues/2/labels`, { status: 403 });
  github.fail(`GET ${API}/pulls/2/reviews`, { status: 403 });
  const rerun = hostOn(github, { runAttempt: 2 });
  await expect(rerun.applyOutput({ kind: 'add_labels', labels: ['bug'] }, trigger, key('add_labels'))).rejects.toThrow(
    `GET ${API}/issues/2/labels failed: 403 Resource not accessible by integration. Give the workflow permissions: pull-requests: read`,
  );
  await expect(rerun.applyOutput({ kind: 'submit_review', body: 'x', event: 'COMMENT', comments: [] }, trigger, key('submit_review'))).rejects.toThrow(
    `GET ${API}/pulls/2/reviews failed: 403 Resource not accessible by integration. Give the workflow permissions: pull-requests: read`,
  );
  expect(github.calls()).toEqual([`GET ${API}/issues/2/labels`, `GET ${API}/pulls/2/reviews`]);
});
