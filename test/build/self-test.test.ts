// CI's self-test job (.github/workflows/ci.yml), run here from the workflow file as the runner runs it:
// its `run:` steps with bash, `uses: ./` as the built action, each step's outputs into the next, on a
// real push and a real pull_request payload, against the fake GitHub. Editing the job is what this
// checks: a renamed output, a step or an expression the local runner cannot honour, a stalled step,
// a read the job's permissions do not grant, a check that passes when it should not.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { removeTempDirs, requireBuiltAction, ROOT, tempDir, WORKFLOW_SHA } from '../action/harness.js';
import { startFakeArtifacts } from '../fakes/artifacts.js';
import { startFakeGitHub } from '../fakes/github.js';
import { at } from '../trigger/examples.js';
import { callsBeyond, checkoutCopy, payloadFor, snapshot, stopped, treeOf } from './job-context.js';
import { actionInputs, createJob, readActionMetadata, runSteps, stopJob } from './job.js';
import { actionRefs, jobSteps, type Mapping, parseFileCommands, pinningProblems, readWorkflow, substitute, workflowFiles } from './workflow.js';

const CI = path.join(ROOT, '.github', 'workflows', 'ci.yml');
const JOB = 'self-test';

let checkout: string;

beforeAll(async () => {
  requireBuiltAction();
  checkout = await checkoutCopy();
});
afterAll(removeTempDirs);

describe('the workflows', () => {
  test(`ci.yml's ${JOB} job runs the action from this repository, on push and pull_request`, () => {
    const workflow = readWorkflow(CI);
    expect(workflow.events).toEqual(['push', 'pull_request']);
    expect(
      jobSteps(workflow, JOB)
        .filter((step) => step.uses === './')
        .map((step) => step.id),
    ).toEqual(['smoke']);
  });

  test('every action a workflow uses is pinned to a commit, its tag in a comment', () => {
    const files = workflowFiles(ROOT);
    expect(files).toContain(CI);
    for (const file of files) {
      const refs = actionRefs(file, readWorkflow(file).text);
      // Every `uses:` line of the file is one the check reads.
      expect(refs.length, file).toBe(readWorkflow(file).text.match(/^\s*(-\s+)?uses:/gm)?.length ?? 0);
      expect(pinningProblems(refs)).toEqual([]);
    }
  });

  test('the pinning check finds a tag, a branch, a short SHA and a SHA without its tag', () => {
    const sha = 'a'.repeat(40);
    const workflow = [
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      `      - uses: actions/setup-node@${sha}`,
      `      - uses: actions/cache@${sha} # the cache`,
      '      - uses: actions/upload-artifact@main # v4.0.0',
      '      - uses: ./',
      `      - uses: github/codeql-action/init@${sha} # v3.1.0`,
      '  call:',
      '    uses: octo/workflows/.github/workflows/ci.yml@abc1234 # v1',
    ].join('\n');
    expect(pinningProblems(actionRefs('x.yml', workflow))).toEqual([
      'x.yml jobs.build.steps[0] uses actions/checkout@v4: not pinned to a full commit SHA (owner/repo@<40 hex>)',
      `x.yml jobs.build.steps[1] uses actions/setup-node@${sha}: no '# vX.Y.Z' comment naming the tag it pins (found "")`,
      `x.yml jobs.build.steps[2] uses actions/cache@${sha}: no '# vX.Y.Z' comment naming the tag it pins (found "the cache")`,
      'x.yml jobs.build.steps[3] uses actions/upload-artifact@main: not pinned to a full commit SHA (owner/repo@<40 hex>)',
      'x.yml jobs.call uses octo/workflows/.github/workflows/ci.yml@abc1234: not pinned to a full commit SHA (owner/repo@<40 hex>)',
    ]);
  });
});

describe('the local runner', () => {
  test('evaluates steps.ID.outputs.NAME only, and refuses what it cannot evaluate', () => {
    const outputs = { model: { url: 'http://127.0.0.1:1234', state: '/tmp/x' } };
    expect(substitute('U=${{ steps.model.outputs.url }} S=${{steps.model.outputs.state}}', outputs, 'here')).toBe('U=http://127.0.0.1:1234 S=/tmp/x');
    expect(() => substitute('${{ github.ref }}', outputs, 'here')).toThrow(
      'here: ${{ github.ref }} is not an expression this test evaluates (only ${{ steps.ID.outputs.NAME }})',
    );
    expect(() => substitute("${{ steps.model.outputs.url || 'x' }}", outputs, 'here')).toThrow('is not an expression this test evaluates');
    expect(() => substitute('${{ steps.smoke.outputs.status }}', outputs, 'here')).toThrow("reads step 'smoke', which has not run (steps run: model)");
    expect(() => substitute('${{ steps.model.outputs.port }}', outputs, 'here')).toThrow(
      "reads an output step 'model' did not set (it set: url, state)",
    );
    expect(() => substitute('${{ steps.model.outputs.url', outputs, 'here')).toThrow('an unterminated expression');
  });

  test('reads GITHUB_OUTPUT as the runner does', () => {
    expect(parseFileCommands('url=http://h:1/a=b\nbody<<EOF\nline 1\nline 2\nEOF\nempty=\n')).toEqual({
      url: 'http://h:1/a=b',
      body: 'line 1\nline 2',
      empty: '',
    });
  });

  test('sets every input action.yml declares, and refuses one it does not', () => {
    const metadata = readActionMetadata();
    const inputs = actionInputs(metadata, { agent: 'smoke', 'dry-run': 'true' }, 'step');
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(metadata.inputs ?? {}).sort());
    expect(inputs).toMatchObject({ agent: 'smoke', 'dry-run': 'true', 'working-directory': '.', model: '', 'progress-details': 'auto' });
    expect(inputs['github-token']).toMatch(/^ghs_/);
    expect(() => actionInputs(metadata, { agent: 'smoke', dry_run: 'true' }, 'step')).toThrow('step: with dry_run, which action.yml does not declare');
    expect(() => actionInputs(metadata, {}, 'step')).toThrow('step: the required input agent is not given');
  });

  test("names the calls a job's permissions do not grant", () => {
    const calls = [
      'GET /repos/o/r/git/trees/abc',
      'GET /repos/o/r/pulls/2/files',
      'GET /repos/o/r/issues/2/comments',
      'POST /repos/o/r/issues/2/labels',
    ];
    expect(callsBeyond({ contents: 'read' }, calls)).toEqual([
      'GET /repos/o/r/pulls/2/files: needs pull-requests',
      'GET /repos/o/r/issues/2/comments: needs issues or pull-requests',
      'POST /repos/o/r/issues/2/labels: which permission it needs is not in PERMISSIONS',
    ]);
    expect(callsBeyond({ contents: 'read', 'pull-requests': 'none', issues: 'read' }, calls.slice(0, 3))).toEqual([
      'GET /repos/o/r/pulls/2/files: needs pull-requests',
    ]);
    expect(callsBeyond('read-all', calls.slice(0, 3))).toEqual([]);
  });
});

describe(`ci.yml's ${JOB} job, run here`, () => {
  const workflow = readWorkflow(CI);
  for (const eventName of workflow.events) {
    test(`on ${eventName}: the scripted model, the action from this repository and the check pass; the check fails on a wrong output`, async () => {
      const payload = payloadFor(eventName, workflow.on);
      const pull = payload.pull_request as Mapping | undefined;
      const github = await startFakeGitHub();
      const artifacts = await startFakeArtifacts();
      onTestFinished(async () => {
        await Promise.all([github.close(), artifacts.close()]);
      });
      const repo = github.seedFromPayload(payload).permission('Codertocat', 'admin');
      // On a pull request the action reads the agent from the base commit, through the git data API.
      if (pull) repo.tree(String(at(pull, 'base').sha), treeOf(checkout, '.flue'));
      const runnerTemp = await tempDir();
      const job = createJob({
        workflow,
        jobId: JOB,
        eventName,
        payload,
        workspace: checkout,
        runnerTemp,
        githubUrl: github.url,
        actionEnv: artifacts.env,
        // On a pull request, the merge commit GitHub made.
        sha: pull ? WORKFLOW_SHA : String(payload.after),
        ref: pull ? `refs/pull/${pull.number}/merge` : String(payload.ref),
      });
      onTestFinished(() => stopJob(job));
      const steps = jobSteps(workflow, JOB);
      const before = snapshot(checkout);

      const run = await runSteps(job, steps);

      const failed = run.steps.find((step) => step.code !== 0);
      expect(failed, failed && `${failed.step.where} exited ${failed.code}:\n${failed.stdout}\n${failed.stderr}`).toBeUndefined();
      // Every step ran, but checkout and setup-node, which the local runner stands in for.
      const ran = steps.filter((step) => step.run !== undefined || step.uses === './');
      expect(run.steps.map((step) => step.step.where)).toEqual(ran.map((step) => step.where));
      const model = run.outputs.model as Record<string, string>;
      expect(model).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), state: path.join(runnerTemp, 'scripted-model') });
      const smoke = run.outputs.smoke as Record<string, string>;
      expect(smoke).toEqual({
        status: 'succeeded',
        result: '{"runtime":"node24","entry":"dist/index.js"}',
        'cost-usd': expect.stringMatching(/^0\.\d+$/),
        turns: '4',
        'session-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'log-file': expect.stringMatching(/\.jsonl$/),
        'report-file': expect.stringMatching(/\.html$/),
      });
      expect(smoke['log-file']?.startsWith(runnerTemp)).toBe(true);
      const action = run.steps.find((step) => step.step.uses === './');
      expect(action?.stderr).toBe('');
      expect(action?.stdout).toContain(`agent 'smoke' on ${eventName}`);
      expect(action?.stdout).toContain('Outputs (dry run: nothing was posted):');
      if (pull) expect(action?.stdout).toContain(`Agent definitions read from the base commit ${at(pull, 'base').sha}`);
      expect(action?.action?.post).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(artifacts.uploads.map((upload) => upload.name)).toEqual([`flue-self-test-${JOB}-1-${smoke['session-id']?.slice(0, 8)}`]);
      // Nothing posted, nothing read beyond the job's `permissions:`, nothing written to the checkout.
      expect(github.calls().filter((call) => !call.startsWith('GET '))).toEqual([]);
      expect(callsBeyond(workflow.jobs[JOB]?.permissions, github.calls())).toEqual([]);
      expect(snapshot(checkout)).toEqual(before);
      expect(run.steps.at(-1)?.stdout).toBe(
        `The action ran agent 'smoke' on this ${eventName} event: 4 turns, outputs proposed and not posted, log and report written.\n`,
      );

      // The check can fail: the steps after the action's again, with one output wrong.
      const after = steps.slice(steps.findIndex((step) => step.uses === './') + 1);
      const check = async (wrong: Record<string, string>) => {
        const rerun = await runSteps(job, after, { ...run.outputs, smoke: { ...smoke, ...wrong } });
        expect(rerun.succeeded).toBe(false);
        return rerun.steps.at(-1)?.stdout;
      };
      expect(await check({ status: 'failed' })).toBe('::error title=self-test::status is "failed", not "succeeded"\n');
      expect(await check({ turns: '5' })).toBe(
        '::error title=self-test::turns is "5", not "4"\n::error title=self-test::the scripted model answered 4 requests, and the action says 5 turns\n',
      );

      // The scripted model, started in the background, ends with the job.
      stopJob(job);
      expect(await stopped(model.url as string)).toBe(true);
    });
  }
});
