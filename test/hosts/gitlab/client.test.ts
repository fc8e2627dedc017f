import { expect, test } from 'vitest';
import { GitLabClient, pacesWrites } from '../../../src/hosts/gitlab/client.js';
import { API, setup, TOKEN, trigger } from './helpers.js';

const comment = { kind: 'add_comment' as const, body: 'hi' };
const labels = { kind: 'add_labels' as const, labels: ['bug'] };

test('429 with Retry-After is waited out and retried, with a warning naming the call', async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.issue(3);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 429, headers: { 'retry-after': '7' } });
  const started = Date.now();
  await host.applyOutput(comment, trigger('issue'));
  // Node's timers may fire a millisecond early by Date.now()'s clock.
  expect(Date.now() - started).toBeGreaterThanOrEqual(6);
  expect(gitlab.calls()).toEqual([`POST ${API}/issues/3/notes`, `POST ${API}/issues/3/notes`]);
  expect(warnings).toEqual([`GitLab API POST ${API}/issues/3/notes: 429; retrying in 7.0 s (retry 1 of 3).`]);
  expect(project.notes('issues', 3)).toHaveLength(1);
});

test('RateLimit-Reset (a Unix time) is honoured when there is no Retry-After', async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.issue(3);
  gitlab.fail(`PUT ${API}/issues/3`, { status: 429, headers: { 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 2) } });
  await host.applyOutput({ kind: 'add_labels', labels: ['x'] }, trigger('issue'));
  expect(warnings[0]).toMatch(new RegExp(`^GitLab API PUT ${API}/issues/3: 429; retrying in [23]\\.0 s \\(retry 1 of 3\\)\\.$`));
});

test('502, 503, 504 and a reset connection are retried with backoff; a call still failing after the retries fails', async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.issue(3);
  gitlab.fail(`PUT ${API}/issues/3`, { status: 502 });
  gitlab.fail(`PUT ${API}/issues/3`, { status: 0, reset: true });
  gitlab.fail(`PUT ${API}/issues/3`, { status: 504 });
  await host.applyOutput(labels, trigger('issue'));
  expect(gitlab.calls()).toHaveLength(4);
  // Node names a closed socket in words and a code that vary with its version (UND_ERR_SOCKET, ECONNRESET).
  expect(warnings.map((warning) => warning.replace(/in [\d.]+ s/, 'in N s').replace(/3: [a-z ]+ \([A-Z_]+\);/, '3: CLOSED;'))).toEqual([
    `GitLab API PUT ${API}/issues/3: 502; retrying in N s (retry 1 of 3).`,
    `GitLab API PUT ${API}/issues/3: CLOSED; retrying in N s (retry 2 of 3).`,
    `GitLab API PUT ${API}/issues/3: 504; retrying in N s (retry 3 of 3).`,
  ]);
  gitlab.fail(`PUT ${API}/issues/3`, { status: 503 }, 4);
  await expect(host.applyOutput(labels, trigger('issue'))).rejects.toThrow(`GitLab API PUT ${API}/issues/3 failed: 503 Service Unavailable`);
});

test('a note is sent once at a time: after a 5xx or a lost connection the runner looks for it before sending it again', async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  const key = { agent: 'a', kind: 'add_comment', index: 1 } as const;
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 502 });
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 0, reset: true });
  await host.applyOutput(comment, trigger('issue'), key);
  // Neither failure had written the note: it is sent a third time, after two looks.
  expect(gitlab.calls()).toEqual([
    `POST ${API}/issues/3/notes`,
    `GET ${API}/issues/3/notes`,
    `POST ${API}/issues/3/notes`,
    `GET ${API}/issues/3/notes`,
    `POST ${API}/issues/3/notes`,
  ]);
  expect(project.notes('issues', 3)).toHaveLength(1);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 503 }, 4);
  await expect(host.applyOutput(comment, trigger('issue'), { ...key, index: 2 })).rejects.toThrow(
    `GitLab API POST ${API}/issues/3/notes failed: 503 Service Unavailable`,
  );
});

test("a wait longer than a run waits fails at once, with GitLab's wait named", async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.issue(3);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 429, headers: { 'retry-after': '3600' } });
  await expect(host.applyOutput(comment, trigger('issue'))).rejects.toThrow(`GitLab API POST ${API}/issues/3/notes failed: 429 Too Many Requests`);
  expect(warnings).toEqual([`GitLab API POST ${API}/issues/3/notes: 429, and GitLab asks to wait 3600 s: longer than the 120 s a run waits.`]);
  expect(gitlab.calls()).toHaveLength(1);
});

test('a hung answer times out per attempt and is retried', async () => {
  const { gitlab, project, host, warnings } = await setup({ client: { retryUnitMs: 1, requestTimeoutMs: 500 } });
  project.issue(3);
  gitlab.fail(`PUT ${API}/issues/3`, { status: 200, delayMs: 5_000 });
  await host.applyOutput(labels, trigger('issue'));
  expect(warnings[0]).toMatch(/: no answer within 500 ms; retrying in/);
  expect(project.labels('issues', 3)).toEqual(['bug']);
});

test('a 400, 401, 403 or 404 is not retried', async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 400, body: { message: { note: ['is too long (maximum is 1000000 characters)'] } } });
  await expect(host.applyOutput(comment, trigger('issue'))).rejects.toThrow(
    `GitLab API POST ${API}/issues/3/notes failed: 400 Bad Request - note is too long (maximum is 1000000 characters)`,
  );
  expect(gitlab.calls()).toHaveLength(1);
});

test("OAuth's insufficient_scope answer is shown with its description", async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  const body = {
    error: 'insufficient_scope',
    error_description: 'The request requires higher privileges than provided by the access token.',
    scope: 'api',
  };
  gitlab.fail(`POST ${API}/issues/3/notes`, { status: 403, body });
  await expect(host.applyOutput(comment, trigger('issue'))).rejects.toThrow(
    `failed: 403 Forbidden - insufficient_scope: The request requires higher privileges than provided by the access token.. The token needs the api scope`,
  );
});

test('listings follow x-next-page across pages of 100', async () => {
  const { gitlab, project, host } = await setup();
  const issue = project.issue(3);
  for (let index = 0; index < 150; index += 1) project.note(issue, { body: `note ${index}` });
  const context = await host.fetchContext(trigger('issue'));
  expect(gitlab.calls({ query: true })).toEqual([
    `GET ${API}/issues/3/notes?sort=asc&order_by=created_at&per_page=100`,
    `GET ${API}/issues/3/notes?sort=asc&order_by=created_at&per_page=100&page=2`,
  ]);
  expect(context.comments?.at(-1)?.body).toBe('note 149');
});

test('without x-next-page the Link header is followed, but only to the API the client was given', async () => {
  const { gitlab, project, host } = await setup();
  const issue = project.issue(3);
  for (let index = 0; index < 100; index += 1) project.note(issue, { body: `note ${index}` });
  project.note(issue, { body: 'second page' });
  const page = (link: string) => ({ status: 200, body: [], headers: { link: `<${link}>; rel="next"`, 'x-next-page': '' } });
  gitlab.fail(`GET ${API}/issues/3/notes`, page(`${gitlab.url}${API}/issues/3/notes?page=2&per_page=100&sort=asc&order_by=created_at`));
  const context = await host.fetchContext(trigger('issue'));
  // The injected first page is empty; the link's page 2 holds the 101st note alone.
  expect(context.comments?.map((entry) => entry.body)).toEqual(['second page']);
  expect(gitlab.calls({ query: true }).at(-1)).toBe(`GET ${API}/issues/3/notes?sort=asc&order_by=created_at&per_page=100&page=2`);

  const other = await setup();
  other.project.issue(3);
  other.gitlab.fail(`GET ${API}/issues/3/notes`, page('https://evil.example/api/v4/projects/42/issues/3/notes?page=2'));
  await other.host.fetchContext(trigger('issue'));
  expect(other.gitlab.calls()).toEqual([`GET ${API}/issues/3/notes`]);
});

test('a project named by path is URL-encoded, slashes included', async () => {
  const { gitlab, project } = await setup();
  project.issue(3);
  const client = new GitLabClient({ baseUrl: `${gitlab.url}/`, token: TOKEN, tokenKind: 'private', warn: () => {} });
  await client.request('GET', `/projects/${encodeURIComponent('group/sub/app')}/issues/3`);
  expect(gitlab.calls()).toEqual(['GET /projects/group%2Fsub%2Fapp/issues/3']);
  expect(gitlab.requests[0]?.privateToken).toBe(TOKEN);
});

test('CI_JOB_TOKEN goes in JOB-TOKEN, never in PRIVATE-TOKEN', async () => {
  const { gitlab, project, host } = await setup({ tokenKind: 'job', token: 'job-1' }, { jobToken: 'job-1' });
  project.issue(3);
  await host.fetchContext(trigger('issue'));
  expect(gitlab.requests[0]).toMatchObject({ jobToken: 'job-1', privateToken: undefined });
});

test('writes are spaced on GitLab itself, not on a loopback address', () => {
  expect(pacesWrites('https://gitlab.com/api/v4')).toBe(true);
  expect(pacesWrites('http://127.0.0.1:8080/api/v4')).toBe(false);
  expect(pacesWrites('http://localhost/api/v4')).toBe(false);
});

test("an answer that is not JSON (a proxy's page) names the call instead of failing to parse", async () => {
  const { gitlab, project, host } = await setup();
  project.issue(3);
  gitlab.fail(`GET ${API}/issues/3/notes`, { status: 200, body: Buffer.from('<html>login</html>') });
  await expect(host.fetchContext(trigger('issue'))).rejects.toThrow(
    `GitLab API GET ${API}/issues/3/notes answered 200 with a body that is not JSON: "<html>login</html>". Check CI_API_V4_URL.`,
  );
  gitlab.fail(`GET ${API}/issues/3/notes`, { status: 200, body: { message: 'not a list' } });
  await expect(host.fetchContext(trigger('issue'))).rejects.toThrow(`GitLab API GET ${API}/issues/3/notes answered 200 without a list.`);
});
