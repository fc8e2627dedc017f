import { expect, test } from 'vitest';
import { createGitHubClient, pacesWrites } from '../../../src/hosts/github/client.js';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { primaryRateLimit, secondaryRateLimit, startFakeGitHub } from '../../fakes/github.js';
import { API, issueEvent, setup } from './helpers.js';

const COMMENTS = `POST ${API}/issues/1/comments`;
const comment = { kind: 'add_comment' as const, body: 'hi' };

test('a 500 is retried, then the call succeeds', async () => {
  const { github, host, warnings } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  github.fail(COMMENTS, { status: 500 }, 2);
  await host.applyOutput(comment, trigger);
  expect(github.calls()).toEqual([COMMENTS, COMMENTS, COMMENTS]);
  expect(repo.comments(1).map((entry) => entry.body)).toEqual([`hi\n\n${FLUE_COMMENT_MARKER}`]);
  expect(warnings).toEqual([]);
});

test('server errors past the retries fail with the call named', async () => {
  const { github, host } = await setup({}, { retries: 2 });
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(COMMENTS, { status: 502 }, 5);
  await expect(host.applyOutput(comment, trigger)).rejects.toThrow(`${COMMENTS} failed: 502 Bad Gateway`);
  expect(github.calls()).toEqual([COMMENTS, COMMENTS, COMMENTS]);
});

test.each([403, 429] as const)('a secondary rate limit (%i) waits for retry-after, warns, and retries', async (status) => {
  const { github, host, warnings } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  github.fail(COMMENTS, secondaryRateLimit({ status, retryAfter: 30 }), 2);
  const started = Date.now();
  await host.applyOutput(comment, trigger);
  // retry-after 30 s at the test's 1 ms a second: the wait is honoured, in milliseconds.
  expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  expect(github.calls()).toEqual([COMMENTS, COMMENTS, COMMENTS]);
  expect(repo.comments(1)).toHaveLength(1);
  expect(warnings).toEqual([
    `${COMMENTS} hit GitHub's secondary rate limit; retrying in 30 s (retry 1 of 3).`,
    `${COMMENTS} hit GitHub's secondary rate limit; retrying in 30 s (retry 2 of 3).`,
  ]);
});

test('a secondary rate limit that persists gives up after the retries', async () => {
  const { github, host, warnings } = await setup({}, { retries: 1 });
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(COMMENTS, secondaryRateLimit({ retryAfter: 1 }), 5);
  await expect(host.applyOutput(comment, trigger)).rejects.toThrow(
    `${COMMENTS} failed: 403 You have exceeded a secondary rate limit. Please wait a few minutes before you try again.`,
  );
  expect(github.calls()).toEqual([COMMENTS, COMMENTS]);
  expect(warnings).toEqual([
    `${COMMENTS} hit GitHub's secondary rate limit; retrying in 1 s (retry 1 of 1).`,
    `${COMMENTS} hit GitHub's secondary rate limit 2 times; giving up.`,
  ]);
});

test('a primary rate limit is waited out when it resets soon, and not when it is far off', async () => {
  const { github, host, warnings } = await setup();
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  github.fail(COMMENTS, primaryRateLimit({ resetInSeconds: 0 }));
  await host.applyOutput(comment, trigger);
  expect(github.calls()).toEqual([COMMENTS, COMMENTS]);
  // x-ratelimit-reset is a whole second: the wait is 1 s, or 0 s when that second had passed by the time the answer came.
  expect(warnings).toEqual([
    expect.stringMatching(new RegExp(`^${escapeRegExp(COMMENTS)} hit GitHub's primary rate limit; retrying in [01] s \\(retry 1 of 3\\)\\.$`)),
  ]);

  github.clearCalls();
  warnings.splice(0);
  github.fail(COMMENTS, primaryRateLimit({ resetInSeconds: 3600 }));
  await expect(host.applyOutput(comment, trigger)).rejects.toThrow(`${COMMENTS} failed: 403 API rate limit exceeded for installation ID 1.`);
  expect(github.calls()).toEqual([COMMENTS]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    new RegExp(`^${escapeRegExp(COMMENTS)} hit GitHub's primary rate limit, which resets in 360\\d s: longer than the 120 s a run waits\\.$`),
  );
});

test('an attempt that outlives the request timeout is abandoned and retried', async () => {
  const { github, host } = await setup({}, { requestTimeoutMs: 500 });
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  github.fail(COMMENTS, { status: 500, delayMs: 5_000 });
  const started = Date.now();
  await host.applyOutput(comment, trigger);
  // Abandoned at 500 ms, not waited out: the slow answer would come at 5 s.
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(github.calls()).toEqual([COMMENTS, COMMENTS]);
  expect(repo.comments(1)).toHaveLength(1);
});

test('a refused token is a 401 naming the github-token input, not retried', async () => {
  const { github, host } = await setup({}, { token: 'wrong' });
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  await expect(host.applyOutput(comment, trigger)).rejects.toThrow(
    `${COMMENTS} failed: 401 Bad credentials. GitHub refused the token: check the github-token input`,
  );
  expect(github.calls()).toEqual([COMMENTS]);
});

test('a network failure names the call', async () => {
  const { github, host } = await setup({}, { retries: 0 });
  const { payload, trigger } = issueEvent();
  github.seedFromPayload(payload);
  await github.close();
  await expect(host.applyOutput(comment, trigger)).rejects.toThrow(
    new RegExp(`^${escapeRegExp(COMMENTS)} failed: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+$`),
  );
});

test('writes to an API on this machine (the fake, or a proxy) are not paced', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const started = Date.now();
  for (const body of ['one', 'two', 'three']) await host.applyOutput({ kind: 'add_comment', body }, trigger);
  // Paced, the three comments (writes that notify) would be 3 s apart.
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(repo.comments(1)).toHaveLength(3);
});

test('writes to any other API are paced as GitHub asks: a second apart', async () => {
  const github = await startFakeGitHub();
  github.seedFromPayload(issueEvent().payload);
  try {
    const octokit = createGitHubClient({ token: 't', baseUrl: 'https://ghe.example.com/api/v3', userAgent: 'flue-action/test', warn: () => {} });
    // The client decides from the URL it was given; each request then goes to the fake.
    octokit.hook.before('request', (options) => void (options.baseUrl = github.url));
    const label = { owner: 'Codertocat', repo: 'Hello-World', issue_number: 1 };
    const started = Date.now();
    await octokit.rest.issues.addLabels({ ...label, labels: ['a'] });
    await octokit.rest.issues.addLabels({ ...label, labels: ['b'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(github.calls()).toEqual([`POST ${API}/issues/1/labels`, `POST ${API}/issues/1/labels`]);
  } finally {
    await github.close();
  }
});

test.each([
  ['https://api.github.com', true],
  ['https://ghe.example.com/api/v3', true],
  ['http://10.0.0.5:8080', true],
  ['http://127.0.0.1.example.com', true],
  ['http://localhost.example.com', true],
  ['http://[::2]:8080', true],
  ['not a url', true],
  ['http://127.0.0.1:4010', false],
  ['http://127.8.9.10', false],
  ['http://127.1:4010', false],
  ['http://[::1]:4010/api/v3', false],
  ['http://localhost:4010', false],
  ['http://LOCALHOST:4010', false],
] as const)('writes to %s are paced: %s', (baseUrl, paced) => {
  expect(pacesWrites(baseUrl)).toBe(paced);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
