import { expect, test } from 'vitest';
import { API, setup, trigger } from './helpers.js';

test.each([
  [50, { trust: 'writer', role: 'Owner' }],
  [40, { trust: 'writer', role: 'Maintainer' }],
  [30, { trust: 'writer', role: 'Developer' }],
  [20, { trust: 'reader', role: 'Reporter' }],
  [15, { trust: 'reader', role: 'Planner' }],
  [10, { trust: 'reader', role: 'Guest' }],
  [5, { trust: 'none', role: 'Minimal access' }],
])('access level %i is %o', async (level, access) => {
  const { gitlab, project, host } = await setup();
  const alice = project.member('alice', level);
  await expect(host.accessOf('alice', trigger('issue'))).resolves.toEqual(access);
  expect(gitlab.calls({ query: true })).toEqual(['GET /users?username=alice', `GET ${API}/members/all/${alice.id}`]);
});

test('writerLevel raises the bar: with 40, a Developer is a reader', async () => {
  const { project, host } = await setup({ writerLevel: 40 });
  project.member('alice', 30);
  project.member('carol', 40);
  await expect(host.accessOf('alice', trigger('issue'))).resolves.toEqual({ trust: 'reader', role: 'Developer' });
  await expect(host.accessOf('carol', trigger('issue'))).resolves.toEqual({ trust: 'writer', role: 'Maintainer' });
});

test('a user GitLab does not know, or one who is no member (404), has no access; nothing is warned', async () => {
  const { gitlab, host, warnings } = await setup();
  gitlab.user('stranger');
  await expect(host.accessOf('ghost', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'no access' });
  await expect(host.accessOf('stranger', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'no access' });
  await expect(host.accessOf('', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'no access' });
  expect(warnings).toEqual([]);
});

test('only an exact username counts: a lookalike the search returns is not the author', async () => {
  const { gitlab, project, host } = await setup();
  project.member('alice', 40);
  gitlab.fail('GET /users', { status: 200, body: [{ id: 101, username: 'alice-admin' }] });
  await expect(host.accessOf('alice', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'no access' });
});

test('a blocked user or an awaiting membership keeps a level GitLab does not honour: no access', async () => {
  const { project, host } = await setup();
  project.member('alice', 40, 'blocked');
  await expect(host.accessOf('alice', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'Maintainer (blocked)' });
  project.member('carol', 30, 'active', 'awaiting');
  await expect(host.accessOf('carol', trigger('issue'))).resolves.toEqual({ trust: 'none', role: 'Developer (awaiting)' });
});

test('any other failure is unknown, with a warning naming the call', async () => {
  const { gitlab, project, host, warnings } = await setup();
  const alice = project.member('alice', 40);
  gitlab.fail(`GET ${API}/members/all/${alice.id}`, { status: 403 });
  await expect(host.accessOf('alice', trigger('issue'))).resolves.toEqual({ trust: 'unknown', role: 'unknown' });
  expect(warnings).toEqual([
    `The access level of alice is unknown, so they are treated as a non-writer: GitLab API GET ${API}/members/all/${alice.id} failed: 403 Forbidden. ` +
      'The token needs the api scope and the Reporter role (or above) on the project',
  ]);
});

test('selfLogin asks GET /user once and never throws', async () => {
  const ok = await setup();
  await expect(ok.host.selfLogin()).resolves.toBe('project_42_bot_1');
  await expect(ok.host.selfLogin()).resolves.toBe('project_42_bot_1');
  expect(ok.gitlab.calls()).toEqual(['GET /user']);

  const job = await setup({ tokenKind: 'job', token: 'job-1' }, { jobToken: 'job-1' });
  await expect(job.host.selfLogin()).resolves.toBeUndefined();
});

test('the platform words the stages use in messages', async () => {
  const { host } = await setup();
  expect(host.platform).toEqual({ writers: 'the Developer role or above', workflowCommitVariable: 'CI_COMMIT_SHA', change: 'merge request' });
});
