/**
 * The steps the triage and ci-explainer workflows run before the flue-action step, as GitHub's runner runs
 * them (`bash -e`, the step's `env:` with its expressions resolved), with a stand-in `gh` first on PATH:
 * it records its arguments, prints what GitHub would, and hands `--jq` to the real jq, as gh does with its
 * built-in jq. They write the file the agent reads, and a failed download stops the job before the agent.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { githubEvent } from './events.js';
import { templateFile, type TemplateName } from './templates.js';

afterEach(removeTempDirs);

const hasJq = await promisify(execFile)('jq', ['--version']).then(
  () => true,
  () => false,
);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

/** The `run:` steps before the flue-action step. */
function stepsBefore(name: TemplateName): Step[] {
  const jobs = (parse(templateFile(name, 'github/workflow.yml')) as { jobs: Record<string, { steps: Step[] }> }).jobs;
  const steps = Object.values(jobs)[0]?.steps ?? [];
  const flue = steps.findIndex((step) => step.uses?.includes('/flue-action@'));
  return steps.slice(0, flue).filter((step) => step.run !== undefined);
}

/** `${{ ... }}` in a step's env, from the event the workflow runs on; an expression the test does not know fails it. */
function resolve(value: string, payload: Record<string, unknown>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_match, expression: string) => {
    if (expression === 'github.token') return 'ghs_step_test_token';
    const match = /^github\.event\.(.+)$/.exec(expression);
    if (!match?.[1]) throw new Error(`unknown expression ${expression}`);
    let at: unknown = payload;
    for (const key of match[1].split('.')) at = (at as Record<string, unknown>)[key];
    if (at === undefined) throw new Error(`${expression} is not in the event`);
    return String(at);
  });
}

/** A `gh` that logs its argv (one JSON line a call) and answers from files the test wrote. */
async function fakeGh(answers: { issues?: string; log?: string; exit?: number }): Promise<{ bin: string; calls: () => string[][] }> {
  const bin = await makeTempDir({}, 'flue-fake-gh-');
  const record = path.join(bin, 'calls.jsonl');
  writeFileSync(path.join(bin, 'issues.json'), answers.issues ?? '[]');
  writeFileSync(path.join(bin, 'log.txt'), answers.log ?? '');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify(args) + '\\n');
if (!process.env.GH_TOKEN) { console.error('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.'); process.exit(4); }
if (${answers.exit ?? 0} !== 0) { console.error('HTTP 403: Resource not accessible by integration'); process.exit(${answers.exit ?? 0}); }
if (args[0] === 'issue' && args[1] === 'list') {
  const json = fs.readFileSync(${JSON.stringify(path.join(bin, 'issues.json'))}, 'utf8');
  const jq = args[args.indexOf('--jq') + 1];
  process.stdout.write(args.includes('--jq') ? execFileSync('jq', ['-r', jq], { input: json }) : json);
} else if (args[0] === 'run' && args[1] === 'view') {
  process.stdout.write(fs.readFileSync(${JSON.stringify(path.join(bin, 'log.txt'))}));
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

/** Runs the template's pre-flue steps in a fresh workspace as GitHub does: `bash -e {0}` per step. */
async function runSteps(name: TemplateName, gh: { bin: string }) {
  const { payload } = githubEvent(name);
  const workspace = await makeTempDir({}, 'flue-steps-');
  const outcomes: Array<{ name: string; code: number; stderr: string }> = [];
  for (const step of stepsBefore(name)) {
    const env: Record<string, string> = { PATH: `${gh.bin}:${process.env.PATH}`, GITHUB_REPOSITORY: 'Codertocat/Hello-World' };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = resolve(value, payload);
    const code = await promisify(execFile)('bash', ['-e', '-c', step.run ?? ''], { cwd: workspace, env }).then(
      () => 0,
      (error: { code: number; stderr: string }) => {
        outcomes.push({ name: step.name ?? '', code: error.code, stderr: error.stderr });
        return error.code;
      },
    );
    if (code === 0) outcomes.push({ name: step.name ?? '', code, stderr: '' });
  }
  return { workspace, outcomes, payload };
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
    expect(outcomes).toEqual([{ name: 'List recent issues for the duplicate check', code: 0, stderr: '' }]);
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
    expect(outcomes).toEqual([{ name: "Download the failed jobs' log", code: 1, stderr: expect.stringContaining('HTTP 403') }]);
  });
});
