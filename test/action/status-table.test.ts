// Every terminal path of the built action, in one table: the `status` output, the step's exit code, the
// job summary's heading and the session log's `end` event say the same thing (issue 11, item 6). The
// exit codes are the CLI's (src/session-log/status.ts STATUS_EXIT_CODE): 0 succeeded or skipped, 1 failed,
// 3 budget_exhausted, 4 cancelled. Then report files a full disk refused (item 5): a warning naming the
// file, the run's true status kept.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { apiError, hang, startFakeAnthropic, text, toolUse, type FakeAnthropic, type FakeTurn } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import {
  commands,
  READER_AGENT,
  removeTempDirs,
  requireBuiltAction,
  runAction,
  signalDuringModelCall,
  tempDir,
  type ActionRun,
  type ActionRunOptions,
} from './harness.js';

/** No add_comment: the progress comment may not quote GitHub's or the model's words for it. */
const LABELER_AGENT = `---
description: Label the issue
tools: [read]
outputs:
  add_labels: { allowed: [bug] }
---
Label the issue.
`;

const API = '/repos/Codertocat/Hello-World';
const FS_FAULTS = fileURLToPath(new URL('./fs-faults.mjs', import.meta.url));

let github: FakeGitHub;
let model: FakeAnthropic | undefined;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/reader.md': READER_AGENT, '.flue/agents/labeler.md': LABELER_AGENT, 'README.md': '# Hello-World\n' });
});
afterAll(removeTempDirs);
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
  await model?.close();
  model = undefined;
});

interface Path {
  turns: FakeTurn[];
  inputs?: Record<string, string>;
  /** Default: issues.opened by a writer. */
  event?: { name: string; payload: Record<string, unknown> };
  setup?: () => void;
  run?: Partial<ActionRunOptions>;
}

async function runPath(path: Path): Promise<ActionRun> {
  const event = path.event ?? { name: 'issues', payload: example('issues', 'opened') };
  github.seedFromPayload(event.payload).permission('Codertocat', 'write');
  path.setup?.();
  model = await startFakeAnthropic({ turns: path.turns });
  return runAction({
    eventName: event.name,
    payload: event.payload,
    inputs: { agent: 'reader', 'progress-comment': 'false', ...path.inputs },
    workspace,
    githubUrl: github.url,
    anthropicUrl: model.url,
    ...path.run,
  });
}

/** The last line of the session log, parsed. */
function endEvent(run: ActionRun): { type: string; status: string; reason?: string } {
  const lines = readFileSync(run.outputs['log-file'] as string, 'utf8')
    .trim()
    .split('\n');
  return JSON.parse(lines.at(-1) as string);
}

/** The four places a status shows agree; a failing step says why in exactly one error annotation. */
function expectAgreement(run: ActionRun, status: string, code: number, agent = 'reader'): void {
  expect({ code: run.main.code, status: run.outputs.status, end: endEvent(run).type, endStatus: endEvent(run).status }).toEqual({
    code,
    status,
    end: 'end',
    endStatus: status,
  });
  expect(run.summary).toContain(`flue · ${agent}: ${status.replace('_', '\\_')}\n`);
  const errors = commands(run.main.stdout, 'error');
  if (code === 0) expect(errors).toEqual([]);
  else expect(errors.at(-1)).toMatch(new RegExp(`^Agent '${agent}' (failed|ran out of budget|was cancelled)`));
}

/** Warnings but the one every run here gives: no artifact service outside GitHub. */
function warnings(run: ActionRun): string[] {
  return commands(run.main.stdout, 'warning').filter((line) => !line.startsWith('Could not upload the session log as artifact'));
}

function dispatchPayload() {
  const payload = example('workflow_dispatch');
  at(payload, 'sender').login = 'Codertocat';
  return payload;
}

describe('every terminal path: status output = exit code = summary = log end event', () => {
  test('succeeded: exit 0', async () => {
    const run = await runPath({ turns: [text('All good.')], inputs: { 'dry-run': 'true' } });
    expectAgreement(run, 'succeeded', 0);
  });

  test('skipped by the gate (a comment without the trigger phrase): exit 0', async () => {
    const payload = example('issue_comment', 'created');
    at(payload, 'comment').body = 'Thanks, looks fine.';
    const run = await runPath({ turns: [], event: { name: 'issue_comment', payload } });
    expectAgreement(run, 'skipped', 0);
    expect(model?.requests).toEqual([]);
  });

  test('budget_exhausted at max-turns: exit 3; with fail-on-budget: false, exit 0 and a warning', async () => {
    const turns = [toolUse('read', { path: 'README.md' })];
    expectAgreement(await runPath({ turns, inputs: { 'max-turns': '1', 'dry-run': 'true' } }), 'budget_exhausted', 3);
    await model?.close();
    const passing = await runPath({ turns, inputs: { 'max-turns': '1', 'dry-run': 'true', 'fail-on-budget': 'false' } });
    expectAgreement(passing, 'budget_exhausted', 0);
    expect(warnings(passing)).toEqual([expect.stringContaining('fail-on-budget is false: the step passes')]);
  });

  test('a timeout (timeout-minutes) is budget_exhausted, not failed: exit 3, the limit named', async () => {
    const run = await runPath({ turns: [hang()], inputs: { 'timeout-minutes': '0.02', 'dry-run': 'true' } });
    expectAgreement(run, 'budget_exhausted', 3);
    expect(endEvent(run).reason).toBe('timed out after 0.02 minutes (timeout-minutes)');
  });

  test('cancelled (SIGINT): exit 4', async () => {
    const run = await runPath({ turns: [hang()], inputs: { 'dry-run': 'true' }, run: { during: signalDuringModelCall('SIGINT') } });
    expectAgreement(run, 'cancelled', 4);
  });

  test('failed on a model error: exit 1', async () => {
    const run = await runPath({ turns: [apiError(400, 'prompt is too long')], inputs: { 'dry-run': 'true' } });
    expectAgreement(run, 'failed', 1);
    expect(endEvent(run).reason).toContain('prompt is too long');
  });

  test('failed when GitHub refuses an output: exit 1, the status output and the log say failed too', async () => {
    const run = await runPath({
      turns: [toolUse('add_comment', { body: 'Triaged.' }), text('Done.')],
      setup: () => github.fail(`POST ${API}/issues/1/comments`, { status: 403 }),
    });
    expectAgreement(run, 'failed', 1);
    expect(endEvent(run).reason).toMatch(/^1 output could not be applied: .*Resource not accessible by integration/);
    const message = endEvent(run).reason?.replace('1 output could not be applied: ', '');
    expect(commands(run.main.stdout, 'error')).toEqual([
      `Output add_comment was not applied: ${message}`,
      `Agent 'reader' failed: 1 output could not be applied: ${message}`,
    ]);
  });

  test('failed when GitHub refuses a label: the progress comment says failed too, without GitHub’s words', async () => {
    const run = await runPath({
      turns: [toolUse('add_labels', { labels: ['bug'] }), text('Labelled.')],
      inputs: { agent: 'labeler', 'progress-comment': 'true' },
      setup: () => github.fail(`POST ${API}/issues/1/labels`, { status: 403 }),
    });
    expectAgreement(run, 'failed', 1, 'labeler');
    const comment = github.repo('Codertocat/Hello-World').comments(1)[0]?.body ?? 'no progress comment';
    expect(comment).toContain('❌ **failed**: an output could not be applied (the session log says why)');
    expect(comment).not.toContain('Resource not accessible');
  });

  test('failed when a workflow_dispatch run has nothing to post on: exit 1, not a succeeded status', async () => {
    const run = await runPath({
      turns: [toolUse('add_comment', { body: 'Notes drafted.' }), text('Done.')],
      event: { name: 'workflow_dispatch', payload: dispatchPayload() },
    });
    expectAgreement(run, 'failed', 1);
    expect(endEvent(run).reason).toContain("event 'workflow_dispatch' names no issue or pull request, so there is nothing to post on");
  });
});

describe('a full disk (ENOSPC injected at the fs boundary of the built action)', () => {
  test('the HTML report cannot be written: the run keeps its status, a warning names the file, no partial file is left', async () => {
    const run = await runPath({
      turns: [text('All good.')],
      inputs: { 'dry-run': 'true' },
      run: { nodeArgs: ['--import', `${FS_FAULTS}?report`] },
    });
    expectAgreement(run, 'succeeded', 0);
    const report = (run.outputs['log-file'] as string).replace(/\.jsonl$/, '.html');
    const warning = `The HTML report ${report} was not written: ENOSPC: no space left on device, write. The session log ${run.outputs['log-file']} holds the run.`;
    expect(warnings(run)).toEqual([warning]);
    expect(run.outputs['report-file']).toBe('');
    expect(existsSync(report)).toBe(false);
    expect(run.summary).toContain('> ⚠️ The HTML report ');
  });

  test('the session log cannot be written to the end: a warning and a summary line say so; the status stays true', async () => {
    const run = await runPath({
      turns: [toolUse('read', { path: 'README.md' }), text('All good.')],
      inputs: { 'dry-run': 'true' },
      run: { nodeArgs: ['--import', `${FS_FAULTS}?log`] },
    });
    expect(run.main.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    // The summary's heading is the run's status, not the "unfinished" a log without an end event reads as.
    expect(run.summary).toMatch(/^## ✅ flue · reader: succeeded\n/);
    const log = run.outputs['log-file'] as string;
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(3);
    const warning = `The session log ${log} is incomplete: writing it failed (ENOSPC: no space left on device, write), so the events after that are missing from it and from the reports made from it.`;
    expect(warnings(run)).toEqual([warning]);
    expect(run.summary).toContain('> ⚠️ The session log ');
    expect(run.summary).toContain('is incomplete: writing it failed (ENOSPC: no space left on device, write)');
  });

  test('the job summary cannot be written: the run keeps its status, a warning names the file', async () => {
    const run = await runPath({
      turns: [text('All good.')],
      inputs: { 'dry-run': 'true' },
      run: { nodeArgs: ['--import', `${FS_FAULTS}?summary`] },
    });
    expect({ code: run.main.code, status: run.outputs.status, summary: run.summary }).toEqual({ code: 0, status: 'succeeded', summary: '' });
    expect(endEvent(run)).toMatchObject({ type: 'end', status: 'succeeded' });
    expect(warnings(run)).toEqual([
      expect.stringMatching(/^The job summary \(\/.+\/summary\) was not written: ENOSPC: no space left on device, write$/),
    ]);
    expect(existsSync(run.outputs['report-file'] as string)).toBe(true);
  });
});
