import { expect, test } from 'vitest';
import { FLUE_COMMENT_MARKER, progressMarker } from '../../../src/hosts/markers.js';
import { API, RUN_URL, TOKEN, hostOn, setup, trigger } from './helpers.js';

const MARKERS = `${FLUE_COMMENT_MARKER}\n${progressMarker('triage', '77')}`;
const STARTED = `${MARKERS}\n\n⏳ flue-action (\`triage\`) is working on this… [view pipeline](${RUN_URL})`;

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

test('the first run posts the note: working, with a link to the pipeline', async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7);
  const reporter = await host.startProgress(trigger('mr'), 'triage');
  expect(reporter).toBeDefined();
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7/notes`, `POST ${API}/merge_requests/7/notes`]);
  expect(project.notes('merge_requests', 7).map((note) => note.body)).toEqual([STARTED]);
});

test("a retried job finds its own note by the marker and edits it; a stranger's quoting note is left alone", async () => {
  const { gitlab, project, host } = await setup();
  const issue = project.issue(3);
  const quote = project.note(issue, { body: `quoting ${progressMarker('triage', '77')}`, author: 'mallory' });
  const mine = project.note(issue, { body: `${MARKERS}\n\nfinished last time`, author: 'project_42_bot_1' });
  await host.startProgress(trigger('issue'), 'triage');
  expect(gitlab.calls()).toEqual([`GET ${API}/issues/3/notes`, 'GET /user', `PUT ${API}/issues/3/notes/${mine.id}`]);
  expect(project.notes('issues', 3).map((note) => note.body)).toEqual([quote.body, STARTED]);
});

test('edits while working are throttled; the finished state is always written, and nothing after it', async () => {
  const time = clock();
  const { gitlab, project, host } = await setup({ now: time.now, progressIntervalMs: 10_000 });
  project.issue(3);
  const reporter = await host.startProgress(trigger('issue'), 'triage');
  gitlab.clearCalls();
  const id = project.notes('issues', 3)[0]?.id;

  await reporter?.update({ phase: 'working', line: 'turn 1 · read README.md' });
  time.advance(9_999);
  await reporter?.update({ phase: 'working', line: 'turn 2' });
  expect(gitlab.calls()).toEqual([]);
  time.advance(1);
  await reporter?.update({ phase: 'working', line: 'turn 3 · read docs/a.md' });
  expect(gitlab.calls()).toEqual([`PUT ${API}/issues/3/notes/${id}`]);
  expect(project.notes('issues', 3)[0]?.body).toBe(`${STARTED}\n\nturn 3 · read docs/a.md`);

  await reporter?.update({ phase: 'finished', line: 'success · 3 turns', details: `| cost | $0.01 |\nsecret ${TOKEN}` });
  await reporter?.update({ phase: 'working', line: 'late' });
  expect(gitlab.calls()).toHaveLength(2);
  expect(project.notes('issues', 3)[0]?.body).toBe(
    `${MARKERS}\n\nflue-action (\`triage\`) finished · [view pipeline](${RUN_URL})\n\nsuccess · 3 turns\n\n| cost | $0.01 |\nsecret [REDACTED]`,
  );
});

test("a quick action in the working line (the model's tool argument) is shifted off the line start, so GitLab does not run it", async () => {
  const time = clock();
  const { project, host } = await setup({ now: time.now, progressIntervalMs: 0 });
  project.issue(3);
  const reporter = await host.startProgress(trigger('issue'), 'triage');
  await reporter?.update({ phase: 'finished', line: 'done', details: 'result:\n/merge\n/label ~approved' });
  expect(project.notes('issues', 3)[0]?.body).toBe(
    `${MARKERS}\n\nflue-action (\`triage\`) finished · [view pipeline](${RUN_URL})\n\ndone\n\nresult:\n /merge\n /label ~approved`,
  );
});

test('resumeProgress finishes the note another process started, from its handle alone', async () => {
  const { project, host, gitlab } = await setup();
  project.mergeRequest(7);
  const reporter = await host.startProgress(trigger('mr'), 'triage');
  const handle = reporter?.handle ?? '';
  const other = hostOn(gitlab);
  const resumed = other.resumeProgress(handle);
  await resumed?.update({ phase: 'finished', line: 'cancelled' });
  expect(project.notes('merge_requests', 7)[0]?.body).toBe(
    `${MARKERS}\n\nflue-action (\`triage\`) finished · [view pipeline](${RUN_URL})\n\ncancelled`,
  );
  expect(host.resumeProgress('not json')).toBeUndefined();
  expect(host.resumeProgress(JSON.stringify({ comment: 1, number: 1, pullRequest: true, agent: 'a' }))).toBeUndefined();
});

test('a refused note is a warning, never a failure; so is a refused edit', async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.issue(3);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 403 });
  await expect(host.startProgress(trigger('issue'), 'triage')).resolves.toBeUndefined();
  expect(warnings[0]).toBe(
    `The progress note on #3 was not posted: GitLab API POST ${API}/issues/3/notes failed: 403 Forbidden. The token needs the api scope and the Developer role (or above) on the project`,
  );
  const reporter = await host.startProgress(trigger('issue'), 'triage');
  gitlab.fail(/^PUT /, { status: 500 });
  await reporter?.update({ phase: 'finished', line: 'done' });
  expect(warnings[1]).toMatch(/^The progress note was not updated: GitLab API PUT .* failed: 500 Internal Server Error$/);
});

test('no note when turned off or when there is no thread', async () => {
  const { gitlab, host } = await setup({ progressNote: false });
  await expect(host.startProgress(trigger('issue'), 'triage')).resolves.toBeUndefined();
  const on = await setup();
  await expect(on.host.startProgress(trigger('issue', { number: undefined }), 'triage')).resolves.toBeUndefined();
  expect([...gitlab.calls(), ...on.gitlab.calls()]).toEqual([]);
});
