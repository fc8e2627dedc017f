import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hang, startFakeAnthropic, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { example } from '../trigger/examples.js';
import {
  commands,
  READER_AGENT,
  removeTempDirs,
  requireBuiltAction,
  runAction,
  signalDuringModelCall,
  tempDir,
  type ActionRunOptions,
} from './harness.js';

const API = '/repos/Codertocat/Hello-World';
const payload = example('issues', 'opened');

let github: FakeGitHub;
let model: FakeAnthropic;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/reader.md': READER_AGENT, 'README.md': '# Hello-World\n' });
});
afterAll(removeTempDirs);
beforeEach(async () => {
  github = await startFakeGitHub();
  github.seedFromPayload(payload).permission('Codertocat', 'write');
});
afterEach(async () => {
  await github.close();
  await model.close();
});

function run(inputs: Record<string, string>, extra: Partial<ActionRunOptions> = {}) {
  return runAction({
    eventName: 'issues',
    payload,
    inputs: { agent: 'reader', ...inputs },
    workspace,
    githubUrl: github.url,
    anthropicUrl: model.url,
    ...extra,
  });
}

describe('inputs, budget, cancellation', () => {
  test('an invalid input fails the step before any API or model call, naming the input', async () => {
    model = await startFakeAnthropic();
    const result = await run({ 'max-turns': 'abc' });
    expect(result.main.code).toBe(1);
    expect(commands(result.main.stdout, 'error')).toEqual(["Invalid max-turns 'abc'. Expected a positive whole number."]);
    // Its stack, for a run with step debug logging on (the runner shows ::debug:: lines only then).
    const [debug] = commands(result.main.stdout, 'debug').filter((line) => line.startsWith('InputError'));
    expect(debug?.split('%0A')[0]).toBe("InputError: Invalid max-turns 'abc'. Expected a positive whole number.");
    expect(debug?.split('%0A')[1]).toMatch(/^ {4}at /);
    expect(result.outputs).toEqual({ status: 'failed' });
    expect(github.calls()).toEqual([]);
    expect(model.requests).toEqual([]);
  });

  test('budget_exhausted fails the step by default, naming the inputs that raise the limit', async () => {
    model = await startFakeAnthropic({ turns: [toolUse('read', { path: 'README.md' })] });
    const result = await run({ 'max-turns': '1', 'dry-run': 'true' });
    // The CLI's code for budget_exhausted (README "Exit codes"): any non-zero code fails the step.
    expect(result.main.code).toBe(3);
    expect(result.outputs).toMatchObject({ status: 'budget_exhausted', turns: '1' });
    expect(commands(result.main.stdout, 'error')).toEqual([
      expect.stringMatching(
        /^Agent 'reader' ran out of budget: .+\. Raise max-turns, max-cost-usd or timeout-minutes, or set fail-on-budget: false\.$/,
      ),
    ]);
  });

  test('fail-on-budget: false lets an exhausted run pass, with a warning', async () => {
    model = await startFakeAnthropic({ turns: [toolUse('read', { path: 'README.md' })] });
    const result = await run({ 'max-turns': '1', 'dry-run': 'true', 'fail-on-budget': 'false' });
    expect(result.main.code).toBe(0);
    expect(result.outputs.status).toBe('budget_exhausted');
    expect(commands(result.main.stdout, 'error')).toEqual([]);
    expect(commands(result.main.stdout, 'warning')).toContainEqual(
      expect.stringMatching(/^Agent 'reader' ran out of budget: .+ \(fail-on-budget is false: the step passes\)\.$/),
    );
  });

  test('SIGINT (job cancelled) stops the agent: cancelled, step failed, comment finished; the post step has nothing left to do', async () => {
    model = await startFakeAnthropic({ turns: [hang()] });
    const result = await run({}, { during: signalDuringModelCall('SIGINT'), post: true });
    expect(result.main.code).toBe(4);
    expect(result.outputs.status).toBe('cancelled');
    expect(commands(result.main.stdout, 'error')).toEqual(["Agent 'reader' was cancelled: the run was cancelled"]);
    expect(commands(result.main.stdout, 'warning')).toEqual([
      'Received SIGINT: the job was cancelled or timed out. Stopping the agent and uploading its session log.',
      expect.stringMatching(/^Could not upload the session log as artifact 'flue-session-triage-1-[0-9a-f]{8}'/),
    ]);
    expect(github.calls()).toEqual([
      `GET ${API}/collaborators/Codertocat/permission`,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    expect(github.repo('Codertocat/Hello-World').comments(1)[0]?.body).toContain('🚫 **cancelled**');
    expect(result.state.finished).toBe('true');
    expect(result.post).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('a killed main step leaves its log; the post step renders its report and summary and uploads it', async () => {
    model = await startFakeAnthropic({ turns: [hang()] });
    const result = await run({ 'dry-run': 'true' }, { during: signalDuringModelCall('SIGKILL'), post: true });
    expect(result.main.code).toBe('SIGKILL');
    expect(result.state).toEqual({ 'log-dir': expect.any(String), 'artifact-prefix': 'flue-session' });
    const logDir = result.state['log-dir'] as string;
    const files = readdirSync(logDir).sort();
    // The seal (src/session-log/seal.ts) is written beside the log when it is uploaded.
    expect(files).toEqual([
      expect.stringMatching(/^reader-.+\.html$/),
      expect.stringMatching(/^reader-.+\.jsonl$/),
      expect.stringMatching(/^reader-.+\.seal$/),
    ]);
    expect(existsSync(path.join(logDir, files[0] as string))).toBe(true);
    expect(result.post?.code).toBe(0);
    expect(result.post?.stdout).toContain('The main step did not finish (cancelled, timed out or killed): uploading the session log it left.');
    expect(commands(result.post?.stdout ?? '', 'warning')).toEqual([
      expect.stringMatching(/^Could not upload the session log as artifact 'flue-session-triage-1-[0-9a-f]{8}'/),
    ]);
    expect(result.postSummary).toContain('## ⚠️ flue · reader: unfinished');
  });
});
