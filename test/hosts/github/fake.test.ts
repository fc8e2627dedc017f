/**
 * The fake GitHub answers like GitHub where the host's own tests do not look: these pin the
 * behaviour the action's end-to-end tests rely on.
 */
import { Octokit } from '@octokit/rest';
import { afterEach, expect, test } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github.js';
import { example } from '../../trigger/examples.js';

let github: FakeGitHub;
afterEach(() => github.close());

async function start(): Promise<{ github: FakeGitHub; octokit: Octokit }> {
  github = await startFakeGitHub({ token: 't' });
  return { github, octokit: new Octokit({ auth: 't', baseUrl: github.url, log: { debug() {}, info() {}, warn() {}, error() {} } }) };
}

const owner = 'Codertocat';
const repo = 'Hello-World';

test('a payload seeds its issue with labels and its comment into the thread', async () => {
  const { github, octokit } = await start();
  github.seedFromPayload(example('issue_comment', 'created'));
  const { data: issue } = await octokit.rest.issues.get({ owner, repo, issue_number: 1 });
  expect(issue).toMatchObject({ number: 1, title: 'Spelling error in the README file', comments: 1 });
  expect(issue.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['bug']);
  const { data: comments } = await octokit.rest.issues.listComments({ owner, repo, issue_number: 1 });
  expect(comments.map((comment) => [comment.id, comment.user?.login])).toEqual([[492700400, 'Codertocat']]);
});

test('a review with an inline comment off the diff is refused with 422, as GitHub does', async () => {
  const { github, octokit } = await start();
  github.repo(`${owner}/${repo}`).pullRequest({ number: 2, files: [{ filename: 'a.ts', patch: '@@ -1 +1 @@\n-a\n+b' }] });
  const review = (line: number) =>
    octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: 2,
      event: 'COMMENT',
      body: 'x',
      comments: [{ path: 'a.ts', line, side: 'RIGHT', body: 'y' }],
    });
  await expect(review(2)).rejects.toMatchObject({
    status: 422,
    response: { data: { errors: ['Pull request review thread line must be part of the diff'] } },
  });
  await expect(review(1)).resolves.toMatchObject({ data: { state: 'COMMENTED', commit_id: 'a'.repeat(40) } });
});

test('unknown routes, repositories and users are 404; a missing token is 401', async () => {
  const { github, octokit } = await start();
  github.repo(`${owner}/${repo}`);
  await expect(octokit.request('GET /repos/{owner}/{repo}/releases', { owner, repo })).rejects.toMatchObject({ status: 404 });
  await expect(octokit.rest.issues.get({ owner: 'nobody', repo: 'none', issue_number: 1 })).rejects.toMatchObject({ status: 404 });
  await expect(octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'ghost' })).rejects.toMatchObject({ status: 404 });
  await expect(new Octokit({ baseUrl: github.url }).rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 });
  expect(github.calls()).toEqual([
    `GET /repos/${owner}/${repo}/releases`,
    'GET /repos/nobody/none/issues/1',
    `GET /repos/${owner}/${repo}/collaborators/ghost/permission`,
    `GET /repos/${owner}/${repo}`,
  ]);
});

test('failures are consumed in order, by exact route or pattern, and recorded like any call', async () => {
  const { github, octokit } = await start();
  github.repo(`${owner}/${repo}`).issue({ number: 1 });
  github.fail(/^GET .*\/issues\/1$/, { status: 503 }, 2);
  const get = () =>
    octokit.rest.issues.get({ owner, repo, issue_number: 1 }).then(
      ({ status }) => status,
      (error: { status: number }) => error.status,
    );
  expect([await get(), await get(), await get()]).toEqual([503, 503, 200]);
  expect(github.requests.map((request) => request.authorization)).toEqual(['token t', 'token t', 'token t']);
});
