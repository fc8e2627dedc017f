import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, text, toolBlock, turn, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { example } from '../trigger/examples.js';
import { commands, removeTempDirs, requireBuiltAction, runAction, tempDir, WORKFLOW_SHA } from './harness.js';

const TRIAGE_AGENT = `---
description: Label and answer new issues
model: anthropic/claude-sonnet-4-6
tools: [read, grep]
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug, question], max: 2 }
---
Label the issue and thank its author.
`;

const API = '/repos/Codertocat/Hello-World';
/** An untrusted run reads its agent from the workflow's commit: that commit's tree, the .flue subtree, the agent's blob. */
const DEFINITION_READS = [
  `GET ${API}/git/trees/${WORKFLOW_SHA}`,
  expect.stringMatching(/^GET \/repos\/Codertocat\/Hello-World\/git\/trees\/[0-9a-f]{40}$/),
  expect.stringMatching(/^GET \/repos\/Codertocat\/Hello-World\/git\/blobs\/[0-9a-f]{40}$/),
];

let github: FakeGitHub;
let model: FakeAnthropic;
let repo: FakeRepo;
let workspace: string;
const payload = example('issues', 'opened');

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/triage.md': TRIAGE_AGENT, 'README.md': '# Hello-World\n' });
});
afterAll(removeTempDirs);

beforeEach(async () => {
  github = await startFakeGitHub();
  repo = github.seedFromPayload(payload);
  // The author is a stranger: triage runs for them, with the untrusted profile, and reads its
  // agent from the commit the workflow runs from (GITHUB_SHA), not from the checkout.
  repo.permission('Codertocat', 'read');
  repo.tree(WORKFLOW_SHA, { '.flue/agents/triage.md': TRIAGE_AGENT });
});
afterEach(async () => {
  await github.close();
  await model.close();
});

const labelAndComment = (labels: string[]) => [
  turn([toolBlock('add_labels', { labels }), toolBlock('add_comment', { body: 'Thanks for the report! This looks like a bug.' })]),
  text('Labelled and answered.'),
];

function run(inputs: Record<string, string> = {}) {
  return runAction({
    eventName: 'issues',
    payload,
    inputs: { agent: 'triage', ...inputs },
    workspace,
    githubUrl: github.url,
    anthropicUrl: model.url,
  });
}

describe('issues.opened, triage agent', () => {
  test('labels and comments, with a progress comment created and finished in place', async () => {
    model = await startFakeAnthropic({ turns: labelAndComment(['question']) });
    const result = await run();
    expect(result.main.stderr).toBe('');
    expect(result.main.code).toBe(0);
    expect(github.calls()).toEqual([
      `GET ${API}/collaborators/Codertocat/permission`,
      ...DEFINITION_READS,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `POST ${API}/issues/1/labels`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    // The issue came labelled `bug`; the agent added `question`.
    expect(repo.labels(1)).toEqual(['bug', 'question']);
    expect(github.requests.find((request) => request.path.endsWith('/labels'))?.body).toEqual({ labels: ['question'] });
    const [progress, answer] = repo.comments(1);
    expect(answer?.body).toBe(
      'Thanks for the report! This looks like a bug.\n\n<!-- flue-action -->\n<!-- flue-action:output agent=triage run=4242 key=add_comment.1 -->',
    );
    expect(progress?.body).toContain('<!-- flue-action:progress agent=triage run=4242 -->');
    expect(progress?.body).toContain('✅ **succeeded**');
    expect(progress?.body).toContain('Labelled and answered.');
    expect(progress?.body).toContain('2 turns');
    // A public repository: neither tokens nor dollars (progress-details: auto).
    expect(progress?.body).not.toMatch(/tokens|\$\d/);
    expect(model.requests).toHaveLength(2);

    expect(result.outputs).toEqual({
      status: 'succeeded',
      result: '"Labelled and answered."',
      'cost-usd': expect.stringMatching(/^\d+(\.\d+)?$/),
      turns: '2',
      'session-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'log-file': expect.stringMatching(/\/flue-action\/session-\w+\/triage-.+\.jsonl$/),
      'report-file': expect.stringMatching(/\.html$/),
    });
    expect(existsSync(result.outputs['log-file'] as string)).toBe(true);
    expect(result.summary).toContain('## ✅ flue · triage: succeeded');
    expect(result.summary).toContain('| add\\_labels | applied |');
    // Grouped per turn; the untrusted profile is said; the artifact upload fails without the runtime token.
    expect(result.main.stdout).toContain('::group::turn 1\n');
    expect(result.main.stdout).toContain('::group::turn 2\n');
    expect(result.main.stdout).toContain('untrusted profile');
    expect(commands(result.main.stdout, 'warning')).toEqual([
      expect.stringMatching(/^Could not upload the session log as artifact 'flue-session-triage-1-[0-9a-f]{8}': .*ACTIONS_RUNTIME_TOKEN/),
    ]);
    expect(result.state).toEqual({
      'log-dir': expect.stringContaining('flue-action'),
      'artifact-prefix': 'flue-session',
      finished: 'true',
      // Saved when the comment was created, cleared once main finished it: the post step has nothing to do.
      'progress-comment': '',
      // add_comment (its answer is shown) on a public repository (no tokens, no cost).
      'progress-view': expect.stringMatching(/^\{"modelText":true,"usage":false,"tools":\[/),
    });
    // The secrets never reach the log.
    const log = readFileSync(result.outputs['log-file'] as string, 'utf8');
    expect(log).not.toContain('sk-ant-e2e');
  });

  test('dry-run: the same run writes nothing, not even the progress comment, and shows what it would post', async () => {
    model = await startFakeAnthropic({ turns: labelAndComment(['question']) });
    const result = await run({ 'dry-run': 'true' });
    expect(result.main.code).toBe(0);
    // Reads only: the gate's permission check, the agent from the workflow's commit, the thread for the model's context.
    expect(github.calls()).toEqual([`GET ${API}/collaborators/Codertocat/permission`, ...DEFINITION_READS, `GET ${API}/issues/1/comments`]);
    expect(repo.labels(1)).toEqual(['bug']);
    expect(repo.comments(1)).toEqual([]);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.main.stdout).toContain('add labels: question');
    expect(result.main.stdout).toContain('Thanks for the report! This looks like a bug.');
    expect(result.summary).toContain('| add\\_labels | applied (dry run) | question |');
  });

  test('a label outside the policy is refused, never applied, and listed in the summary', async () => {
    model = await startFakeAnthropic({ turns: labelAndComment(['wontfix']) });
    const result = await run();
    expect(result.main.code).toBe(0);
    expect(github.calls()).toEqual([
      `GET ${API}/collaborators/Codertocat/permission`,
      ...DEFINITION_READS,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    expect(repo.labels(1)).toEqual(['bug']);
    expect(result.summary).toMatch(/\| add\\_labels \| rejected: .*wontfix.* \|/);
    expect(commands(result.main.stdout, 'warning')[0]).toMatch(/^Output add_labels rejected: .*wontfix/);
    // The model was told, so it could correct itself.
    expect(JSON.stringify(model.requests[1]?.body)).toContain('wontfix');
  });

  test('a failed run fails the step with an error annotation, and still finishes its progress comment', async () => {
    model = await startFakeAnthropic({
      turns: [turn([toolBlock('give_up', { reason: 'The README has no spelling error to fix.' })])],
    });
    const result = await run();
    expect(result.main.code).toBe(1);
    expect(commands(result.main.stdout, 'error')).toEqual(["Agent 'triage' failed: the agent gave up: The README has no spelling error to fix."]);
    expect(github.calls()).toEqual([
      `GET ${API}/collaborators/Codertocat/permission`,
      ...DEFINITION_READS,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    expect(repo.comments(1)[0]?.body).toContain('❌ **failed**: the agent gave up: The README has no spelling error to fix.');
    expect(result.outputs).toMatchObject({ status: 'failed', result: 'null', turns: '1' });
    expect(result.summary).toContain('## ❌ flue · triage: failed');
  });
});
