// propose_change on a pull request event, end to end against the fake GitHub with GitHub's own webhook
// example (PR #2, branch `changes` at ec26c3e5 into `master`, same repository). actions/checkout checks out
// the merge commit, so the checkout here is a commit of its own (with a file the base branch added, which
// the PR's head lacks); the fix must be built on the head commit and proposed into the head branch.
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import type { Trigger } from '../../../src/trigger/types.js';
import { gitData } from '../../fakes/github-git.js';
import type { FakeGitHub } from '../../fakes/github.js';
import { git } from '../../sandbox/git-repo.js';
import { example } from '../../trigger/examples.js';
import { type Checkout, checkout, FILES, FIXER, fixTurns, run } from '../change-set-run.js';
import { API, HEAD_SHA, hostOn, setup } from './helpers.js';

const HEAD_FILES = { ...FILES, '.flue/agents/fixer.md': FIXER('{}') };
const MARKER = '<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->';

/** The merge commit actions/checkout makes: the PR's files plus NEWS.md, which the base branch added since. */
function mergeCheckout(): Checkout {
  const at = checkout();
  fs.writeFileSync(path.join(at.dir, 'NEWS.md'), 'base branch news\n');
  git(at.dir, 'add', 'NEWS.md');
  git(at.dir, 'commit', '-q', '-m', 'Merge ec26c3e5 into f95f852b');
  return { dir: at.dir, head: git(at.dir, 'rev-parse', 'HEAD').trim() };
}

/** The fields of the example's `pull_request` a test changes. */
type PullEdit = { head: { sha: string; repo: { full_name: string; fork: boolean } } };

/** The `pull_request` opened example (a deep copy), optionally changed, seeded with its head commit's files. */
async function pullRequest(headFiles: Record<string, string> = HEAD_FILES, edit: (pull: PullEdit) => void = () => {}) {
  const { github } = await setup();
  const payload = example('pull_request', 'opened');
  edit(payload.pull_request as PullEdit);
  const repo = github.seedFromPayload(payload);
  const headSha = String((payload.pull_request as { head: { sha: string } }).head.sha);
  repo.tree(headSha, headFiles);
  return { github, repo, trigger: triggerFromGitHubEvent('pull_request', payload) };
}

const writes = (github: FakeGitHub) => github.calls().filter((call) => !call.startsWith('GET ') && !call.startsWith('POST /graphql'));

describe('propose_change on a pull request event goes to the pull request branch', () => {
  test("the commit's parent is the PR's head, its tree the head's plus the fix (not the merge commit's); the pull request targets the head branch", async () => {
    const { github, repo, trigger } = await pullRequest();
    const at = mergeCheckout();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());

    expect(report.status).toBe('succeeded');
    const data = gitData(repo);
    const commit = data.commit(data.branches()['flue/fixer-77'] ?? '');
    expect(commit?.parents).toEqual([HEAD_SHA]);
    const files = data.files(commit?.sha ?? '');
    expect(Object.keys(files).sort()).toEqual(Object.keys(HEAD_FILES).sort());
    expect(files['src/app.ts']?.content).toBe('export const answer = 42;\n');
    const [pull, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(pull).toMatchObject({ title: 'Fix the answer', draft: true, head: { ref: 'flue/fixer-77' }, base: { ref: 'changes' } });
    expect(pull?.body).toBe(
      `The answer is 42, not 41. Fixes #1.\n\nProposed into the branch of pull request #2: merging it adds the change there.\n\n${MARKER}`,
    );
    // The head's blobs were read folder by folder (the root, src/), then the commit built on the head.
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([
      `GET ${API}/git/trees/${HEAD_SHA}`,
      expect.stringMatching(new RegExp(`^GET ${API}/git/trees/[0-9a-f]{40}$`)),
      `GET ${API}/git/commits/${HEAD_SHA}`,
      `POST ${API}/git/blobs`,
      `POST ${API}/git/trees`,
      `POST ${API}/git/commits`,
      `POST ${API}/git/refs`,
      `POST ${API}/pulls`,
    ]);
  });

  test("a file the base branch changed too is refused by name, before anything is written: the merge commit's version is not the PR's", async () => {
    const { github, repo, trigger } = await pullRequest({ ...HEAD_FILES, 'src/app.ts': 'export const answer = 40 + 1;\n' });
    const at = mergeCheckout();
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());

    expect(report.status).toBe('failed');
    expect(report.publish.failed).toEqual([
      {
        id: 'output-1',
        kind: 'propose_change',
        message:
          `propose_change: the fix goes to the branch of pull request #2, whose head commit is ${HEAD_SHA.slice(0, 12)}, but the checkout's HEAD is ` +
          `${at.head.slice(0, 12)} (a merge with the base branch, or another commit), and src/app.ts differs between them. The base branch changed ` +
          "that file (or the checkout lacks the pull request's own changes), so the edits cannot go to the pull request's branch unchanged: nothing " +
          'was committed. Run the agent on a checkout of the head commit (actions/checkout with `ref: ${{ github.event.pull_request.head.sha }}`; on a comment, `refs/pull/<number>/head`).',
      },
    ]);
    expect(writes(github)).toEqual([]);
    expect(gitData(repo).branches()).toEqual({});
    expect(gitData(repo).openedPulls()).toEqual([]);
  });

  test("a pull request from a fork is refused: the runner cannot push to the fork's branch, and nothing is read or written", async () => {
    const { github, repo, trigger } = await pullRequest(HEAD_FILES, (pull) => {
      pull.head.repo.full_name = 'octocat/Hello-World';
      pull.head.repo.fork = true;
    });
    expect(trigger.refs.fromFork).toBe(true);
    const at = mergeCheckout();
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());

    expect(report.publish.failed[0]?.message).toBe(
      "propose_change: pull request #2 comes from a fork, and the runner cannot push to a fork's branch, so the fix cannot be delivered to it: " +
        "nothing was committed. Ask the pull request's author to make the change, run the agent in the fork, or set on-pull-request: suggestions " +
        '(onPullRequest in a TypeScript agent) under propose_change to post the fix as suggestions on it.',
    );
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([]);
    expect(gitData(repo).branches()).toEqual({});
  });

  test('a checkout of the head commit itself (ref: head.sha) needs no comparison: no tree is read', async () => {
    const at = checkout();
    const { github, repo, trigger } = await pullRequest(HEAD_FILES, (pull) => {
      pull.head.sha = at.head;
    });
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());

    expect(report.status).toBe('succeeded');
    expect(gitData(repo).commit(gitData(repo).branches()['flue/fixer-77'] ?? '')?.parents).toEqual([at.head]);
    expect(github.calls().some((call) => call.includes('/git/trees/') && call.startsWith('GET'))).toBe(false);
    expect(gitData(repo).openedPulls()[0]).toMatchObject({ base: { ref: 'changes' } });
  });

  test('a head commit GitHub does not have, and a folder listing GitHub cut short, are said plainly; nothing is written', async () => {
    const at = checkout();
    const missing = await pullRequest(HEAD_FILES, (pull) => {
      pull.head.sha = at.head;
    });
    missing.repo.commits.delete(at.head);
    const gone = await run(at, hostOn(missing.github, { runId: '77' }), missing.trigger, fixTurns());
    expect(gone.publish.failed[0]?.message).toBe(
      `propose_change: the head commit ${at.head} of pull request #2 is not in Codertocat/Hello-World on GitHub, so the change cannot be built on it.`,
    );
    expect(writes(missing.github)).toEqual([]);

    git(at.dir, 'checkout', '--', 'src/app.ts');
    const cut = await pullRequest();
    cut.repo.rawTree('d'.repeat(40), [{ path: 'README.md', type: 'blob', mode: '100644', sha: cut.repo.blob('# app\n') }], {
      commitSha: HEAD_SHA,
      truncated: true,
    });
    const merge = mergeCheckout();
    const report = await run(merge, hostOn(cut.github, { runId: '77' }), cut.trigger, fixTurns());
    expect(report.publish.failed[0]?.message).toBe(
      `propose_change: GET ${API}/git/trees listed the folder '' of ${HEAD_SHA} in part, so whether the edited files are the same there cannot be told: nothing was committed.`,
    );
    expect(writes(cut.github)).toEqual([]);
  });

  test('a re-run of the same workflow run moves its branch and updates its pull request into the head branch: one pull request', async () => {
    const { github, repo, trigger } = await pullRequest();
    const at = mergeCheckout();
    await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());
    git(at.dir, 'checkout', '--', 'src/app.ts');

    const report = await run(at, hostOn(github, { runId: '77', runAttempt: 2 }), trigger, fixTurns('Fix the answer (attempt 2)'));

    expect(report.status).toBe('succeeded');
    const pulls = gitData(repo).openedPulls();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: 'Fix the answer (attempt 2)', base: { ref: 'changes' } });
    expect(gitData(repo).commit(gitData(repo).branches()['flue/fixer-77'] ?? '')?.parents).toEqual([HEAD_SHA]);
  });

  test("a writer's `@flue` comment on the pull request: the host reads the PR's refs (GET pulls/2) and the fix goes to its branch", async () => {
    const { github, repo } = await pullRequest();
    const comment = example('issue_comment', 'created');
    // GitHub's example comments on issue #1; the same comment on PR #2, as the issues API shows a PR.
    Object.assign(comment.issue as object, { number: 2, pull_request: { url: `https://api.github.com${API}/pulls/2` } });
    const host = hostOn(github, { runId: '77' });
    const bare: Trigger = triggerFromGitHubEvent('issue_comment', comment);
    expect(bare.refs).toEqual({});
    const trigger = await host.completeTrigger(bare);
    const at = mergeCheckout();

    const report = await run(at, host, trigger, fixTurns());

    expect(report.status).toBe('succeeded');
    expect(gitData(repo).commit(gitData(repo).branches()['flue/fixer-77'] ?? '')?.parents).toEqual([HEAD_SHA]);
    expect(gitData(repo).openedPulls()[0]).toMatchObject({ base: { ref: 'changes' } });
  });
});
