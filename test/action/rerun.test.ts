// "Re-run jobs" on GitHub runs the same event again under the same GITHUB_RUN_ID with GITHUB_RUN_ATTEMPT 2.
// The built action runs twice against one fake GitHub, whose state carries over between the attempts: the
// second must edit what the first posted (progress, answer, review), ask for no label the thread already
// has, and submit no second review.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startFakeAnthropic, text, toolBlock, turn, type FakeAnthropic, type FakeTurn } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import { removeTempDirs, requireBuiltAction, runAction, tempDir, WORKFLOW_SHA } from './harness.js';

const TRIAGE = `---
description: Label and answer new issues
tools: [read]
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug, question], max: 2 }
---
Label the issue and thank its author.
`;
const REVIEW = `---
description: Review pull requests
tools: [read]
outputs:
  submit_review: { events: [COMMENT] }
  add_comment: { max: 1 }
---
Review the change.
`;

const API = '/repos/Codertocat/Hello-World';
const ANSWER = (agent: string, kind: string) => `<!-- flue-action -->\n<!-- flue-action:output agent=${agent} run=4242 key=${kind}.1 -->`;
const models: FakeAnthropic[] = [];
let github: FakeGitHub;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/triage.md': TRIAGE, '.flue/agents/review.md': REVIEW, 'README.md': '# Hello World\n' });
});
afterAll(removeTempDirs);
afterEach(async () => {
  await github.close();
  await Promise.all(models.splice(0).map((model) => model.close()));
});

/** One attempt of run 4242 with its own scripted model; the GitHub calls it made, and its outcome. */
async function attempt(runAttempt: number, options: { eventName: string; payload: Record<string, unknown>; agent: string; turns: FakeTurn[] }) {
  const model = await startFakeAnthropic({ turns: options.turns });
  models.push(model);
  const before = github.calls().length;
  const result = await runAction({
    eventName: options.eventName,
    payload: options.payload,
    inputs: { agent: options.agent },
    workspace,
    githubUrl: github.url,
    anthropicUrl: model.url,
    runAttempt,
  });
  expect(result.main.stderr).toBe('');
  expect(result.outputs.status).toBe('succeeded');
  const log = readFileSync(result.outputs['log-file'] as string, 'utf8');
  const events = log
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { calls: github.calls().slice(before), applied: events.filter((event) => event.type === 'output_applied') };
}

test('issues.opened twice (attempt 1, then 2): one answer, edited; the label asked for once; one progress comment', async () => {
  const payload = example('issues', 'opened');
  github = await startFakeGitHub();
  const repo = github.seedFromPayload(payload);
  repo.permission('Codertocat', 'read');
  repo.tree(WORKFLOW_SHA, { '.flue/agents/triage.md': TRIAGE });
  const answer = (body: string) => [turn([toolBlock('add_labels', { labels: ['question'] }), toolBlock('add_comment', { body })]), text('Done.')];
  const definitionReads = [
    `GET ${API}/git/trees/${WORKFLOW_SHA}`,
    expect.stringMatching(/^GET \/repos\/Codertocat\/Hello-World\/git\/trees\/[0-9a-f]{40}$/),
    expect.stringMatching(/^GET \/repos\/Codertocat\/Hello-World\/git\/blobs\/[0-9a-f]{40}$/),
  ];

  const first = await attempt(1, { eventName: 'issues', payload, agent: 'triage', turns: answer('Thanks! Looks like a question.') });
  expect(first.calls).toEqual([
    `GET ${API}/collaborators/Codertocat/permission`,
    ...definitionReads,
    `GET ${API}/issues/1/comments`,
    `POST ${API}/issues/1/comments`,
    `POST ${API}/issues/1/labels`,
    `POST ${API}/issues/1/comments`,
    `PATCH ${API}/issues/comments/5001`,
  ]);
  const [progress, posted] = repo.comments(1);
  expect(posted?.body).toBe(`Thanks! Looks like a question.\n\n${ANSWER('triage', 'add_comment')}`);

  const second = await attempt(2, { eventName: 'issues', payload, agent: 'triage', turns: answer('Thanks! This is a question.') });
  expect(second.calls).toEqual([
    `GET ${API}/collaborators/Codertocat/permission`,
    ...definitionReads,
    `GET ${API}/issues/1/comments`,
    // Who the token writes as, asked once: only a comment by it is taken for attempt 1's progress or answer.
    'POST /graphql',
    `PATCH ${API}/issues/comments/${progress?.id}`,
    // `question` is on the issue since attempt 1: no POST.
    `GET ${API}/issues/1/labels`,
    `PATCH ${API}/issues/comments/${posted?.id}`,
    `PATCH ${API}/issues/comments/${progress?.id}`,
  ]);
  expect(github.calls().filter((call) => call === `POST ${API}/issues/1/labels`)).toHaveLength(1);
  expect(repo.labels(1)).toEqual(['bug', 'question']);
  expect(repo.comments(1).map((comment) => comment.id)).toEqual([progress?.id, posted?.id]);
  expect(repo.comments(1)[1]?.body).toBe(`Thanks! This is a question.\n\n${ANSWER('triage', 'add_comment')}`);
  expect(repo.comments(1)[0]?.body).toContain('✅ **succeeded**');
});

test('pull_request.opened twice: one review, its body edited; one summary comment, edited', async () => {
  const payload = example('pull_request', 'opened');
  const baseSha = at(payload, 'pull_request', 'base').sha as string;
  github = await startFakeGitHub();
  const repo = github.seedFromPayload(payload);
  repo.permission('Codertocat', 'write');
  repo.files(2, [{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-# Hello-World\n+# Hello World' }]);
  repo.tree(baseSha, { '.flue/agents/review.md': REVIEW, 'README.md': '# Hello-World\n' });
  const review = (body: string) => [
    turn([
      toolBlock('submit_review', { body, event: 'COMMENT', comments: [{ path: 'README.md', line: 1, body: 'The dash is gone.' }] }),
      toolBlock('add_comment', { body: `Summary: ${body}` }),
    ]),
    text('Reviewed.'),
  ];

  const first = await attempt(1, { eventName: 'pull_request', payload, agent: 'review', turns: review('One note.') });
  expect(first.calls.filter((call) => !call.startsWith('GET '))).toEqual([
    `POST ${API}/issues/2/comments`,
    `POST ${API}/pulls/2/reviews`,
    `POST ${API}/issues/2/comments`,
    `PATCH ${API}/issues/comments/5001`,
  ]);
  const [submitted] = repo.reviews(2);

  const second = await attempt(2, { eventName: 'pull_request', payload, agent: 'review', turns: review('One note, reworded.') });
  const [progress, summary] = repo.comments(2);
  expect(second.calls.filter((call) => !call.startsWith('GET '))).toEqual([
    'POST /graphql',
    `PATCH ${API}/issues/comments/${progress?.id}`,
    `PUT ${API}/pulls/2/reviews/${submitted?.id}`,
    `PATCH ${API}/issues/comments/${summary?.id}`,
    `PATCH ${API}/issues/comments/${progress?.id}`,
  ]);
  expect(second.calls).toContain(`GET ${API}/pulls/2/reviews`);
  expect(repo.reviews(2)).toHaveLength(1);
  expect(repo.reviews(2)[0]).toMatchObject({
    body: `One note, reworded.\n\n${ANSWER('review', 'submit_review')}`,
    state: 'COMMENTED',
    comments: [{ path: 'README.md', line: 1, side: 'RIGHT', body: 'The dash is gone.\n\n<!-- flue-action -->' }],
  });
  expect(repo.comments(2)).toHaveLength(2);
  expect(summary?.body).toBe(`Summary: One note, reworded.\n\n${ANSWER('review', 'add_comment')}`);
  // The session log says what happened to each: edited in place, and this attempt's inline comment left out.
  expect(second.applied.map((event) => [event.kind, event.url, event.note])).toEqual([
    [
      'submit_review',
      submitted?.html_url,
      "An earlier attempt of this workflow run had posted it: updated in place. Its inline comments are the earlier attempt's; this attempt's 1 were not posted.",
    ],
    ['add_comment', summary?.html_url, 'An earlier attempt of this workflow run had posted it: updated in place.'],
  ]);
});
