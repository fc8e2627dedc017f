/**
 * Each template end to end through the built action (dist/index.js, as the runner starts it on node24)
 * against the fake GitHub, on the event its workflow listens to (GitHub's webhook examples) and with the
 * inputs its workflow gives: the template's scripted session is served by the fake Anthropic API, turn for
 * turn. What the template promises lands: labels and a comment, a review with its inline comment, a comment
 * on the failed run's pull request, an answer; and on these public repositories no cost or JSON result.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import { removeTempDirs, requireBuiltAction, runAction, tempDir, WORKFLOW_SHA } from '../action/harness.js';
import { execFileSync } from 'node:child_process';
import { gitData } from '../fakes/github-git.js';
import { FIX_REQUEST, githubEvent } from './events.js';
import {
  CI_WORKFLOW,
  checkout,
  commitCheckout,
  FIXED_README,
  fakeTurns,
  fixCheckout,
  flueFiles,
  README,
  templateFile,
  toolCalls,
  type TemplateName,
} from './templates.js';

let github: FakeGitHub;
let model: FakeAnthropic | undefined;

beforeAll(requireBuiltAction);
afterEach(async () => {
  await github?.close();
  await model?.close();
  model = undefined;
  await removeTempDirs();
});

/** The flue-action step's `with:` as the template's workflow writes it, minus the secret (the harness gives a test key). */
function workflowInputs(name: TemplateName): Record<string, string> {
  const jobs = (
    parse(templateFile(name, 'github/workflow.yml')) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> }
  ).jobs;
  const step = Object.values(jobs)
    .flatMap((job) => job.steps)
    .find((entry) => entry.uses?.includes('/flue-action@'));
  const { 'anthropic-api-key': _secret, ...inputs } = step?.with ?? {};
  return inputs;
}

async function runTemplate(name: TemplateName, seed: (repo: FakeRepo) => void) {
  const { eventName, payload } = githubEvent(name);
  github = await startFakeGitHub();
  const repo = github.seedFromPayload(payload);
  // Whatever commit the runner reads its definitions from (the workflow's, or a pull request's base), it finds the template.
  repo.tree(WORKFLOW_SHA, flueFiles(name));
  seed(repo);
  model = await startFakeAnthropic({ turns: fakeTurns(name) });
  const workspace = await tempDir(checkout(name));
  const result = await runAction({ eventName, payload, inputs: workflowInputs(name), workspace, githubUrl: github.url, anthropicUrl: model.url });
  expect(result.main.code, result.main.stdout + result.main.stderr).toBe(0);
  expect(result.outputs.status).toBe('succeeded');
  expect(model.requests).toHaveLength(fakeTurns(name).length);
  return { result, repo };
}

/** The runner's progress comment and the agent's own comments on thread `number`. */
function split(repo: FakeRepo, number: number) {
  const comments = repo.comments(number).map((comment) => String(comment.body));
  const progress = comments.filter((body) => body.includes('<!-- flue-action:progress'));
  expect(progress).toHaveLength(1);
  // A public repository: neither tokens nor dollars nor the JSON result (progress-details: auto).
  expect(progress[0]).not.toMatch(/tokens|\$\d|```json/);
  return { progress: progress[0] as string, answers: comments.filter((body) => !body.includes('<!-- flue-action:progress')) };
}

const marked = (body: unknown, name: TemplateName) =>
  new RegExp(`^${escapeRegExp(String(body))}\\n\\n<!-- flue-action -->\\n<!-- flue-action:output agent=${name} `);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the templates through the built action, against the fake GitHub', () => {
  test("triage: a stranger's new issue gets the documentation label and one comment naming the likely duplicate", async () => {
    const { repo, result } = await runTemplate('triage', (seeded) => seeded.permission('Codertocat', 'read'));
    expect(result.main.stdout).toContain('untrusted profile');
    expect(repo.labels(1)).toContain('documentation');
    const { answers, progress } = split(repo, 1);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(marked(toolCalls('triage', 'add_comment')[0]?.body, 'triage'));
    expect(progress).toContain('✅ **succeeded**');
  });

  test('review: one COMMENT review with the summary and its inline comment on the changed line', async () => {
    const { payload } = githubEvent('review');
    const baseSha = at(payload, 'pull_request', 'base').sha as string;
    const { repo } = await runTemplate('review', (seeded) => {
      seeded.permission('Codertocat', 'write');
      seeded.tree(baseSha, flueFiles('review'));
      seeded.files(2, [
        {
          filename: 'README.md',
          status: 'modified',
          additions: 1,
          deletions: 1,
          patch:
            '@@ -7,3 +7,3 @@\n 1. Fork the repository and create a branch.\n-2. Make your change.\n+2. Make your change, then `git add` and `git committ -m "Describe the change"`.\n 3. Open a pull request.',
        },
      ]);
    });
    const proposed = toolCalls('review', 'submit_review')[0] as { body: string; comments: Array<{ body: string }> };
    const reviews = repo.reviews(2);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ state: 'COMMENTED' });
    expect(String(reviews[0]?.body)).toContain(proposed.body);
    expect(reviews[0]?.comments).toEqual([expect.objectContaining({ path: 'README.md', line: 8, side: 'RIGHT' })]);
    expect(String(((reviews[0]?.comments ?? []) as Array<{ body: string }>)[0]?.body)).toContain(proposed.comments[0]?.body ?? '-');
    expect(split(repo, 2).answers).toEqual([]);
  });

  test('ci-explainer: a failed workflow_run of pull request #2 gets one comment with the cause, read from the saved log', async () => {
    const { payload } = githubEvent('ci-explainer');
    const named = (at(payload, 'workflow_run').pull_requests as Array<{ base: { ref: string; sha: string } }>)[0]?.base;
    const base = { ref: named?.ref ?? '', sha: named?.sha ?? '' };
    const { repo } = await runTemplate('ci-explainer', (seeded) => {
      seeded.permission('Codertocat', 'write');
      // A run about a pull request reads the agent from the pull request's base commit.
      seeded.pullRequest({ number: 2, title: 'Update the README with new information.', user: 'Codertocat', base });
      seeded.tree(base.sha, flueFiles('ci-explainer'));
    });
    const { answers } = split(repo, 2);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(marked(toolCalls('ci-explainer', 'add_comment')[0]?.body, 'ci-explainer'));
    // The log the workflow saved reached the model as the read tool's result.
    expect(JSON.stringify(model?.requests.at(-1)?.body)).toContain('FAIL test/greet.test.js');
  });

  test('mention: a writer asking @flue on an issue gets one answer', async () => {
    const { repo } = await runTemplate('mention', (seeded) => seeded.permission('Codertocat', 'write'));
    const { answers } = split(repo, 1);
    // The issue's existing comment from the payload, then the answer.
    expect(answers.at(-1)).toMatch(marked(toolCalls('mention', 'add_comment')[0]?.body, 'mention'));
    expect(answers.filter((body) => body.includes('flue-action:output'))).toHaveLength(1);
  });

  test('mention, asked for a fix: one branch, one commit without the protected workflow it tried to edit, one draft pull request, and the answer says so; a re-run opens no second', async () => {
    const { eventName, payload } = githubEvent('mention', FIX_REQUEST);
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write');
    const files = fixCheckout();
    // The checkout actions/checkout gives: a git repository at the commit the workflow runs from, which GitHub has.
    const workspace = await tempDir(files);
    const head = commitCheckout(workspace);
    repo.tree(head, files);
    const turns = fakeTurns('mention', 'mention-fix');
    const attempt = async (runAttempt: number) => {
      model = await startFakeAnthropic({ turns });
      const run = await runAction({
        eventName,
        payload,
        inputs: workflowInputs('mention'),
        workspace,
        githubUrl: github.url,
        anthropicUrl: model.url,
        runAttempt,
        env: { GITHUB_SHA: head },
      });
      expect(run.main.code, run.main.stdout + run.main.stderr).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(model.requests).toHaveLength(turns.length);
      return run;
    };

    await attempt(1);
    // The model was told the workflow is protected, by name, and edited nothing there.
    expect(JSON.stringify(model?.requests[3]?.body)).toContain("permission denied, write '.github/workflows/ci.yml' (protected path .github/)");
    const data = gitData(repo);
    const branches = data.branches();
    expect(Object.keys(branches)).toEqual(['flue/mention-4242']);
    expect(data.commits()).toHaveLength(1);
    const commit = data.commit(branches['flue/mention-4242'] ?? '');
    expect(commit?.parents).toEqual([head]);
    const proposed = toolCalls('mention', 'propose_change', 'mention-fix')[0] as { title: string; body: string };
    expect(commit?.message).toBe(`${proposed.title}\n\nProposed by flue-action on branch flue/mention-4242.`);
    // The commit is HEAD's tree with README.md fixed, nothing more: the workflow as it was.
    const committed = data.files(commit?.sha ?? '');
    expect(Object.keys(committed).sort()).toEqual(Object.keys(files).sort());
    expect(committed['README.md']?.content).toBe(FIXED_README);
    expect(committed['.github/workflows/ci.yml']?.content).toBe(CI_WORKFLOW);
    for (const [file, content] of Object.entries(files)) if (file !== 'README.md') expect(committed[file]?.content, file).toBe(content);
    // Into the repository's default branch (the fake's GET /repos says main): an issue has no base.
    const [pull, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(pull).toMatchObject({ title: proposed.title, draft: true, head: { ref: 'flue/mention-4242' }, base: { ref: 'main' } });
    expect(String(pull?.body)).toMatch(marked(proposed.body, 'mention'));
    const answer = toolCalls('mention', 'add_comment', 'mention-fix')[0]?.body;
    expect(String(answer)).toContain('draft pull request');
    const answers = () => split(repo, 1).answers.filter((body) => body.includes('flue-action:output'));
    expect(answers()).toEqual([expect.stringMatching(marked(answer, 'mention'))]);

    // Re-run of the same workflow run, on a fresh checkout of the same commit: the same branch and pull request.
    execFileSync('git', ['checkout', '--', 'README.md'], { cwd: workspace });
    await model?.close();
    await attempt(2);
    expect(Object.keys(gitData(repo).branches())).toEqual(['flue/mention-4242']);
    expect(gitData(repo).openedPulls()).toHaveLength(1);
    expect(answers()).toHaveLength(1);
  });

  test("mention, asked for a fix on a pull request: the fix is built on the PR's head commit and proposed into its branch, not its base", async () => {
    const { eventName, payload } = githubEvent('mention', FIX_REQUEST);
    const pullRequest = example('pull_request', 'opened');
    const pull = pullRequest.pull_request as { number: number; head: { ref: string; sha: string }; base: { sha: string } };
    // GitHub's comment example is on issue #1; the same comment on PR #2, as the issues API shows a pull request.
    Object.assign(payload.issue as object, {
      number: pull.number,
      pull_request: { url: `https://api.github.com/repos/Codertocat/Hello-World/pulls/2` },
    });
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(pullRequest);
    github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write');
    const files = fixCheckout();
    // A checkout that is not the head (the default branch, as a workflow without `ref:` has it): README.md there
    // is the same blob as on the PR's head, so the fix still goes to the PR's branch.
    const workspace = await tempDir(files);
    const head = commitCheckout(workspace);
    repo.tree(head, files).tree(pull.head.sha, files).tree(pull.base.sha, flueFiles('mention'));
    const turns = fakeTurns('mention', 'mention-fix');
    model = await startFakeAnthropic({ turns });

    const run = await runAction({
      eventName,
      payload,
      inputs: workflowInputs('mention'),
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
      env: { GITHUB_SHA: head },
    });

    expect(run.main.code, run.main.stdout + run.main.stderr).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    const data = gitData(repo);
    const commit = data.commit(data.branches()['flue/mention-4242'] ?? '');
    expect(commit?.parents).toEqual([pull.head.sha]);
    expect(data.files(commit?.sha ?? '')['README.md']?.content).toBe(FIXED_README);
    const [opened, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(opened).toMatchObject({ draft: true, head: { ref: 'flue/mention-4242' }, base: { ref: pull.head.ref } });
    expect(String(opened?.body)).toContain('Proposed into the branch of pull request #2: merging it adds the change there.');
  });
  test("mention, asked on a pull request for a fix to a file the pull request itself changed, over the workflow's checkout (the head commit): accepted, into the PR's branch", async () => {
    const { eventName, payload } = githubEvent('mention', FIX_REQUEST);
    const pullRequest = example('pull_request', 'opened');
    const pull = pullRequest.pull_request as { number: number; head: { ref: string; sha: string }; base: { sha: string } };
    Object.assign(payload.issue as object, {
      number: pull.number,
      pull_request: { url: `https://api.github.com/repos/Codertocat/Hello-World/pulls/2` },
    });
    // The pull request wrote line 8 of README.md (with the typo the fix is about); its base has the line before.
    const files = fixCheckout();
    const baseFiles = { ...files, 'README.md': README.replace(/^2\. .*$/m, '2. Make your change.') };
    expect(baseFiles['README.md']).not.toBe(files['README.md']);
    // The workflow checks out the pull request's head commit (test/templates/github-steps.test.ts): here it is.
    const workspace = await tempDir(files);
    const head = commitCheckout(workspace);
    pull.head.sha = head;
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(pullRequest);
    github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write');
    repo.tree(head, files).tree(pull.base.sha, baseFiles);
    const turns = fakeTurns('mention', 'mention-fix');
    model = await startFakeAnthropic({ turns });

    const run = await runAction({ eventName, payload, inputs: workflowInputs('mention'), workspace, githubUrl: github.url, anthropicUrl: model.url });

    expect(run.main.code, run.main.stdout + run.main.stderr).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    const data = gitData(repo);
    const commit = data.commit(data.branches()['flue/mention-4242'] ?? '');
    expect(commit?.parents).toEqual([head]);
    const committed = data.files(commit?.sha ?? '');
    expect(committed['README.md']?.content).toBe(FIXED_README);
    expect(committed['.github/workflows/ci.yml']?.content).toBe(CI_WORKFLOW);
    const [opened, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(opened).toMatchObject({ draft: true, head: { ref: 'flue/mention-4242' }, base: { ref: pull.head.ref } });
    expect(String(opened?.body)).toContain('Proposed into the branch of pull request #2: merging it adds the change there.');
  });
});
