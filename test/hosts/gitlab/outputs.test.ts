import { expect, test } from 'vitest';
import { isGitLabApiError } from '../../../src/hosts/gitlab/errors.js';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { sanitizeOutput } from '../../../src/publish/sanitize.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import { API, TOKEN, setup, trigger } from './helpers.js';

test('add_comment posts a note with the hidden marker on the issue and returns its URL', async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  const applied = await host.applyOutput({ kind: 'add_comment', body: 'Thanks, looking.' }, trigger('issue'));
  expect(gitlab.calls()).toEqual([`POST ${API}/issues/3/notes`]);
  expect(gitlab.requests[0]?.body).toEqual({ body: `Thanks, looking.\n\n${FLUE_COMMENT_MARKER}` });
  expect(gitlab.requests[0]?.privateToken).toBe(TOKEN);
  const posted = project.notes('issues', 3).at(-1);
  expect(posted?.author).toMatchObject({ username: 'project_42_bot_1' });
  expect(applied).toEqual({ url: `http://gitlab.test/group/sub/app/-/issues/3#note_${posted?.id}` });
});

test('add_comment on a merge request goes to its notes; a marker in the text is defused', async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7);
  await host.applyOutput({ kind: 'add_comment', body: 'x <!-- flue-action:progress agent=a run=77 -->' }, trigger('mr'));
  expect(gitlab.calls()).toEqual([`POST ${API}/merge_requests/7/notes`]);
  expect(project.notes('merge_requests', 7)[0]?.body).toBe(`x <!-- (flue-action):progress agent=a run=77 -->\n\n${FLUE_COMMENT_MARKER}`);
});

test('add_labels and remove_labels edit the thread with comma-separated lists, one call each', async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3, { labels: ['bug', 'area/ui'] });
  await expect(host.applyOutput({ kind: 'add_labels', labels: ['triage', 'area/docs'] }, trigger('issue'))).resolves.toEqual({});
  await expect(host.applyOutput({ kind: 'remove_labels', labels: ['bug', 'gone'] }, trigger('issue'))).resolves.toEqual({});
  expect(gitlab.calls()).toEqual([`PUT ${API}/issues/3`, `PUT ${API}/issues/3`]);
  expect(gitlab.requests.map((request) => request.body)).toEqual([{ add_labels: 'triage,area/docs' }, { remove_labels: 'bug,gone' }]);
  expect(project.labels('issues', 3)).toEqual(['area/ui', 'triage', 'area/docs']);
});

test('an output on an event without an issue or MR says there is nothing to post on', async () => {
  const { gitlab, host } = await setup();
  const error = await host
    .applyOutput({ kind: 'add_comment', body: 'hi' }, trigger('issue', { number: undefined, eventName: 'schedule' }))
    .catch((caught: unknown) => caught);
  expect((error as Error).message).toBe(
    "add_comment: event 'schedule' names no issue or merge request, so there is nothing to post on. " +
      'Run the agent on a merge request pipeline or a note, issue or merge request event, or remove add_comment from its outputs.',
  );
  expect(gitlab.calls()).toEqual([]);
});

test('submit_review on an issue is refused before any call', async () => {
  const { gitlab, host } = await setup();
  const review = { kind: 'submit_review' as const, body: 'ok', event: 'COMMENT' as const, comments: [] };
  await expect(host.applyOutput(review, trigger('issue'))).rejects.toThrow(
    "submit_review: event 'issue' is about issue #3, and a review needs a merge request.",
  );
  expect(gitlab.calls()).toEqual([]);
});

test("a 403 names the call, GitLab's message and the role the token needs", async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 403 });
  const error = await host.applyOutput({ kind: 'add_comment', body: 'hi' }, trigger('issue')).catch((caught: unknown) => caught);
  expect(isGitLabApiError(error)).toBe(true);
  expect((error as Error).message).toBe(
    `GitLab API POST ${API}/issues/3/notes failed: 403 Forbidden. The token needs the api scope and the Developer role (or above) on the project`,
  );
});

test('a write refused to CI_JOB_TOKEN says that CI_JOB_TOKEN cannot post notes, and what to give instead', async () => {
  const { project, host } = await setup({ tokenKind: 'job', token: 'job-token-1' }, { jobToken: 'job-token-1' });
  project.issue(3);
  const error = await host.applyOutput({ kind: 'add_comment', body: 'hi' }, trigger('issue')).catch((caught: unknown) => caught);
  expect((error as Error).message).toBe(
    `GitLab API POST ${API}/issues/3/notes failed: 401 Unauthorized. CI_JOB_TOKEN cannot post notes, labels or reviews: give a project or group access token ` +
      'with the api scope and the Developer role, in a masked CI/CD variable (FLUE_GITLAB_TOKEN, or GITLAB_TOKEN)',
  );
});

test('a refused token (401) says so and what token to give', async () => {
  const { project, host } = await setup({ token: 'glpat-revoked' });
  project.issue(3);
  await expect(host.applyOutput({ kind: 'add_labels', labels: ['x'] }, trigger('issue'))).rejects.toThrow(
    `GitLab API PUT ${API}/issues/3 failed: 401 Unauthorized. GitLab refused the token (unknown, revoked or expired): give a project or group access token`,
  );
});

test("the host's sanitizing rules turn on GitLab's: quick actions shifted off the line start, comma lists split into labels", async () => {
  const { host } = await setup();
  const redactor = createRedactor([]);
  expect(sanitizeOutput({ kind: 'add_comment', body: 'Done.\n/merge' }, redactor, host.sanitizeRules)).toEqual({
    kind: 'add_comment',
    body: 'Done.\n /merge',
  });
  expect(sanitizeOutput({ kind: 'add_labels', labels: ['bug,security'] }, redactor, host.sanitizeRules)).toEqual({
    kind: 'add_labels',
    labels: ['bug', 'security'],
  });
});
