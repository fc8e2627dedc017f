// `@flue` in a comment on a pull request, by a writer: the payload names only the issue, so the action
// reads the PR for its refs, the agent from the PR's base commit, the changed files for the model, and
// may post a review on the head commit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import { commands, removeTempDirs, requireBuiltAction, runAction, tempDir } from './harness.js';

const REVIEWER = `---
description: Review a pull request when asked
tools: [read, grep]
outputs:
  submit_review: { events: [COMMENT] }
---
Review the change you are asked about.
`;

const API = '/repos/Codertocat/Hello-World';
const pullRequest = example('pull_request', 'opened');
const baseSha = at(pullRequest, 'pull_request', 'base').sha as string;
const headSha = at(pullRequest, 'pull_request', 'head').sha as string;
const PATCH = '@@ -1,2 +1,2 @@\n-# Hello-World\n+# Hello World\n This is a test repository.';

/**
 * The real issue_comment example, moved onto PR #2: @octokit/webhooks-examples has no comment on a
 * pull request, and GitHub sends one as this same payload with `issue.pull_request` set.
 */
function commentOnPullRequest(body: string) {
  const payload = example('issue_comment', 'created');
  const issue = at(payload, 'issue');
  issue.number = 2;
  issue.pull_request = {
    url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/2',
    html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
    diff_url: 'https://github.com/Codertocat/Hello-World/pull/2.diff',
    patch_url: 'https://github.com/Codertocat/Hello-World/pull/2.patch',
    merged_at: null,
  };
  at(payload, 'comment').body = body;
  return payload;
}

let github: FakeGitHub;
let model: FakeAnthropic;
let repo: FakeRepo;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  // The checkout has no agent at all: on a PR event it must come from the base commit.
  workspace = await tempDir({ 'README.md': '# Hello World\nThis is a test repository.\n' });
});
afterAll(removeTempDirs);
beforeEach(async () => {
  github = await startFakeGitHub();
  repo = github.seedFromPayload(pullRequest).permission('Codertocat', 'write');
  repo.files(2, [{ filename: 'README.md', status: 'modified', patch: PATCH }]);
  repo.tree(baseSha, { '.flue/agents/review.md': REVIEWER });
});
afterEach(async () => {
  await github.close();
  await model.close();
});

describe('issue_comment with @flue on a pull request, by a writer', () => {
  test('the PR is read for its refs, its patch reaches the model fenced, and the review lands on the head commit', async () => {
    const payload = commentOnPullRequest('@flue please review the title change');
    repo.comment(2, { body: String(at(payload, 'comment').body), raw: at(payload, 'comment') });
    model = await startFakeAnthropic({
      turns: [
        toolUse('submit_review', {
          body: 'The title reads better.',
          event: 'COMMENT',
          comments: [{ path: 'README.md', line: 1, body: 'Matches the repository name now.' }],
        }),
        text('Reviewed.'),
      ],
    });
    const result = await runAction({
      eventName: 'issue_comment',
      payload,
      inputs: { agent: 'review' },
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
    });
    expect(result.main.stderr).toBe('');
    expect(result.main.code).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(commands(result.main.stdout, 'warning')).toEqual([expect.stringMatching(/^Could not upload the session log as artifact/)]);

    expect(github.calls().filter((call) => !call.startsWith(`GET ${API}/git/`))).toEqual([
      // The gate first, on the payload alone (the token's own login, then the commenter's permission);
      // only a run it lets through reads the PR.
      'POST /graphql',
      `GET ${API}/collaborators/Codertocat/permission`,
      `GET ${API}/pulls/2`,
      `GET ${API}/issues/2/comments`,
      `POST ${API}/issues/2/comments`,
      `GET ${API}/pulls/2/files`,
      `POST ${API}/pulls/2/reviews`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    // The definitions come from the base commit the PR read gave.
    expect(github.calls().find((call) => call.startsWith(`GET ${API}/git/`))).toBe(`GET ${API}/git/trees/${baseSha}`);

    const first = model.requests[0]?.body.messages[0].content as Array<{ type: string; text?: string }>;
    const prompt = first.map((block) => block.text ?? '').join('\n');
    const fence = /<untrusted id="([0-9a-f-]{36})"/.exec(prompt)?.[1] ?? 'no fence in the prompt';
    expect(prompt).toContain(`Pull request: #2\n`);
    expect(prompt).toContain(`Refs: base master, sha ${headSha}, base sha ${baseSha}\n`);
    // The head branch is named by whoever opened the pull request: fenced, never in the header.
    expect(prompt).toContain(`<untrusted id="${fence}" field="event details">\nhead branch: changes\n</untrusted id="${fence}">`);
    expect(prompt).toContain(`<untrusted id="${fence}" field="changed files" count="1">\nmodified README.md +1 -1\n</untrusted id="${fence}">`);
    expect(prompt).toContain(`<untrusted id="${fence}" field="patch" path="README.md">\n${PATCH}\n</untrusted id="${fence}">`);
    expect(prompt).toContain(
      `<untrusted id="${fence}" field="triggering comment" author="Codertocat">\n@flue please review the title change\n</untrusted id="${fence}">`,
    );

    expect(github.requests.find((request) => request.path === `${API}/pulls/2/reviews`)?.body).toEqual({
      body: 'The title reads better.\n\n<!-- flue-action -->\n<!-- flue-action:output agent=review run=4242 key=submit_review.1 -->',
      event: 'COMMENT',
      commit_id: headSha,
      comments: [{ path: 'README.md', line: 1, side: 'RIGHT', body: 'Matches the repository name now.\n\n<!-- flue-action -->' }],
    });
    expect(repo.comments(2).at(-1)?.body).toContain('✅ **succeeded**');
  });

  test('a comment on the PR without the phrase is skipped before any API call, the PR read included', async () => {
    // A token without `pull-requests: read` would otherwise fail every comment on every PR.
    github.fail(`GET ${API}/pulls/2`, { status: 403 });
    model = await startFakeAnthropic();
    const payload = commentOnPullRequest('Looks good to me.');
    const result = await runAction({
      eventName: 'issue_comment',
      payload,
      inputs: { agent: 'review' },
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
    });
    expect(result.main.code).toBe(0);
    expect(result.outputs.status).toBe('skipped');
    expect(commands(result.main.stdout, 'notice')).toEqual([
      "flue-action skipped the run: The comment does not mention '@flue' (trigger-phrase), outside quotes and code; comments start a run only when they do.",
    ]);
    expect(github.calls()).toEqual([]);
    expect(model.requests).toEqual([]);
  });
});
