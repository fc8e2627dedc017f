// `flue-action run` in process, against the fake Anthropic API: what reaches stdout, stderr, the
// exit code, the session log and the model request.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import { apiError, hang, startFakeAnthropic, text, toolBlock, toolUse, turn, type FakeAnthropic } from '../fakes/anthropic.js';
import { example } from '../trigger/examples.js';
import { cli, HELLO_AGENT, makeTempDir, onlyLog, removeTempDirs, stable } from './helpers.js';

const TRIAGE_AGENT = `---
description: Label new issues
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug, question], max: 2 }
result:
  type: object
  properties: { severity: { enum: [low, high] } }
  required: [severity]
---
Label the issue, comment once, then finish with its severity.
`;

let fake: FakeAnthropic;
let repo: string;
let logs: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT, '.flue/agents/triage.md': TRIAGE_AGENT, 'a.txt': 'abc\n' });
  logs = await makeTempDir();
  env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: fake.url };
});
afterEach(() => fake.close());
afterAll(removeTempDirs);

const run = (...args: string[]) => cli(['run', ...args, '--cwd', repo, '--log-dir', logs], { env, cwd: repo });
const firstUserText = (): string => fake.requests[0]?.body.messages[0].content[0].text;

describe('flue-action run', () => {
  it('prints the answer on stdout and one progress line per step on stderr', async () => {
    fake.push(toolUse('read', { path: 'a.txt' }), text('Hello there.'));
    const result = await run('hello');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Hello there.\n');
    expect(stable(result.stderr, { logs })).toBe(
      [
        'turn 1 model <t> · 100 in / 10 out · $0.0004 (run $0.0004)',
        '→ read a.txt',
        '← read <t> ok',
        'turn 2 model <t> · 100 in / 10 out · $0.0004 (run $0.0009)',
        'succeeded · 2 turns · 200 in / 20 out tokens · $0.0009 · <t>',
        'model: claude-sonnet-4-6',
        'log: <logs>/hello-<stamp>.jsonl',
        'view: flue-action view <logs>/hello-<stamp>.jsonl',
        '',
      ].join('\n'),
    );
    // The key and endpoint came from io.env, not from this process's environment.
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual(['Bearer sk-ant-test-key', 'Bearer sk-ant-test-key']);
    const log = onlyLog(logs);
    expect(existsSync(log.replace(/\.jsonl$/, '.html'))).toBe(true);
    expect(readSessionLog(log).events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded', text: 'Hello there.' });
  });

  it('--json prints one envelope with status, usage, cost, turns and the log paths, and no progress', async () => {
    const usage = { input_tokens: 1000, output_tokens: 200, cache_read_input_tokens: 4000, cache_creation_input_tokens: 2000 };
    fake.push(text('All good.', { usage }));
    const result = await run('hello', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const envelope = JSON.parse(result.stdout) as Record<string, unknown>;
    const log = onlyLog(logs);
    expect(envelope).toEqual({
      status: 'succeeded',
      error: null,
      reason: null,
      result: null,
      text: 'All good.',
      agent: 'hello',
      model: 'claude-sonnet-4-6',
      modelClient: 'anthropic',
      turns: 1,
      // $3 in, $15 out, $0.30 cache read, $3.75 cache write per million tokens.
      costUsd: expect.closeTo(0.003 + 0.003 + 0.0012 + 0.0075, 10) as unknown,
      usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 4000, cacheWriteTokens: 2000 },
      durationMs: expect.any(Number) as unknown,
      // Nothing posts from a local run, --dry-run or not.
      dryRun: true,
      outputs: { applied: [], rejected: [], failed: [] },
      sessionId: readSessionLog(log).header.id,
      logFile: log,
      reportFile: log.replace(/\.jsonl$/, '.html'),
    });
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });

  it('without --dry-run, claims nothing it did not do: the outputs are shown as not posted, and the log says so', async () => {
    fake.push(turn([toolBlock('add_labels', { labels: ['bug'] })]), toolUse('finish', { severity: 'high' }));
    const result = await run('triage');
    expect(result.code).toBe(0);
    expect(stable(result.stderr, { logs })).toContain(
      [
        'applied add_labels (dry run: not posted)',
        'succeeded · 2 turns · 200 in / 20 out tokens · $0.0009 · <t>',
        '',
        'Outputs (dry run: nothing was posted):',
        '  add labels: bug',
        '(flue-action run posts nothing from this machine: in CI, the action posts these.)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).not.toContain('Outputs applied');
    const applied = readSessionLog(onlyLog(logs)).events.filter((event) => event.type === 'output_applied');
    expect(applied.map((event) => ({ kind: event.kind, dryRun: event.dryRun }))).toEqual([{ kind: 'add_labels', dryRun: true }]);
  });

  it('validates the result against the schema, lets the model retry, and prints the dry-run outputs on stderr', async () => {
    fake.push(
      turn([toolBlock('add_labels', { labels: ['bug'] }), toolBlock('add_comment', { body: 'Thanks @octocat, confirmed.' })]),
      toolUse('finish', { severity: 'medium' }),
      toolUse('finish', { severity: 'high' }),
    );
    const result = await run('triage', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{\n  "severity": "high"\n}\n');
    expect(stable(result.stderr, { logs })).toBe(
      [
        'turn 1 model <t> · 100 in / 10 out · $0.0004 (run $0.0004)',
        '→ add_labels bug',
        'proposed add_labels bug',
        '→ add_comment Thanks @octocat, confirmed.',
        'proposed add_comment Thanks @octocat, confirmed.',
        '← add_labels <t> ok',
        '← add_comment <t> ok',
        'turn 2 model <t> · 100 in / 10 out · $0.0004 (run $0.0009)',
        '→ finish medium',
        '← finish <t> error: Invalid result: The result does not match the schema:',
        'turn 3 model <t> · 100 in / 10 out · $0.0004 (run $0.0014)',
        '→ finish high',
        '← finish <t> ok',
        'applied add_labels (dry run: not posted)',
        'applied add_comment (dry run: not posted)',
        'succeeded · 3 turns · 300 in / 30 out tokens · $0.0014 · <t>',
        '',
        'Outputs (dry run: nothing was posted):',
        '  add labels: bug',
        '  comment:',
        '    Thanks @\u200Boctocat, confirmed.',
        'model: claude-sonnet-4-6',
        'log: <logs>/triage-<stamp>.jsonl',
        'view: flue-action view <logs>/triage-<stamp>.jsonl',
        '',
      ].join('\n'),
    );
    // The model saw why its first result was refused.
    expect(fake.requests[2]?.body.messages.at(-1).content[0]).toMatchObject({
      type: 'tool_result',
      is_error: true,
      content:
        'Invalid result: The result does not match the schema:\n- severity: Instance does not match any of ["low","high"].\n' +
        'Fix it and call finish again (attempt 1 of 4).',
    });
  });

  it('exits 3 when a limit ends the run (--max-turns 1 with a tool loop)', async () => {
    fake.push(toolUse('read', { path: 'a.txt' }));
    const result = await run('hello', '--max-turns', '1', '--json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'budget_exhausted',
      reason: 'reached max-turns (1 of 1)',
      result: null,
      text: null,
      turns: 1,
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('exits 3 when timeout-minutes stops a stalled model call: a time limit is budget_exhausted, like the others', async () => {
    fake.push(hang());
    const result = await run('hello', '--timeout-minutes', '0.01', '--json');
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'budget_exhausted', reason: 'timed out after 0.01 minutes (timeout-minutes)' });
    expect(readSessionLog(onlyLog(logs)).events.at(-1)).toMatchObject({ type: 'end', status: 'budget_exhausted' });
  });

  it('exits 1 with the provider’s message when the model API refuses the request', async () => {
    fake.push(apiError(400, 'messages.0.content: text content blocks must be non-empty'));
    const result = await run('hello');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const message =
      'model API returned 400 invalid_request_error: messages.0.content: text content blocks must be non-empty (request-id req_error_400)';
    expect(stable(result.stderr, { logs })).toBe(
      [
        `error ${message} (model)`,
        `failed: ${message} · 0 turns · 0 in / 0 out tokens · $0.0000 · <t>`,
        'model: claude-sonnet-4-6',
        'log: <logs>/hello-<stamp>.jsonl',
        'view: flue-action view <logs>/hello-<stamp>.jsonl',
        '',
      ].join('\n'),
    );
  });

  it('rides out a stalled stream and an overload, says so on stderr and in the log, and counts one turn', async () => {
    fake.push(hang('mid-stream'), apiError(529, 'Overloaded', { retryAfterMs: 10 }), text('Hello after all.'));
    const result = await run('hello', '--model-idle-seconds', '0.5');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Hello after all.\n');
    expect(fake.requests).toHaveLength(3);
    const retries = [
      // Durations are the machine's: a loaded one takes longer than a second for what usually takes 0.3 s.
      /^turn 1: the model's stream went silent \(no data for 0\.5 s\) after \d+\.\d s; retrying in \d+\.\d s \(attempt 2\)$/,
      /^turn 1: model API returned 529 overloaded_error: Overloaded \(request-id req_error_529\) after \d+\.\d s; retrying in 0\.0 s \(attempt 3\)$/,
    ];
    const { events } = readSessionLog(onlyLog(logs));
    expect(events.flatMap((event) => (event.type === 'warning' ? [event.message] : []))).toEqual(retries.map((r) => expect.stringMatching(r)));
    expect(events.filter((event) => event.type === 'model_request')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded', totals: { turns: 1, inputTokens: 100 } });
    expect(stable(result.stderr, { logs })).toBe(
      [
        "warning turn 1: the model's stream went silent (no data for <t>) after <t>; retrying in <t> (attempt 2)",
        'warning turn 1: model API returned 529 overloaded_error: Overloaded (request-id req_error_529) after <t>; retrying in <t> (attempt 3)',
        'turn 1 model <t> · 100 in / 10 out · $0.0004 (run $0.0004)',
        'succeeded · 1 turns · 100 in / 10 out tokens · $0.0004 · <t>',
        'model: claude-sonnet-4-6',
        'log: <logs>/hello-<stamp>.jsonl',
        'view: flue-action view <logs>/hello-<stamp>.jsonl',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when the agent gives up, and publishes none of its proposals', async () => {
    fake.push(turn([toolBlock('add_labels', { labels: ['question'] }), toolBlock('give_up', { reason: 'Cannot reproduce on main' })]));
    const result = await run('triage', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'failed',
      reason: 'the agent gave up: Cannot reproduce on main',
      result: null,
      outputs: { applied: [], failed: [] },
    });
    const rejected = readSessionLog(onlyLog(logs)).events.filter((event) => event.type === 'output_rejected');
    expect(rejected).toMatchObject([{ kind: 'add_labels', reason: 'the run failed' }]);
  });
});

describe('what the model is asked', () => {
  it('--event with a real issues.opened payload fences the issue title and body in the first message', async () => {
    const payload = example('issues', 'opened');
    await writeFile(path.join(repo, 'opened.json'), JSON.stringify(payload));
    fake.push(text('Noted.'));
    expect((await run('hello', '--event', 'opened.json')).code).toBe(0);
    const issue = payload.issue as { title: string; body: string };
    const prompt = firstUserText();
    const id = /<untrusted id="([0-9a-f-]{36})"/.exec(prompt)?.[1] as string;
    expect(prompt.startsWith('Event: issues (opened)\nRepository: Codertocat/Hello-World\nIssue: #1\nAuthor: Codertocat\n')).toBe(true);
    expect(prompt).toContain(`<untrusted id="${id}" field="title">\n${issue.title}\n</untrusted id="${id}">`);
    expect(prompt).toContain(`<untrusted id="${id}" field="body">\n${issue.body}\n</untrusted id="${id}">`);
    expect(prompt.endsWith('\n\nHandle this event.')).toBe(true);
  });

  it('--event with an issue_comment.created payload gives the comment as the request; --prompt replaces the task', async () => {
    const payload = example('issue_comment', 'created');
    // The gate answers only a writer's comment that calls the runner (test/cli/gate.test.ts).
    (payload.comment as { body: string }).body += ' @flue';
    await writeFile(path.join(repo, 'comment.json'), JSON.stringify(payload));
    fake.push(text('Noted.'), text('Noted again.'));
    expect((await run('hello', '--event', 'comment.json', '--permission', 'write')).code).toBe(0);
    const comment = payload.comment as { body: string; user: { login: string } };
    const prompt = firstUserText();
    const id = /<untrusted id="([0-9a-f-]{36})"/.exec(prompt)?.[1] as string;
    expect(prompt.startsWith('Event: issue_comment (created)\n')).toBe(true);
    expect(prompt).toContain(
      `<untrusted id="${id}" field="triggering comment" author="${comment.user.login}">\n${comment.body}\n</untrusted id="${id}">`,
    );
    expect(prompt.endsWith('\n\nHandle this event. The request is in the triggering comment.')).toBe(true);

    expect((await run('hello', '--event', 'comment.json', '--permission', 'write', '--prompt', 'Summarize the thread.')).code).toBe(0);
    expect(fake.requests[1]?.body.messages[0].content[0].text.endsWith('\n\nSummarize the thread.')).toBe(true);
  });

  it('GITHUB_REPOSITORY names the repository when a hand-written payload has none', async () => {
    const payload = example('issues', 'opened');
    delete payload.repository;
    await writeFile(path.join(repo, 'no-repo.json'), JSON.stringify(payload));
    fake.push(text('Noted.'));
    const result = await cli(['run', 'hello', '--cwd', repo, '--log-dir', logs, '--event', 'no-repo.json'], {
      env: { ...env, GITHUB_REPOSITORY: 'octo-org/demo' },
      cwd: repo,
    });
    expect(result.code).toBe(0);
    expect(firstUserText()).toContain('\nRepository: octo-org/demo\n');
  });

  it('--model replaces the agent’s model in the request, the envelope and the cost', async () => {
    fake.push(text('Hi.'));
    const result = await run('hello', '--model', 'anthropic/claude-opus-4-1', '--json');
    expect(fake.requests[0]?.body.model).toBe('claude-opus-4-1');
    // Opus 4.1: $15 in, $75 out per million tokens.
    expect(JSON.parse(result.stdout)).toMatchObject({ model: 'claude-opus-4-1', costUsd: expect.closeTo(0.00225, 10) as unknown });
  });

  it('--input reaches the model as fenced data', async () => {
    fake.push(text('Hi.'));
    expect((await run('hello', '--input', '{"issue": 12}')).code).toBe(0);
    expect(firstUserText()).toMatch(/field="inputs">\n\{"issue":12\}\n<\/untrusted/);
  });
});
