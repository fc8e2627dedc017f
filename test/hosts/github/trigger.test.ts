import { expect, test } from 'vitest';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { accessOfPermission } from '../../../src/hosts/github/index.js';
import { example } from '../../trigger/examples.js';
import { API, BASE_SHA, HEAD_SHA, issueEvent, pullRequestEvent, setup } from './helpers.js';

test.each([
  ['admin', undefined, 'admin'],
  ['maintain', undefined, 'maintain'],
  ['write', undefined, 'write'],
  ['triage', undefined, 'triage'],
  ['read', undefined, 'read'],
  // A custom role counts as its base permission.
  ['security-reviewer', 'write', 'write'],
  ['auditor', 'read', 'read'],
] as const)('role %s (permission %s) reads as %s', async (role, permission, expected) => {
  const { github, host } = await setup();
  github.repo('Codertocat/Hello-World').permission('alice', role, permission);
  await expect(host.accessOf('alice', issueEvent().trigger)).resolves.toEqual(accessOfPermission(expected));
  expect(github.calls()).toEqual([`GET ${API}/collaborators/alice/permission`]);
});

test('a login GitHub does not know (404) has no permission', async () => {
  const { github, host, warnings } = await setup();
  github.repo('Codertocat/Hello-World');
  await expect(host.accessOf('stranger', issueEvent().trigger)).resolves.toEqual(accessOfPermission('none'));
  expect(warnings).toEqual([]);
});

test('any other failure is unknown, with a warning (the gate treats unknown as a non-writer)', async () => {
  const { github, host, warnings } = await setup({}, { retries: 0 });
  github.repo('Codertocat/Hello-World').permission('alice', 'admin');
  github.fail(`GET ${API}/collaborators/alice/permission`, { status: 403 });
  await expect(host.accessOf('alice', issueEvent().trigger)).resolves.toEqual(accessOfPermission('unknown'));
  expect(warnings).toEqual([
    `The permission of alice is unknown, so they are treated as a non-writer: GET ${API}/collaborators/alice/permission failed: 403 Resource not accessible by integration`,
  ]);
});

test('an empty login is none without a call', async () => {
  const { github, host } = await setup();
  await expect(host.accessOf('', issueEvent().trigger)).resolves.toEqual(accessOfPermission('none'));
  expect(github.calls()).toEqual([]);
});

test('a login with URL characters is encoded into the path', async () => {
  const { github, host } = await setup();
  github.repo('Codertocat/Hello-World').permission('dependabot[bot]', 'write');
  await expect(host.accessOf('dependabot[bot]', issueEvent().trigger)).resolves.toEqual(accessOfPermission('write'));
  expect(github.calls()).toEqual([`GET ${API}/collaborators/dependabot%5Bbot%5D/permission`]);
});

/** The real issue_comment example, on a pull request: GitHub marks such an issue with `pull_request`. */
function commentOnPullRequest() {
  const payload = example('issue_comment', 'created');
  const issue = payload.issue as Record<string, unknown>;
  issue.number = 2;
  issue.pull_request = {
    url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/2',
    html_url: 'https://github.com/Codertocat/Hello-World/pull/2',
  };
  return { payload, trigger: triggerFromGitHubEvent('issue_comment', payload) };
}

test('completeTrigger gives a comment on a PR the PR refs, read as a pull_request payload is', async () => {
  const { github, host } = await setup();
  const { trigger } = commentOnPullRequest();
  github.seedFromPayload(pullRequestEvent().payload);
  expect(trigger.refs).toEqual({});
  const completed = await host.completeTrigger(trigger);
  expect(completed).toEqual({
    ...trigger,
    refs: { base: 'master', head: 'changes', sha: HEAD_SHA, baseSha: BASE_SHA, fromFork: false },
  });
  expect(completed.refs).toEqual(triggerFromGitHubEvent('pull_request', pullRequestEvent().payload).refs);
  expect(github.calls()).toEqual([`GET ${API}/pulls/2`]);
});

test('completeTrigger marks a PR whose head lives in another repository as a fork', async () => {
  const { github, host } = await setup();
  const { trigger } = commentOnPullRequest();
  github.repo('Codertocat/Hello-World').pullRequest({
    number: 2,
    head: { ref: 'patch-1', sha: 'c'.repeat(40), repo: 'stranger/Hello-World' },
    base: { ref: 'master', sha: 'd'.repeat(40) },
  });
  const completed = await host.completeTrigger(trigger);
  expect(completed.refs).toEqual({ base: 'master', head: 'patch-1', sha: 'c'.repeat(40), baseSha: 'd'.repeat(40), fromFork: true });
});

test('completeTrigger leaves complete and non-PR triggers alone, without a call', async () => {
  const { github, host } = await setup();
  const pr = pullRequestEvent().trigger;
  const issue = issueEvent().trigger;
  await expect(host.completeTrigger(pr)).resolves.toBe(pr);
  await expect(host.completeTrigger(issue)).resolves.toBe(issue);
  expect(github.calls()).toEqual([]);
});

test('completeTrigger fails with the call named when the PR cannot be read', async () => {
  const { github, host } = await setup();
  github.repo('Codertocat/Hello-World');
  await expect(host.completeTrigger(commentOnPullRequest().trigger)).rejects.toThrow(
    `GET ${API}/pulls/2 failed: 404 Not Found. If it exists, give the workflow permissions: pull-requests: read`,
  );
});
