/**
 * The steps the workflows run before the flue-action step, as GitHub's runner runs them: each step's `if:`
 * evaluated, `bash -e` with the step's `env:` resolved, its `$GITHUB_OUTPUT` read back for the next steps,
 * a failed step ending the job unless it may fail (`continue-on-error`), and actions/checkout's `ref:`
 * evaluated with what the steps before it wrote. A stand-in `gh` is first on PATH: it records its
 * arguments, prints what GitHub would, and hands `--jq` to the real jq, as gh does with its built-in jq.
 * triage and ci-explainer write the file the agent reads (a failed download stops the job before the
 * agent); mention checks out a pull request's head commit, never a fork's.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { at, example } from '../trigger/examples.js';
import { githubEvent } from './events.js';
import { type Context, condition, evaluate, interpolate } from './expressions.js';
import { templateFile, type TemplateName } from './templates.js';

afterEach(removeTempDirs);

const hasJq = await promisify(execFile)('jq', ['--version']).then(
  () => true,
  () => false,
);

/** GITHUB_REPOSITORY in these runs: the repository of GitHub's webhook examples. */
const REPOSITORY = 'Codertocat/Hello-World';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

/** The template's one job. */
function job(name: TemplateName): { if?: string; steps: Step[] } {
  const jobs = (parse(templateFile(name, 'github/workflow.yml')) as { jobs: Record<string, { if?: string; steps: Step[] }> }).jobs;
  const found = Object.values(jobs)[0];
  if (found === undefined) throw new Error(`${name}'s workflow has no job`);
  return found;
}

/** The steps before the flue-action step. */
function stepsBefore(name: TemplateName): Step[] {
  const { steps } = job(name);
  return steps.slice(
    0,
    steps.findIndex((step) => step.uses?.includes('/flue-action@')),
  );
}

/** What the templates' expressions read, for a run on `event`. */
function context(event: { eventName: string; payload: Record<string, unknown> }, steps: Record<string, unknown> = {}): Context {
  return { github: { event: event.payload, event_name: event.eventName, repository: REPOSITORY, token: 'ghs_step_test_token' }, steps };
}

/** A step's `env:` value; an expression that finds nothing fails the test (a misspelt field would pass empty). */
function resolve(value: string, at: Context): string {
  return value.replace(/\$\{\{([^}]+?)\}\}/g, (_match, expression: string) => {
    const found = evaluate(expression, at);
    if (found === null) throw new Error(`${expression.trim()} is not in the event`);
    return String(found);
  });
}

/** A `gh` that logs its argv (one JSON line a call) and answers from files the test wrote. */
async function fakeGh(answers: {
  issues?: string;
  log?: string;
  api?: Record<string, unknown>;
  exit?: number;
}): Promise<{ bin: string; calls: () => string[][] }> {
  const bin = await makeTempDir({}, 'flue-fake-gh-');
  const record = path.join(bin, 'calls.jsonl');
  writeFileSync(path.join(bin, 'issues.json'), answers.issues ?? '[]');
  writeFileSync(path.join(bin, 'log.txt'), answers.log ?? '');
  writeFileSync(path.join(bin, 'api.json'), JSON.stringify(answers.api ?? {}));
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify(args) + '\\n');
if (!process.env.GH_TOKEN) { console.error('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.'); process.exit(4); }
if (${answers.exit ?? 0} !== 0) { console.error('HTTP 403: Resource not accessible by integration'); process.exit(${answers.exit ?? 0}); }
const jq = (json) => (args.includes('--jq') ? execFileSync('jq', ['-r', args[args.indexOf('--jq') + 1]], { input: json }) : json);
if (args[0] === 'issue' && args[1] === 'list') {
  process.stdout.write(jq(fs.readFileSync(${JSON.stringify(path.join(bin, 'issues.json'))}, 'utf8')));
} else if (args[0] === 'run' && args[1] === 'view') {
  process.stdout.write(fs.readFileSync(${JSON.stringify(path.join(bin, 'log.txt'))}));
} else if (args[0] === 'api') {
  const answer = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(bin, 'api.json'))}, 'utf8'))[args[1]];
  if (answer === undefined) { console.error('gh: Not Found (HTTP 404)'); process.exit(1); }
  process.stdout.write(jq(JSON.stringify(answer)));
} else process.exit(1);
`;
  writeFileSync(path.join(bin, 'gh'), script);
  chmodSync(path.join(bin, 'gh'), 0o755);
  return {
    bin,
    calls: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}

interface Outcome {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

/** `$GITHUB_OUTPUT` as a step left it: `name=value` lines (the multiline `name<<EOF` form is not used here). */
function readOutputs(file: string, where: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const match = /^([\w-]+)=(.*)$/.exec(line);
    if (match?.[1] === undefined) throw new Error(`${where} wrote an output this test cannot read: ${line}`);
    outputs[match[1]] = match[2] ?? '';
  }
  return outputs;
}

/**
 * Runs the template's steps before the flue-action step in a fresh workspace, as GitHub does: `bash -e {0}`
 * per step. `checkout` is the `ref:` actions/checkout was given ('' is its default), undefined when the job
 * ended before it.
 */
async function runSteps(name: TemplateName, gh: { bin: string }, event = githubEvent(name)) {
  const workspace = await makeTempDir({}, 'flue-steps-');
  const outcomes: Outcome[] = [];
  const skipped: string[] = [];
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  let checkout: string | undefined;
  for (const [index, step] of stepsBefore(name).entries()) {
    const label = step.name ?? step.uses ?? String(index);
    if (step.if !== undefined && !condition(step.if, context(event, steps))) {
      skipped.push(label);
      continue;
    }
    if (step.uses?.startsWith('actions/checkout@')) {
      checkout = interpolate(step.with?.ref ?? '', context(event, steps));
      continue;
    }
    if (step.run === undefined) throw new Error(`${name}: step ${label} neither runs a script nor checks out`);
    const output = path.join(workspace, `.github-output-${index}`);
    writeFileSync(output, '');
    const env: Record<string, string> = { PATH: `${gh.bin}:${process.env.PATH}`, GITHUB_REPOSITORY: REPOSITORY, GITHUB_OUTPUT: output };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = resolve(value, context(event, steps));
    // --norc: bash reads ~/.bashrc when its stdin is a socket (as node's pipes are); GitHub's runner gives it none.
    const outcome = await promisify(execFile)('bash', ['--norc', '-e', '-c', step.run], { cwd: workspace, env }).then(
      ({ stdout, stderr }) => ({ name: label, code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ name: label, code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    outcomes.push(outcome);
    if (step.id !== undefined) steps[step.id] = { outputs: readOutputs(output, `${name}: step ${label}`) };
    if (outcome.code !== 0 && step['continue-on-error'] !== true) break;
  }
  return { workspace, outcomes, skipped, checkout, payload: event.payload };
}

describe.skipIf(!hasJq)("the workflows' own steps, with a stand-in gh", () => {
  test('triage: the recent issues, the issue itself left out, one line each', async () => {
    const gh = await fakeGh({
      issues: JSON.stringify([
        { number: 1, state: 'OPEN', title: 'Spelling error in the README file' },
        { number: 7, state: 'CLOSED', title: 'Typo in the "contributing" steps' },
        { number: 5, state: 'OPEN', title: 'Add a license' },
      ]),
    });
    const { workspace, outcomes } = await runSteps('triage', gh);
    expect(outcomes).toEqual([{ name: 'List recent issues for the duplicate check', code: 0, stdout: '', stderr: '' }]);
    expect(gh.calls()).toEqual([
      [
        'issue',
        'list',
        '--repo',
        'Codertocat/Hello-World',
        '--state',
        'all',
        '--limit',
        '100',
        '--json',
        'number,state,title',
        '--jq',
        expect.any(String),
      ],
    ]);
    expect(readFileSync(path.join(workspace, '.flue-context/recent-issues.txt'), 'utf8')).toBe(
      '#7 [closed] Typo in the "contributing" steps\n#5 [open] Add a license\n',
    );
  });

  test('ci-explainer: the failed jobs log of the run the event names, its last 4000 lines', async () => {
    const lines = Array.from({ length: 4500 }, (_, index) => `test\tRun npm test\tline ${index + 1}`);
    const gh = await fakeGh({ log: `${lines.join('\n')}\n` });
    const { workspace, outcomes, payload } = await runSteps('ci-explainer', gh);
    expect(outcomes.map((outcome) => outcome.code)).toEqual([0]);
    expect(gh.calls()).toEqual([
      ['run', 'view', String((payload.workflow_run as { id: number }).id), '--repo', 'Codertocat/Hello-World', '--log-failed'],
    ]);
    const saved = readFileSync(path.join(workspace, '.flue-context/failed-jobs.log'), 'utf8').trimEnd().split('\n');
    expect(saved).toHaveLength(4000);
    expect(saved[0]).toBe('test\tRun npm test\tline 501');
    expect(saved.at(-1)).toBe('test\tRun npm test\tline 4500');
  });

  test('ci-explainer: a log gh cannot download fails the step, so the agent never runs (pipefail: tail would hide it)', async () => {
    const gh = await fakeGh({ exit: 1 });
    const { outcomes } = await runSteps('ci-explainer', gh);
    expect(outcomes).toEqual([{ name: "Download the failed jobs' log", code: 1, stdout: '', stderr: expect.stringContaining('HTTP 403') }]);
  });
});

/** GitHub's comment example, moved to pull request #2 as the issues API shows one (`issue.pull_request` set). */
function commentOnPullRequest(): { eventName: string; payload: Record<string, unknown> } {
  const event = githubEvent('mention');
  Object.assign(at(event.payload, 'issue'), { number: 2, pull_request: { url: `https://api.github.com/repos/${REPOSITORY}/pulls/2` } });
  return event;
}

/** GitHub's review comment example (on pull request #2), asking @flue. */
function reviewComment(): { eventName: string; payload: Record<string, unknown> } {
  const payload = example('pull_request_review_comment', 'created');
  at(payload, 'comment').body = '@flue why is this line needed?';
  return { eventName: 'pull_request_review_comment', payload };
}

/** What `GET /repos/{owner}/{repo}/pulls/2` answers: the pull request of GitHub's pull_request example. */
const PULL = `repos/${REPOSITORY}/pulls/2`;
const pullRequest = () => at(example('pull_request', 'opened'), 'pull_request');
const HEAD_SHA = String(at(pullRequest(), 'head').sha);
const STEP = "Find the pull request's head commit";

describe.skipIf(!hasJq)('mention: the commit it checks out, never a fork’s', () => {
  test('a comment on a pull request of this repository: its head commit, asked of GitHub', async () => {
    const gh = await fakeGh({ api: { [PULL]: pullRequest() } });
    const { outcomes, checkout } = await runSteps('mention', gh, commentOnPullRequest());
    expect(outcomes.map((outcome) => [outcome.name, outcome.code, outcome.stdout])).toEqual([[STEP, 0, '']]);
    expect(gh.calls()).toEqual([['api', PULL, '--jq', expect.any(String)]]);
    expect(HEAD_SHA).toMatch(/^[0-9a-f]{40}$/);
    expect(checkout).toBe(HEAD_SHA);
  });

  test.each([
    ['from a fork', (pull: Record<string, unknown>) => (at(pull, 'head', 'repo').full_name = 'mallory/Hello-World')],
    ['from a deleted fork (head.repo null)', (pull: Record<string, unknown>) => (at(pull, 'head').repo = null)],
  ])('a comment on a pull request %s: actions/checkout gets no ref (the default branch), and a notice says why', async (_from, fork) => {
    const pull = pullRequest();
    fork(pull);
    const gh = await fakeGh({ api: { [PULL]: pull } });
    const { outcomes, checkout } = await runSteps('mention', gh, commentOnPullRequest());
    expect(outcomes).toEqual([
      {
        name: STEP,
        code: 0,
        stdout: '::notice::Pull request #2 comes from a fork: its code is not checked out, the agent reads the default branch.\n',
        stderr: '',
      },
    ]);
    expect(checkout).toBe('');
  });

  test('a comment on an issue: the step does not run (its if:), nothing is asked, the default checkout', async () => {
    const gh = await fakeGh({ api: { [PULL]: pullRequest() } });
    const { outcomes, skipped, checkout } = await runSteps('mention', gh);
    expect([outcomes, skipped, gh.calls(), checkout]).toEqual([[], [STEP], [], '']);
  });

  // Failing, not falling back to the default branch: the answer would be about the default branch's code
  // while the person asked about the pull request's, and nothing would tell them. A re-run usually passes.
  test('gh cannot read the pull request: the step fails naming the call, and the job ends before the checkout and the agent', async () => {
    const gh = await fakeGh({ exit: 1 });
    const { outcomes, checkout } = await runSteps('mention', gh, commentOnPullRequest());
    expect(outcomes).toEqual([
      {
        name: STEP,
        code: 1,
        stdout: `::error::Cannot read pull request #2 (gh api ${PULL}), so its head commit is unknown. Re-run the job.\n`,
        stderr: expect.stringContaining('HTTP 403'),
      },
    ]);
    expect(checkout).toBeUndefined();
  });

  test('a review comment: the head commit the event names, nothing asked', async () => {
    const gh = await fakeGh({});
    const event = reviewComment();
    expect(condition(job('mention').if ?? '', context(event))).toBe(true);
    const { outcomes, skipped, checkout } = await runSteps('mention', gh, event);
    expect([outcomes, skipped, gh.calls()]).toEqual([[], [STEP], []]);
    expect(checkout).toBe(HEAD_SHA);
  });

  test("a review comment on a fork's pull request: the job is skipped, and its checkout alone would not take the fork's head either", async () => {
    const gh = await fakeGh({});
    const event = reviewComment();
    at(event.payload, 'pull_request', 'head', 'repo').full_name = 'mallory/Hello-World';
    expect(condition(job('mention').if ?? '', context(event))).toBe(false);
    const { checkout } = await runSteps('mention', gh, event);
    expect(checkout).toBe('');
  });
});
