import { expect, onTestFinished, test } from 'vitest';
import { FLUE_COMMENT_MARKER, progressMarker } from '../../../src/hosts/markers.js';
import { LIMITS } from '../../../src/limits.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import { triggerFromInput } from '../../../src/trigger/input.js';
import { startFakeGitHub } from '../../fakes/github.js';
import { API, RUN_URL, hostOn, issueEvent, pullRequestEvent, setup } from './helpers.js';

const MARKERS = `${FLUE_COMMENT_MARKER}\n${progressMarker('triage', '77')}`;
const STARTED = `${MARKERS}\n\n⏳ flue-action (\`triage\`) is working on this… [view run](${RUN_URL})`;

/** A clock the test moves by hand. */
function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

test('the first run creates the comment: working, with a link to the run', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  expect(reporter).toBeDefined();
  expect(github.calls({ query: true })).toEqual([`GET ${API}/issues/1/comments?per_page=100`, `POST ${API}/issues/1/comments`]);
  expect(github.requests[1]?.body).toEqual({ body: STARTED });
  expect(repo.comments(1)).toHaveLength(1);
});

test('a re-run finds its comment by the marker, past the first page, and updates it instead of posting another', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  // A person quoting the marker is not the action: their comment is never taken over.
  repo.comment(1, { body: `quoting ${progressMarker('triage', '77')}`, user: 'mallory' });
  for (let index = 0; index < 120; index += 1) repo.comment(1, { body: `chatter ${index}`, user: 'bob' });
  const mine = repo.comment(1, { body: `${MARKERS}\n\nfinished last time`, user: 'github-actions[bot]' });
  repo.comment(1, { body: `${FLUE_COMMENT_MARKER}\n${progressMarker('other-agent', '77')}`, user: 'github-actions[bot]' });
  await host.startProgress(trigger, 'triage');
  expect(github.calls({ query: true })).toEqual([
    `GET ${API}/issues/1/comments?per_page=100`,
    `GET ${API}/issues/1/comments?per_page=100&page=2`,
    // Who the token writes as (GraphQL viewer), asked once a marked comment is found.
    'POST /graphql',
    `PATCH ${API}/issues/comments/${mine.id}`,
  ]);
  expect(github.requests[3]?.body).toEqual({ body: STARTED });
  expect(repo.comments(1)).toHaveLength(123);
});

test('with a personal token (its user is no bot) a re-run still finds its own comment', async () => {
  const github = await startFakeGitHub({ token: 'ghs_test', actor: { login: 'release-user', type: 'User' } });
  onTestFinished(() => github.close());
  const host = hostOn(github);
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const mine = repo.comment(1, { body: `${MARKERS}\n\nfinished last time`, user: 'release-user' });
  await host.startProgress(trigger, 'triage');
  expect(github.calls()).toEqual([`GET ${API}/issues/1/comments`, 'POST /graphql', `PATCH ${API}/issues/comments/${mine.id}`]);
  expect(repo.comments(1).map((comment) => comment.body)).toEqual([STARTED]);
});

test('updates while working are throttled; the finished state is always written', async () => {
  const time = clock();
  const { github, host } = await setup({ now: time.now, progressIntervalMs: 10_000 });
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  github.clearCalls();
  const id = repo.comments(1)[0]?.id;

  await reporter?.update({ phase: 'working', line: 'turn 1 · read README.md' });
  time.advance(9_999);
  await reporter?.update({ phase: 'working', line: 'turn 2 · grep spelling' });
  expect(github.calls()).toEqual([]);

  time.advance(1);
  await reporter?.update({ phase: 'working', line: 'turn 3 · read docs/a.md' });
  expect(github.calls()).toEqual([`PATCH ${API}/issues/comments/${id}`]);
  expect(repo.comments(1)[0]?.body).toBe(`${STARTED}\n\nturn 3 · read docs/a.md`);

  time.advance(1);
  await reporter?.update({ phase: 'finished', line: '✅ succeeded', details: '| turns | 3 |\n|---|---|\n\nThanks @alice' });
  expect(github.calls()).toHaveLength(2);
  expect(repo.comments(1)[0]?.body).toBe(
    `${MARKERS}\n\nflue-action (\`triage\`) finished · [view run](${RUN_URL})\n\n✅ succeeded\n\n| turns | 3 |\n|---|---|\n\nThanks @\u200balice`,
  );

  // Nothing after the end: a late event cannot turn a finished comment back to working.
  time.advance(60_000);
  await reporter?.update({ phase: 'working', line: 'late' });
  await reporter?.update({ phase: 'finished', line: 'again' });
  expect(github.calls()).toHaveLength(2);
});

test('edits reach GitHub in order even when nobody awaits them', async () => {
  const time = clock();
  const { github, host } = await setup({ now: time.now, progressIntervalMs: 0 });
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  void reporter?.update({ phase: 'working', line: 'one' });
  void reporter?.update({ phase: 'working', line: 'two' });
  await reporter?.update({ phase: 'finished', line: 'done' });
  expect(github.requests.slice(2).map((request) => (request.body as { body: string }).body.split('\n\n').at(-1))).toEqual(['one', 'two', 'done']);
  expect(repo.comments(1)[0]?.body).toMatch(/\n\ndone$/);
});

test('a failed edit is a warning, never an exception, and the next edit still goes out', async () => {
  const time = clock();
  const { github, host, warnings } = await setup({ now: time.now, progressIntervalMs: 0 }, { retries: 0 });
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  const id = repo.comments(1)[0]?.id;
  github.fail(`PATCH ${API}/issues/comments/${id}`, { status: 500 });
  await expect(reporter?.update({ phase: 'working', line: 'x' })).resolves.toBeUndefined();
  await reporter?.update({ phase: 'finished', line: 'done' });
  expect(warnings).toEqual([`The progress comment was not updated: PATCH ${API}/issues/comments/${id} failed: 500 Server Error`]);
  expect(repo.comments(1)[0]?.body).toMatch(/\n\ndone$/);
});

test('a refused start is a warning and no reporter', async () => {
  const { github, host, warnings } = await setup();
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(`POST ${API}/issues/1/comments`, { status: 403 });
  await expect(host.startProgress(trigger, 'triage')).resolves.toBeUndefined();
  expect(warnings).toEqual([
    `The progress comment on #1 was not posted: POST ${API}/issues/1/comments failed: 403 Resource not accessible by integration. ` +
      'Give the workflow permissions: issues: write',
  ]);
});

test('no progress comment when turned off or when there is nothing to comment on', async () => {
  const off = await setup({ progressComment: false });
  await expect(off.host.startProgress(issueEvent().trigger, 'triage')).resolves.toBeUndefined();
  expect(off.github.calls()).toEqual([]);
  const on = await setup();
  await expect(on.host.startProgress(triggerFromInput({}), 'triage')).resolves.toBeUndefined();
  expect(on.github.calls()).toEqual([]);
});

test('the default interval is the one in LIMITS', async () => {
  const time = clock();
  const { github, host } = await setup({ now: time.now });
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  github.clearCalls();
  time.advance(LIMITS.progressUpdateIntervalMs - 1);
  await reporter?.update({ phase: 'working', line: 'too soon' });
  expect(github.calls()).toEqual([]);
  time.advance(1);
  await reporter?.update({ phase: 'working', line: 'now' });
  expect(github.calls()).toHaveLength(1);
});

test('another process (the post step) finishes the comment from its handle, as the run that made it would', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = pullRequestEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'review');
  const id = repo.comments(2)[0]?.id;
  expect(reporter?.handle).toBe(`{"comment":${id},"number":2,"pullRequest":true,"agent":"review"}`);
  github.clearCalls();

  const later = hostOn(github, { runId: '77', runUrl: RUN_URL }).resumeProgress(reporter?.handle ?? '');
  await later?.update({ phase: 'finished', line: '🚫 stopped', details: 'Ask @alice' });
  expect(github.calls()).toEqual([`PATCH ${API}/issues/comments/${id}`]);
  expect(repo.comments(2)[0]?.body).toBe(
    `${FLUE_COMMENT_MARKER}\n${progressMarker('review', '77')}\n\nflue-action (\`review\`) finished · [view run](${RUN_URL})\n\n🚫 stopped\n\nAsk @\u200balice`,
  );
});

test.each(['', 'not json', '{"comment":"5001","number":1,"pullRequest":false,"agent":"x"}', '{"comment":5001,"number":1}', 'null'])(
  'a handle this host did not make (%j) resumes nothing',
  async (handle) => {
    const { github, host } = await setup();
    expect(host.resumeProgress(handle)).toBeUndefined();
    expect(github.calls()).toEqual([]);
  },
);

test('every byte but the markers passes the run’s sanitizer and redactor: line, details, working lines alike', async () => {
  const time = clock();
  const { github, host } = await setup({ now: time.now, progressIntervalMs: 0, redactor: createRedactor(['gateway-key-0f1e2d3c4b5a']) });
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const reporter = await host.startProgress(trigger, 'triage');
  await reporter?.update({ phase: 'working', line: 'turn 1: bash echo gateway-key-0f1e2d3c4b5a @alice' });
  expect(repo.comments(1)[0]?.body).toBe(`${STARTED}\n\nturn 1: bash echo [REDACTED] @\u200balice`);
  await reporter?.update({
    phase: 'finished',
    line: `❌ failed: ghs_${'A'.repeat(36)}\u0007`,
    details: 'key gateway-key-0f1e2d3c4b5a, ask @bob',
  });
  expect(repo.comments(1)[0]?.body).toBe(
    `${MARKERS}\n\nflue-action (\`triage\`) finished · [view run](${RUN_URL})\n\n❌ failed: [REDACTED]\n\nkey [REDACTED], ask @\u200bbob`,
  );
});
