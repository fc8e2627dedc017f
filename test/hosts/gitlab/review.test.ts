import { expect, test } from 'vitest';
import { GITLAB_RULES } from '../../../src/hosts/gitlab/rules.js';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { neutralizeMentions } from '../../../src/markdown/index.js';
import { sanitizeOutput } from '../../../src/publish/sanitize.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import type { ProposedOutput } from '../../../src/tools/types.js';
import { API, BASE_SHA, HEAD_SHA, README_DIFF, setup, trigger } from './helpers.js';

const refs = { base_sha: BASE_SHA, start_sha: BASE_SHA, head_sha: HEAD_SHA };
const review = (
  comments: Array<{ path: string; line: number; body: string }>,
  event: 'COMMENT' | 'APPROVE' | 'REQUEST_CHANGES' = 'COMMENT',
): ProposedOutput => ({
  kind: 'submit_review',
  body: 'Overall fine.',
  event,
  comments,
});

async function mrSetup(options: Parameters<typeof setup>[0] = {}) {
  const context = await setup(options);
  context.project.mergeRequest(7, {
    diffs: [
      { old_path: 'README.md', new_path: 'README.md', diff: README_DIFF },
      { old_path: 'old.ts', new_path: 'new.ts', diff: '@@ -1,1 +1,1 @@\n-a\n+b\n', renamed_file: true },
      // Old lines 1 and 2 removed: the head has only line 1 (old 3).
      { old_path: 'trimmed.ts', new_path: 'trimmed.ts', diff: '@@ -1,3 +1,1 @@\n-a\n-b\n c\n' },
    ],
  });
  return context;
}

test('inline comments become draft notes positioned from diff_refs, published together, then the body as a note', async () => {
  const { gitlab, project, host, warnings } = await mrSetup();
  const applied = await host.applyOutput(
    review([
      { path: 'README.md', line: 11, body: 'added line' },
      { path: 'README.md', line: 10, body: 'context line' },
      { path: 'new.ts', line: 1, body: 'renamed file' },
    ]),
    trigger('mr'),
  );
  expect(gitlab.calls()).toEqual([
    `GET ${API}/merge_requests/7`,
    `GET ${API}/merge_requests/7/diffs`,
    `POST ${API}/merge_requests/7/draft_notes`,
    `POST ${API}/merge_requests/7/draft_notes`,
    `POST ${API}/merge_requests/7/draft_notes`,
    `POST ${API}/merge_requests/7/draft_notes/bulk_publish`,
    `POST ${API}/merge_requests/7/notes`,
  ]);
  const positions = gitlab.requests
    .filter((request) => request.path.endsWith('/draft_notes'))
    .map((request) => (request.body as { position: unknown }).position);
  expect(positions).toEqual([
    { ...refs, position_type: 'text', old_path: 'README.md', new_path: 'README.md', new_line: 11 },
    { ...refs, position_type: 'text', old_path: 'README.md', new_path: 'README.md', new_line: 10, old_line: 10 },
    { ...refs, position_type: 'text', old_path: 'old.ts', new_path: 'new.ts', new_line: 1 },
  ]);
  const notes = project.notes('merge_requests', 7);
  expect(notes.map((note) => [note.type, note.body])).toEqual([
    ['DiffNote', `added line\n\n${FLUE_COMMENT_MARKER}`],
    ['DiffNote', `context line\n\n${FLUE_COMMENT_MARKER}`],
    ['DiffNote', `renamed file\n\n${FLUE_COMMENT_MARKER}`],
    [null, `Overall fine.\n\n${FLUE_COMMENT_MARKER}`],
  ]);
  expect(applied).toEqual({ url: `http://gitlab.test/group/sub/app/-/merge_requests/7#note_${notes[3]?.id}` });
  expect(warnings).toEqual([]);
});

test('comments moved into the body are judged joined: a fence the body leaves open cannot let a mention or a quick action out', async () => {
  // Each part sanitized alone: the body's ``` opens a code block to its end, the comment's ``` opens one
  // over @octocat and a hidden comment before /merge (code: kept as written). Joined, the comment's ```
  // closes the body's: @octocat is prose, and with the hidden HTML removed /merge starts its line.
  const { project, host } = await mrSetup();
  const sanitized = sanitizeOutput(
    {
      kind: 'submit_review',
      body: 'Overall fine.\n\n```',
      event: 'COMMENT',
      comments: [{ path: 'src/other.ts', line: 1, body: '```\n@octocat\n<!-- x -->/merge' }],
    },
    createRedactor([]),
    GITLAB_RULES,
  );
  await host.applyOutput(sanitized, trigger('mr'));
  const posted = String(project.notes('merge_requests', 7).at(-1)?.body);
  expect(posted).toContain('@\u200boctocat');
  expect(neutralizeMentions(posted)).toBe(posted);
  expect(posted).not.toMatch(/^\/merge/m);
});

test("a comment on a line outside the diff, or on a removed line's old number, is moved into the body with a note", async () => {
  const { gitlab, project, host, warnings } = await mrSetup();
  const applied = await host.applyOutput(
    review([
      { path: 'README.md', line: 12, body: 'inline' },
      { path: 'README.md', line: 40, body: 'far away' },
      { path: 'src/other.ts', line: 1, body: 'not in the MR' },
      { path: 'trimmed.ts', line: 2, body: 'removed line' },
    ]),
    trigger('mr'),
  );
  const moved = '3 inline comments on lines outside the diff (README.md:40, src/other.ts:1, trimmed.ts:2) moved into the review body.';
  expect(applied.note).toBe(moved);
  expect(warnings).toEqual([`submit_review on !7: ${moved}`]);
  expect(gitlab.calls().filter((call) => call.endsWith('/draft_notes'))).toHaveLength(1);
  const body = project.notes('merge_requests', 7).at(-1)?.body;
  expect(body).toBe(
    [
      'Overall fine.',
      '### Comments on lines outside the diff',
      'GitLab accepts inline comments only on lines the diff shows, so these are listed here.',
      '**`README.md` line 40**\n\nfar away',
      '**`src/other.ts` line 1**\n\nnot in the MR',
      '**`trimmed.ts` line 2**\n\nremoved line',
      FLUE_COMMENT_MARKER,
    ].join('\n\n'),
  );
});

test('a position GitLab refuses (400) moves that comment into the body instead of failing the review', async () => {
  const { gitlab, project, host } = await mrSetup();
  gitlab.fail(`POST ${API}/merge_requests/7/draft_notes`, { status: 400, message: 'Note {:line_code=>["must be a valid line code"]}' });
  const applied = await host.applyOutput(
    review([
      { path: 'README.md', line: 11, body: 'refused' },
      { path: 'README.md', line: 12, body: 'kept' },
    ]),
    trigger('mr'),
  );
  expect(applied.note).toBe('1 inline comment on lines outside the diff (README.md:11) moved into the review body.');
  expect(project.notes('merge_requests', 7).map((note) => note.type)).toEqual(['DiffNote', null]);
});

test('without inline comments only the body note is posted: no draft notes, no publish', async () => {
  const { gitlab, host } = await mrSetup();
  await host.applyOutput(review([]), trigger('mr'));
  expect(gitlab.calls()).toEqual([`POST ${API}/merge_requests/7/notes`]);
});

test('while GitLab still computes the diff (diff_refs null) every comment goes into the body', async () => {
  const { gitlab, project, host } = await setup();
  project.mergeRequest(7, { diff_refs: null });
  const applied = await host.applyOutput(review([{ path: 'README.md', line: 11, body: 'x' }]), trigger('mr'));
  expect(applied.note).toBe('1 inline comment on lines outside the diff (README.md:11) moved into the review body.');
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/7`, `POST ${API}/merge_requests/7/notes`]);
});

test('APPROVE approves the merge request only when the host may; otherwise the log says it did not', async () => {
  const off = await mrSetup();
  const applied = await off.host.applyOutput(review([], 'APPROVE'), trigger('mr'));
  expect(applied.note).toBe('The agent approved; the merge request was not approved in GitLab (approvals are not enabled for flue-action).');
  expect(off.gitlab.calls()).not.toContain(`POST ${API}/merge_requests/7/approve`);

  const on = await mrSetup({ approve: true });
  await expect(on.host.applyOutput(review([], 'APPROVE'), trigger('mr'))).resolves.not.toHaveProperty('note');
  expect(on.gitlab.calls()).toContain(`POST ${API}/merge_requests/7/approve`);
  expect(on.gitlab.requests.at(-1)?.body).toEqual({ sha: HEAD_SHA });
  expect(on.project.threads.get('merge_requests/7')?.approvedBy).toEqual(['project_42_bot_1']);
});

test('an approval GitLab refuses is a warning and a note, not a failed review', async () => {
  const { gitlab, host, warnings } = await mrSetup({ approve: true });
  gitlab.fail(`POST ${API}/merge_requests/7/approve`, { status: 401 });
  const applied = await host.applyOutput(review([], 'APPROVE'), trigger('mr'));
  const said = `The merge request was not approved: GitLab API POST ${API}/merge_requests/7/approve failed: 401 Unauthorized.`;
  expect(applied.note?.startsWith(said)).toBe(true);
  expect(warnings[0]?.startsWith(`submit_review on !7: ${said}`)).toBe(true);
});

test('an approval names the head the run read: if the MR moved on since, GitLab refuses (409) and nothing unseen is approved', async () => {
  const { gitlab, project, host } = await mrSetup({ approve: true });
  await host.completeTrigger(trigger('mr'));
  const mr = project.threads.get('merge_requests/7');
  if (mr) mr.data.sha = 'd00d000000000000000000000000000000000002';
  const applied = await host.applyOutput(review([], 'APPROVE'), trigger('mr'));
  expect(gitlab.requests.at(-1)?.body).toEqual({ sha: HEAD_SHA });
  expect(applied.note).toBe(
    `The merge request was not approved: GitLab API POST ${API}/merge_requests/7/approve failed: 409 Conflict - SHA does not match HEAD of source branch: d00d000000000000000000000000000000000002`,
  );
  expect(mr?.approvedBy).toEqual([]);
});

test('REQUEST_CHANGES is posted as comments, and the log says GitLab has no such verdict here', async () => {
  const { host } = await mrSetup();
  const applied = await host.applyOutput(review([], 'REQUEST_CHANGES'), trigger('mr'));
  expect(applied.note).toBe('GitLab has no "request changes" verdict through this API: the review was posted as comments.');
});
