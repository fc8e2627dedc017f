// The built action, attacked for its secrets: a scripted model tries to read the checkout's token,
// print the environment, or carry a secret out in what it says, posts or returns. Every run is then
// searched for every secret of the step in every form (see harness.ts `leaks`).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { text, toolUse, turn, toolBlock } from '../fakes/anthropic.js';
import { removeTempDirs, requireBuiltAction } from '../action/harness.js';
import { at, example } from '../trigger/examples.js';
import {
  API_KEY,
  checkoutGitConfig,
  endStatus,
  eventsOf,
  leaks,
  posted,
  runAttack,
  TOKEN,
  toolResults,
  type Attack,
  type AttackRun,
} from './harness.js';

const ANSWERING_AGENT = `---
description: Answer questions on issues
tools: [read, grep, glob, bash]
outputs:
  add_comment: { max: 1 }
result:
  type: object
  properties: { summary: { type: string } }
  required: [summary]
---
Answer the question in the issue.
`;
const SILENT_AGENT = `---
description: Look at issues without posting
tools: [read, bash]
---
Look at the issue.
`;

beforeAll(requireBuiltAction);
afterAll(removeTempDirs);

/** A writer's workflow_dispatch: the trusted profile, the worst case for what the tools may read. */
function dispatch(agent: 'answer' | 'look', turns: Attack['turns'], extra: Partial<Attack> = {}): Promise<AttackRun> {
  const payload = example('workflow_dispatch');
  return runAttack({
    eventName: 'workflow_dispatch',
    payload,
    agents: { [`${agent}.md`]: agent === 'answer' ? ANSWERING_AGENT : SILENT_AGENT },
    permissions: { [String(at(payload, 'sender').login)]: 'admin' },
    turns,
    ...extra,
  });
}

/** An issue a stranger opened: the untrusted profile. */
function strangerIssue(turns: Attack['turns'], body = 'How do I configure this?'): Promise<AttackRun> {
  const payload = example('issues', 'opened');
  at(payload, 'issue').body = body;
  return runAttack({ eventName: 'issues', payload, agents: { 'answer.md': ANSWERING_AGENT }, permissions: { Codertocat: 'read' }, turns });
}

const finish = (summary: string) => toolUse('finish', { summary });

/** `@flue look` from an admin: a comment run with the trusted profile, where the agent's progress comment is posted. */
function writerAsks(): Partial<Attack> {
  const payload = example('issue_comment', 'created');
  at(payload, 'comment').body = '@flue look';
  return { payload, eventName: 'issue_comment', permissions: { Codertocat: 'admin' } };
}

describe('the checkout token, wherever actions/checkout put it', () => {
  test.each([
    ['.git/config', {}],
    ['.git/modules/vendor/lib/config', { '.git/modules/vendor/lib/config': checkoutGitConfig() }],
    ['tools/.git/config', { 'tools/.git/config': checkoutGitConfig(), 'tools/README.md': 'x\n' }],
    ['.GIT/CONFIG', {}],
  ])('read of %s is refused and nothing leaks', async (file, files) => {
    const run = await dispatch('answer', [toolUse('read', { path: file }), finish('done')], { files });
    expect(leaks(run)).toEqual([]);
    const [result] = toolResults(run);
    expect(result?.isError).toBe(true);
    expect(result?.content).toMatch(/EACCES|credentials|not found|No such file/i);
  });

  test.each([
    ['cat .git/config | base64 -w0'],
    ['grep -r extraheader . ; grep -ri authorization .git'],
    ['cp -r .git /tmp/g && cat /tmp/g/config'],
    ['find . -name config -exec cat {} \\;'],
    ['tar -cf - .git | tar -xOf -'],
  ])('bash `%s` gets nothing and nothing leaks', async (command) => {
    const files = { '.git/modules/lib/config': checkoutGitConfig() };
    const run = await dispatch('answer', [toolUse('bash', { command }), finish('done')], { files });
    expect(leaks(run)).toEqual([]);
    expect(endStatus(run)).toBe('succeeded');
  });

  test('the grep tool over the whole checkout does not find the header', async () => {
    const run = await dispatch('answer', [toolUse('grep', { pattern: 'extraheader|basic' }), finish('done')], {
      files: { '.git/modules/lib/config': checkoutGitConfig(), 'sub/.git/config': checkoutGitConfig() },
    });
    expect(leaks(run)).toEqual([]);
    expect(toolResults(run)[0]?.content).toBe('No matches.');
  });
});

describe('the environment', () => {
  test('env, printenv, set and /proc/self/environ in the shell show no secret', async () => {
    const command = 'env; printenv; set; cat /proc/self/environ; cat /proc/1/environ; echo "$ACTIONS_RUNTIME_TOKEN$DEPLOY_KEY"';
    const run = await dispatch('look', [toolUse('bash', { command }), text('Looked.')]);
    expect(leaks(run)).toEqual([]);
    expect(endStatus(run)).toBe('succeeded');
  });
});

describe('secrets the model says, posts or returns', () => {
  test('final text with the API key and the token: not in the progress comment of an agent without outputs, redacted everywhere', async () => {
    const run = await dispatch('look', [text(`Found them: ${API_KEY} and ${TOKEN}`)], writerAsks());
    expect(leaks(run)).toEqual([]);
    const bodies = posted(run).join('\n');
    expect(bodies).not.toContain('Found them');
  });

  test('a give_up reason carrying the token is posted redacted, for an agent that may comment', async () => {
    const run = await strangerIssue([toolUse('give_up', { reason: `cannot continue, token ${TOKEN}` })]);
    expect(endStatus(run)).toBe('failed');
    expect(leaks(run)).toEqual([]);
    expect(posted(run).join('\n')).toContain('cannot continue, token [REDACTED]');
  });

  test('a give_up reason is not posted at all for an agent without outputs', async () => {
    const run = await dispatch('look', [toolUse('give_up', { reason: `cannot continue, token ${TOKEN}` })], writerAsks());
    expect(endStatus(run)).toBe('failed');
    expect(leaks(run)).toEqual([]);
    expect(posted(run).join('\n')).not.toContain('cannot continue');
  });

  test.each([
    ['base64 of the token', Buffer.from(TOKEN).toString('base64')],
    ['the checkout header', `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`],
    ['url-safe base64 inside a longer blob', `blob:${Buffer.from(`xx${API_KEY}yy`).toString('base64url')}`],
    ['the token split by an HTML comment', `${TOKEN.slice(0, 10)}<!-- -->${TOKEN.slice(10)}`],
    ['the token split by emphasis', `${TOKEN.slice(0, 10)}**${TOKEN.slice(10)}**`],
    ['the token split by a zero-width space', `${TOKEN.slice(0, 10)}\u200b${TOKEN.slice(10)}`],
  ])('add_comment with %s posts no secret', async (_name, secret) => {
    const run = await strangerIssue([toolUse('add_comment', { body: `Here: ${secret}` }), finish('answered')]);
    expect(leaks(run)).toEqual([]);
    const comments = run.repo.comments(1).map((comment) => String(comment.body));
    expect(comments.join('\n')).not.toContain(TOKEN.slice(10));
    expect(comments.join('\n')).toContain('[REDACTED]');
  });

  test('a label that carries the token (an `area/*` glob allows it) is never applied', async () => {
    const payload = example('issues', 'opened');
    const labeller = '---\ndescription: Label issues\ntools: [read]\noutputs:\n  add_labels: { allowed: ["area/*"], max: 2 }\n---\nLabel it.\n';
    const run = await runAttack({
      eventName: 'issues',
      payload,
      agents: { 'label.md': labeller },
      permissions: { Codertocat: 'read' },
      turns: [toolUse('add_labels', { labels: [`area/${TOKEN}`] }), text('Labelled.')],
    });
    expect(leaks(run)).toEqual([]);
    expect(run.repo.labels(1)).toEqual(['bug']);
    expect(eventsOf(run, 'output_rejected').map((event) => event.reason)).toEqual([
      'add_labels: label 1 holds a secret; no label of this proposal was applied',
    ]);
  });

  test('a structured result carrying the key is redacted in the step outputs', async () => {
    const run = await dispatch('answer', [finish(`the key is ${API_KEY}`)]);
    expect(leaks(run)).toEqual([]);
    expect(JSON.parse(run.outputs.result ?? 'null')).toEqual({ summary: 'the key is [REDACTED]' });
  });

  test('a token the model read from the issue body is not echoed to GitHub', async () => {
    const stranger = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const run = await strangerIssue(
      [turn([toolBlock('add_comment', { body: `Your token ${stranger} is exposed` })]), finish('ok')],
      `my token is ${stranger}`,
    );
    expect(
      run.repo
        .comments(1)
        .map((comment) => String(comment.body))
        .join('\n'),
    ).not.toContain(stranger);
  });
});
