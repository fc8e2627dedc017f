import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, text, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import { commands, removeTempDirs, requireBuiltAction, runAction, tempDir } from './harness.js';

const ANSWER_AGENT = `---
description: Answer a request in a comment
tools: [read]
outputs:
  add_comment: { max: 1 }
---
Answer the request.
`;
const FIXER_AGENT = `---
description: Fix what the issue reports
tools: [read, write, edit]
outputs:
  add_comment: { max: 1 }
---
Fix it.
`;

const API = '/repos/Codertocat/Hello-World';
/** GITHUB_SHA: an untrusted run reads its definitions there, through the API, never from the checkout. */
const WORKFLOW_SHA = 'c0ffee'.padEnd(40, '0');

let github: FakeGitHub;
let model: FakeAnthropic;
let repo: FakeRepo;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/answer.md': ANSWER_AGENT, '.flue/agents/fixer.md': FIXER_AGENT });
});
afterAll(removeTempDirs);
beforeEach(async () => {
  github = await startFakeGitHub();
  model = await startFakeAnthropic({ turns: [text('Here is my answer.')] });
});
afterEach(async () => {
  await github.close();
  await model.close();
});

function commentPayload(body: string) {
  const payload = example('issue_comment', 'created');
  at(payload, 'comment').body = body;
  return payload;
}

function run(eventName: string, payload: Record<string, unknown>, agent = 'answer', permission?: string) {
  repo = github.seedFromPayload(payload);
  repo.tree(WORKFLOW_SHA, { '.flue/agents/answer.md': ANSWER_AGENT, '.flue/agents/fixer.md': FIXER_AGENT });
  if (permission) repo.permission('Codertocat', permission);
  const env = { GITHUB_SHA: WORKFLOW_SHA };
  return runAction({ eventName, payload, inputs: { agent }, workspace, githubUrl: github.url, anthropicUrl: model.url, env });
}

/** A skip is green, loud and complete: status, notice, summary, outputs; no model call, no write, no artifact. */
function expectSkipped(result: Awaited<ReturnType<typeof runAction>>, reason: string) {
  expect(result.main.code).toBe(0);
  expect(model.requests).toEqual([]);
  expect(commands(result.main.stdout, 'notice')).toEqual([`flue-action skipped the run: ${reason}`]);
  expect(commands(result.main.stdout, 'warning')).toEqual([]);
  expect(result.outputs).toMatchObject({ status: 'skipped', result: 'null', turns: '0', 'cost-usd': '0' });
  expect(result.summary).toContain('⏭️ flue');
  expect(result.summary).toContain(': skipped');
  expect(result.state.finished).toBe('true');
}

describe('the gate, run through the built action', () => {
  test('a comment without the trigger phrase: skipped before any API call', async () => {
    const result = await run('issue_comment', commentPayload('You are totally right! I will get this fixed right away.'));
    expectSkipped(result, "The comment does not mention '@flue' (trigger-phrase), outside quotes and code; comments start a run only when they do.");
    expect(github.calls()).toEqual([]);
    expect(result.summary).toContain('The comment does not mention');
  });

  test('a comment without the phrase does not even load the agent: a broken agent stays quiet', async () => {
    const result = await run('issue_comment', commentPayload('thanks!'), 'no-such-agent');
    expect(result.main.code).toBe(0);
    expect(result.outputs.status).toBe('skipped');
  });

  test('@flue from a user with read permission: skipped after one permission lookup, nothing written', async () => {
    const payload = commentPayload('@flue please close this');
    const result = await run('issue_comment', payload, 'answer', 'read');
    // The token's own login first (GraphQL viewer: the runner never answers itself), then the commenter's permission.
    expect(github.calls()).toEqual(['POST /graphql', `GET ${API}/collaborators/Codertocat/permission`]);
    expectSkipped(
      result,
      '@Codertocat (comment author, actor of this issue_comment.created event) has read permission. A comment starts a run only ' +
        'for users with write, maintain or admin permission on Codertocat/Hello-World, or users listed in allowed-users.',
    );
  });

  test('@flue from a writer runs and answers in the progress comment', async () => {
    const payload = commentPayload('@flue what does this issue need?');
    const result = await run('issue_comment', payload, 'answer', 'write');
    expect(result.main.code).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(model.requests).toHaveLength(1);
    expect(github.calls()).toEqual([
      'POST /graphql',
      `GET ${API}/collaborators/Codertocat/permission`,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    expect(repo.comments(1).at(-1)?.body).toContain('Here is my answer.');
    // The triggering comment is the request, fenced as data in the first message.
    expect(JSON.stringify(model.requests[0]?.body)).toContain('@flue what does this issue need?');
  });

  test('the runner’s own comment (hidden marker) is never answered', async () => {
    const result = await run('issue_comment', commentPayload('@flue is working…\n\n<!-- flue-action -->'));
    expectSkipped(result, 'The comment was posted by flue-action itself (it carries the hidden marker); the runner never answers its own comments.');
    expect(github.calls()).toEqual([]);
  });

  test('an agent with write tools is refused for an issue a non-writer opened, naming what it needs', async () => {
    const payload = example('issues', 'opened');
    const result = await run('issues', payload, 'fixer', 'read');
    expectSkipped(
      result,
      '@Codertocat (actor of this issues.opened event, author of the issue) has read permission, so the run would get the untrusted ' +
        'profile (read-only tools, no commands, no network), but the agent needs tools: write. Such an agent runs only for events ' +
        'caused by writers (write, maintain or admin permission, or allowed-users).',
    );
    // The profile was decided first; the agent then came from GITHUB_SHA, not from the checkout.
    expect(github.calls().slice(0, 2)).toEqual([`GET ${API}/collaborators/Codertocat/permission`, `GET ${API}/git/trees/${WORKFLOW_SHA}`]);
    expect(github.calls().filter((call) => !call.startsWith(`GET ${API}/git/`))).toEqual([`GET ${API}/collaborators/Codertocat/permission`]);
  });

  test("an issue a stranger wrote, labeled by a writer, runs untrusted: the run reads the stranger's text", async () => {
    const payload = example('issues', 'labeled');
    at(payload, 'issue', 'user').login = 'stranger';
    const result = await run('issues', payload, 'answer', 'admin');
    expect(result.outputs.status).toBe('succeeded');
    expect(result.main.stdout).toMatch(/^flue-action [\w.-]+: agent 'answer' on issues\.labeled #1, untrusted profile\.$/m);
    const header = JSON.parse(readFileSync(result.outputs['log-file'] as string, 'utf8').split('\n')[0] as string);
    expect(header.profile).toBe('untrusted');
  });
});
