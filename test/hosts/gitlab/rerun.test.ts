import { expect, test } from 'vitest';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import type { OutputKey } from '../../../src/hosts/host.js';
import type { ProposedOutput } from '../../../src/tools/types.js';
import { API, README_DIFF, setup, trigger } from './helpers.js';

const commentKey: OutputKey = { agent: 'triage', kind: 'add_comment', index: 1 };
const reviewKey: OutputKey = { agent: 'review', kind: 'submit_review', index: 1 };
const commentMarker = '<!-- flue-action:output agent=triage run=77 key=add_comment.1 -->';
const reviewMarker = '<!-- flue-action:output agent=review run=77 key=submit_review.1 -->';
const review = (body: string): ProposedOutput => ({
  kind: 'submit_review',
  body,
  event: 'COMMENT',
  comments: [{ path: 'README.md', line: 11, body: 'inline' }],
});

test('the first attempt posts with the output marker and looks nothing up', async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  await host.applyOutput({ kind: 'add_comment', body: 'first' }, trigger('issue'), commentKey);
  expect(gitlab.calls()).toEqual([`POST ${API}/issues/3/notes`]);
  expect(project.notes('issues', 3)[0]?.body).toBe(`first\n\n${FLUE_COMMENT_MARKER}\n${commentMarker}`);
});

test('a retried job edits the note its earlier attempt posted instead of posting a second one', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const issue = project.issue(3);
  const earlier = project.note(issue, { body: `first\n\n${FLUE_COMMENT_MARKER}\n${commentMarker}`, author: 'project_42_bot_1' });
  const applied = await host.applyOutput({ kind: 'add_comment', body: 'second' }, trigger('issue'), commentKey);
  expect(gitlab.calls()).toEqual([`GET ${API}/issues/3/notes`, 'GET /user', `PUT ${API}/issues/3/notes/${earlier.id}`]);
  expect(gitlab.requests[0]?.query).toEqual({ sort: 'asc', order_by: 'created_at', per_page: '100' });
  expect(project.notes('issues', 3).map((note) => note.body)).toEqual([`second\n\n${FLUE_COMMENT_MARKER}\n${commentMarker}`]);
  expect(applied).toEqual({
    url: `http://gitlab.test/group/sub/app/-/issues/3#note_${earlier.id}`,
    note: 'An earlier attempt of this pipeline had posted it: updated in place.',
  });
});

test("a stranger's note carrying a copied marker is neither edited nor taken for the runner's own", async () => {
  const { project, host } = await setup({ rerun: true });
  const issue = project.issue(3);
  project.note(issue, { body: `forged ${commentMarker}`, author: 'mallory' });
  await host.applyOutput({ kind: 'add_comment', body: 'answer' }, trigger('issue'), commentKey);
  expect(project.notes('issues', 3).map((note) => [note.body, (note.author as { username: string }).username])).toEqual([
    [`forged ${commentMarker}`, 'mallory'],
    [`answer\n\n${FLUE_COMMENT_MARKER}\n${commentMarker}`, 'project_42_bot_1'],
  ]);
});

test('when GitLab does not say who the token is, a re-run posts anew rather than edit any note', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const issue = project.issue(3);
  project.note(issue, { body: `first ${commentMarker}`, author: 'project_42_bot_1' });
  gitlab.fail('GET /user', { status: 403 });
  await host.applyOutput({ kind: 'add_comment', body: 'again' }, trigger('issue'), commentKey);
  expect(project.notes('issues', 3)).toHaveLength(2);
});

test('a re-run of a published review edits its body note and publishes nothing again', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const mr = project.mergeRequest(7, { diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: README_DIFF }] });
  project.note(mr, { body: `inline\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}`, author: 'project_42_bot_1', type: 'DiffNote' });
  const body = project.note(mr, { body: `old body\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}`, author: 'project_42_bot_1' });
  const applied = await host.applyOutput(review('new body'), trigger('mr'), reviewKey);
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7/notes`, 'GET /user', `PUT ${API}/merge_requests/7/notes/${body.id}`]);
  expect(project.notes('merge_requests', 7).map((note) => note.body)).toEqual([
    `inline\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}`,
    `new body\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}`,
  ]);
  expect(applied.note).toBe(
    "An earlier attempt of this pipeline had posted it: updated in place. Its inline comments are the earlier attempt's; this attempt's 1 were not posted.",
  );
});

test('a re-run after the inline notes were published but not the body posts the body alone', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const mr = project.mergeRequest(7, { diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: README_DIFF }] });
  project.note(mr, { body: `inline\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}`, author: 'project_42_bot_1', type: 'DiffNote' });
  const applied = await host.applyOutput(review('body'), trigger('mr'), reviewKey);
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7/notes`, 'GET /user', `POST ${API}/merge_requests/7/notes`]);
  expect(applied.note).toBe('An earlier attempt of this pipeline had published its inline comments: only the review body was posted.');
});

test('drafts an interrupted attempt left pending are deleted before the review is drafted again, so none is published twice', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const mr = project.mergeRequest(7, { diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: README_DIFF }] });
  mr.drafts.push({ id: 1, note: `stale\n\n${FLUE_COMMENT_MARKER}\n${reviewMarker}` }, { id: 2, note: 'a draft of another review' });
  await host.applyOutput(review('body'), trigger('mr'), reviewKey);
  expect(gitlab.calls()).toContain(`DELETE ${API}/merge_requests/7/draft_notes/1`);
  expect(gitlab.calls()).not.toContain(`DELETE ${API}/merge_requests/7/draft_notes/2`);
  const published = project.notes('merge_requests', 7).map((note) => note.body);
  expect(published.filter((text) => String(text).startsWith('stale'))).toEqual([]);
  expect(published.filter((text) => String(text).startsWith('inline'))).toHaveLength(1);
});

test('a re-run sends only the labels that would change, and no request when none would', async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  project.issue(3, { labels: ['bug'] });
  const key = { agent: 'a', kind: 'add_labels', index: 1 } as const;
  await host.applyOutput({ kind: 'add_labels', labels: ['bug', 'triage'] }, trigger('issue'), key);
  expect(gitlab.calls()).toEqual([`GET ${API}/issues/3`, `PUT ${API}/issues/3`]);
  expect(gitlab.requests.at(-1)?.body).toEqual({ add_labels: 'triage' });
  expect(project.labels('issues', 3)).toEqual(['bug', 'triage']);
  gitlab.clearCalls();
  await host.applyOutput({ kind: 'add_labels', labels: ['BUG', 'triage'] }, trigger('issue'), key);
  await host.applyOutput({ kind: 'remove_labels', labels: ['wontfix'] }, trigger('issue'), { ...key, kind: 'remove_labels' });
  expect(gitlab.calls()).toEqual([`GET ${API}/issues/3`, `GET ${API}/issues/3`]);
});

test("a merge request's labels are read afresh before a change: one removed since the run read the MR is added again", async () => {
  const { gitlab, project, host } = await setup({ rerun: true });
  const mr = project.mergeRequest(7, { labels: ['bug'] });
  // The run read the merge request at its start (completeTrigger), with `bug` on it.
  await host.completeTrigger(trigger('mr'));
  mr.labels.splice(0);
  gitlab.clearCalls();
  await host.applyOutput({ kind: 'add_labels', labels: ['bug'] }, trigger('mr'), { agent: 'a', kind: 'add_labels', index: 1 });
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7`, `PUT ${API}/merge_requests/7`]);
  expect(project.labels('merge_requests', 7)).toEqual(['bug']);
});
