// propose_change with `on-pull-request: suggestions`, end to end against the fake GitHub with GitHub's own
// `pull_request` opened webhook example (PR #2, branch `changes` into `master`): the agent's edits become one
// review of ```suggestion comments on the pull request's diff, or, when one cannot be placed, nothing at all.
import { describe, expect, test } from 'vitest';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { gitData } from '../../fakes/github-git.js';
import type { FakeGitHub, FileSeed, Json } from '../../fakes/github.js';
import { git } from '../../sandbox/git-repo.js';
import { example } from '../../trigger/examples.js';
import { type Checkout, run, toolResults } from '../change-set-run.js';
import { addedPatch, EXPECTED, FIXED_README, HEAD_FILES, partialPatch, suggestingCheckout, suggestTurns } from '../suggestions-run.js';
import { API, HEAD_SHA, hostOn, issueEvent, setup } from './helpers.js';

const MARKER = '<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->';
const REVIEW_BODY = `### Fix the perimeter\n\nThe perimeter counts each side twice.\n\n${MARKER}`;

/** The pull request's diff: it added src/app.ts and README.md whole, unless a test says otherwise. */
const ADDED: FileSeed[] = [
  { filename: 'README.md', status: 'added', patch: addedPatch(HEAD_FILES['README.md']) },
  { filename: 'src/app.ts', status: 'added', patch: addedPatch(HEAD_FILES['src/app.ts']) },
];

type PullEdit = { head: { sha: string; repo: { full_name: string; fork: boolean } } };

/** The `pull_request` opened example whose head commit is the checkout's HEAD (seeded with its files), and its diff. */
async function pullRequest(at: Checkout, files: FileSeed[] = ADDED, edit: (pull: PullEdit) => void = () => {}) {
  const { github } = await setup();
  const payload = example('pull_request', 'opened');
  const pull = payload.pull_request as PullEdit & Json;
  pull.head.sha = at.head;
  edit(pull);
  const repo = github.seedFromPayload(payload);
  repo.pullRequest({ number: 2, raw: pull, files });
  repo.tree(at.head, HEAD_FILES);
  return { github, repo, trigger: triggerFromGitHubEvent('pull_request', payload) };
}

const writes = (github: FakeGitHub) => github.calls().filter((call) => !call.startsWith('GET ') && !call.startsWith('POST /graphql'));

/** The review comments GitHub must receive for the expected suggestions. */
const expectedComments = () =>
  EXPECTED.map(([path, start, end, lines]) => ({
    path,
    line: end,
    side: 'RIGHT',
    ...(start === end ? {} : { start_line: start, start_side: 'RIGHT' }),
    body: `${fence(lines)}suggestion\n${lines.map((line) => `${line}\n`).join('')}${fence(lines)}\n\n<!-- flue-action -->`,
  }));
const fence = (lines: string[]) => (lines.some((line) => line.includes('```')) ? '````' : '```');

describe('propose_change as suggestions on a pull request (GitHub)', () => {
  test('a body at the size limit is not cut again under the heading: a cut inside a code span would free its mention', async () => {
    // 60,000 characters, the most a body may hold, sanitized unchanged: a code span holding @octocat at its
    // end. With the heading in front the review is longer than that, and a cut of the sanitized text inside
    // the span leaves its opening backtick alone: @octocat is prose, and notifies.
    const span = `\`@octocat ${'y'.repeat(290)}\``;
    const body = `${'x'.repeat(60_000 - span.length - 1)} ${span}`;
    expect(body).toHaveLength(60_000);
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);
    const turns = suggestTurns();
    turns[2] = { content: [{ type: 'tool_use', name: 'propose_change', input: { title: 'Fix the perimeter', body } }] };

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, turns);

    expect(report.status).toBe('succeeded');
    const posted = String(repo.reviews(2)[0]?.body);
    // The span whole: cut, its opening backtick would be text and @octocat a mention.
    expect(posted).toContain(span);
    expect(posted).toBe(`### Fix the perimeter\n\n${body}\n\n${MARKER}`);
  });

  test("the title, a heading of the review, is markdown there: a mention or hidden HTML a plain title's check missed stays inert", async () => {
    // The sanitizer judged the title as a document of its own, where ``` @octocat is a code fence's info
    // string; after ### it is a heading's text, and @octocat would notify. <!-- --> would hide text.
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);
    const turns = suggestTurns();
    turns[2] = {
      content: [{ type: 'tool_use', name: 'propose_change', input: { title: '``` @octocat <!-- hidden --> fix', body: 'The perimeter.' } }],
    };

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, turns);

    expect(report.status).toBe('succeeded');
    const body = String(repo.reviews(2)[0]?.body);
    expect(body.split('\n')[0]).toBe('### ``` @\u200boctocat &lt;!-- hidden --> fix');
    expect(body).not.toMatch(/@octocat|<!-- hidden/);
  });

  test('a replacement, an insertion, a deletion (several hunks of one file) and a fenced line: one review, each hunk a suggestion in place', async () => {
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(toolResults(report).at(-1)?.content).toBe(
      'Proposed as output-1: README.md, src/app.ts (7 lines changed). After the run the runner posts them as suggestions in one review on the ' +
        'pull request (all of them or, when one cannot be placed on its diff, none); edits made after this call are not in it.',
    );
    const [review, ...more] = repo.reviews(2);
    expect(more).toEqual([]);
    expect(review).toMatchObject({ body: REVIEW_BODY, state: 'COMMENTED', commit_id: at.head });
    expect(review?.comments).toEqual(expectedComments());
    // The fenced line needs a longer fence, or its ``` would close the suggestion early.
    const comments = (review?.comments ?? []) as Json[];
    expect(comments[0]?.body).toBe('````suggestion\n```bash\n````\n\n<!-- flue-action -->');
    // The deletion: an empty suggestion over lines 9 to 10.
    expect(comments[3]).toMatchObject({ start_line: 9, line: 10, body: '```suggestion\n```\n\n<!-- flue-action -->' });
    // Nothing committed: no branch, no pull request; the old sides read by blob id.
    expect(gitData(repo).branches()).toEqual({});
    expect(writes(github)).toEqual([`POST ${API}/pulls/2/reviews`]);
    expect(github.calls().filter((call) => call.includes('/git/blobs/'))).toHaveLength(2);
    expect(report.publish.applied[0]?.url).toMatch(/#pullrequestreview-\d+$/);
  });

  test('a suggestion on lines off the pull request diff refuses the whole change set, naming file:line; nothing is posted', async () => {
    const at = suggestingCheckout();
    // The pull request changed line 2 of src/app.ts: its diff shows lines 1 to 7 only.
    const { github, repo, trigger } = await pullRequest(at, [
      ADDED[0]!,
      { filename: 'src/app.ts', patch: partialPatch(HEAD_FILES['src/app.ts'], 7, 2) },
    ]);
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());

    expect(report.status).toBe('failed');
    expect(report.publish.failed).toEqual([
      {
        id: 'output-1',
        kind: 'propose_change',
        message:
          'propose_change: the change cannot be posted as suggestions on pull request #2: src/app.ts:9-10 is not on the diff. A suggestion ' +
          "replaces lines the pull request's diff shows, in a file it changes: nothing was posted. Set on-pull-request: branch (onPullRequest " +
          "in a TypeScript agent) under propose_change to propose it as a pull request into the pull request's branch instead.",
      },
    ]);
    expect(writes(github)).toEqual([]);
    expect(repo.reviews(2)).toEqual([]);
  });

  test('a new file cannot be suggested: refused by name before anything is read or posted', async () => {
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns({ 'src/new.ts': 'export const fresh = true;\n' }));

    expect(report.publish.failed[0]?.message).toMatch(
      /^propose_change: the change cannot be posted as suggestions on pull request #2: src\/new\.ts is a new file\. A suggestion /,
    );
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([]);
    expect(repo.reviews(2)).toEqual([]);
  });

  test("a writer's `@flue` comment on the pull request: the host reads its head (GET pulls/2) and posts the suggestions there", async () => {
    const at = suggestingCheckout();
    const { github, repo } = await pullRequest(at);
    const comment = example('issue_comment', 'created');
    // GitHub's example comments on issue #1; the same comment on PR #2, as the issues API shows a PR.
    Object.assign(comment.issue as object, { number: 2, pull_request: { url: `https://api.github.com${API}/pulls/2` } });
    const host = hostOn(github, { runId: '77' });
    const trigger = await host.completeTrigger(triggerFromGitHubEvent('issue_comment', comment));
    expect(trigger.refs.sha).toBe(at.head);

    const report = await run(at, host, trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(repo.reviews(2)[0]?.comments).toEqual(expectedComments());
  });

  test("a fork's pull request takes suggestions (nothing is pushed), where a branch is refused with the hint to use them", async () => {
    const fork = (pull: PullEdit) => {
      pull.head.repo.full_name = 'octocat/Hello-World';
      pull.head.repo.fork = true;
    };
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at, ADDED, fork);
    expect(trigger.refs.fromFork).toBe(true);

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(repo.reviews(2)).toHaveLength(1);
    expect(repo.reviews(2)[0]?.comments).toEqual(expectedComments());

    const branchAt = suggestingCheckout({
      ...HEAD_FILES,
      '.flue/agents/fixer.md': HEAD_FILES['.flue/agents/fixer.md'].replace('{ on-pull-request: suggestions }', '{}'),
    });
    const branch = await pullRequest(branchAt, ADDED, fork);
    const refused = await run(branchAt, hostOn(branch.github, { runId: '77' }), branch.trigger, suggestTurns());
    expect(refused.publish.failed[0]?.message).toBe(
      "propose_change: pull request #2 comes from a fork, and the runner cannot push to a fork's branch, so the fix cannot be delivered to it: " +
        "nothing was committed. Ask the pull request's author to make the change, run the agent in the fork, or set on-pull-request: suggestions " +
        '(onPullRequest in a TypeScript agent) under propose_change to post the fix as suggestions on it.',
    );
  });

  test('a re-run of the same workflow run updates its review body and posts no second review of suggestions', async () => {
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);
    await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());
    const first = repo.reviews(2)[0];
    git(at.dir, 'checkout', '--', '.');
    github.clearCalls();

    const again = await run(at, hostOn(github, { runId: '77', runAttempt: 2 }), trigger, suggestTurns());

    expect(again.status).toBe('succeeded');
    expect(repo.reviews(2)).toHaveLength(1);
    expect(repo.reviews(2)[0]?.id).toBe(first?.id);
    expect(writes(github)).toEqual([`PUT ${API}/pulls/2/reviews/${first?.id}`]);
    expect(again.publish.applied[0]?.url).toBe(first?.html_url);
  });

  test("a re-run leaves a stranger's review that forges the marker alone and posts its own", async () => {
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at);
    repo.reviews(2).push({ id: 5, user: repo.user('mallory'), body: `Apply these.\n\n${MARKER}`, state: 'COMMENTED', comments: [] });

    const report = await run(at, hostOn(github, { runId: '77', runAttempt: 2 }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(repo.reviews(2).map((review) => review.body)).toEqual([`Apply these.\n\n${MARKER}`, REVIEW_BODY]);
    expect(writes(github)).toEqual([`POST ${API}/pulls/2/reviews`]);
  });

  test('a file the checkout has otherwise than the head (a merge commit) is refused by name: the suggestions would not fit the head', async () => {
    const at = suggestingCheckout();
    const { github, repo, trigger } = await pullRequest(at, ADDED, (pull) => {
      pull.head.sha = HEAD_SHA;
    });
    repo.tree(HEAD_SHA, { ...HEAD_FILES, 'README.md': '# app, as the head has it\n' });
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());

    expect(report.publish.failed[0]?.message).toContain(
      `propose_change: the fix is suggested on pull request #2, whose head commit is ${HEAD_SHA.slice(0, 12)}, but the checkout's HEAD is ` +
        `${at.head.slice(0, 12)} (a merge with the base branch, or another commit), and README.md differs between them.`,
    );
    expect(report.publish.failed[0]?.message).toContain('so the edits cannot be suggested on the pull request unchanged: nothing was posted.');
    expect(writes(github)).toEqual([]);
  });

  test('an event that does not say the head commit has no diff to place suggestions on: refused, nothing read or posted', async () => {
    const at = suggestingCheckout();
    const { github, trigger } = await pullRequest(at);
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), { ...trigger, refs: { ...trigger.refs, sha: undefined } }, suggestTurns());

    expect(report.publish.failed[0]?.message).toBe(
      'propose_change: the event does not say the head commit of pull request #2, so there is no diff to place suggestions on: nothing was posted.',
    );
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([]);
  });

  test('on an issue the policy is ignored: a branch and a pull request, as without it', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = suggestingCheckout();
    repo.tree(at.head, HEAD_FILES);

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, suggestTurns());

    expect(report.status).toBe('succeeded');
    expect(toolResults(report).at(-1)?.content).toContain('After the run the runner commits them to a new branch and opens the pull request');
    expect(Object.keys(gitData(repo).branches())).toEqual(['flue/fixer-77']);
    expect(gitData(repo).openedPulls()).toHaveLength(1);
    expect(gitData(repo).files(gitData(repo).branches()['flue/fixer-77'] ?? '')['README.md']?.content).toBe(FIXED_README);
  });
});
