/**
 * The fake GitLab API answers in GitLab's documented shapes: every field of the samples copied from
 * GitLab's REST documentation (test/fixtures/gitlab-api/) is in the fake's answer, with the same JSON type.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { API, TOKEN, setup } from './helpers.js';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/gitlab-api/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** `actual` has every key of `documented`, with the same JSON type where both are non-null; nested objects likewise. */
function expectShape(actual: unknown, documented: Record<string, unknown>, where: string): void {
  expect(actual, where).toBeTypeOf('object');
  const record = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(documented)) {
    expect(Object.hasOwn(record, key), `${where}.${key}`).toBe(true);
    const got = record[key];
    if (value === null || got === null) continue;
    expect(typeof got, `${where}.${key}`).toBe(typeof value);
    if (typeof value === 'object' && !Array.isArray(value)) expectShape(got, value as Record<string, unknown>, `${where}.${key}`);
  }
}

async function get(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { 'PRIVATE-TOKEN': TOKEN } });
  expect(response.status, url).toBe(200);
  return response.json();
}

test('notes, draft notes, diffs, members and tree entries carry every documented field', async () => {
  const { gitlab, project } = await setup();
  const mr = project.mergeRequest(7, { diffs: [{ old_path: 'VERSION', new_path: 'VERSION', diff: '@@ -1 +1 @@\n-1.9.7\n+1.9.8' }] });
  project.note(mr, { body: 'closed' });
  const alice = project.member('alice', 30);
  project.tree('main', { 'files/html/index.html': '<p>' });
  await fetch(`${gitlab.url}${API}/merge_requests/7/draft_notes`, {
    method: 'POST',
    headers: { 'PRIVATE-TOKEN': TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ note: 'Example title' }),
  });
  const [note] = (await get(`${gitlab.url}${API}/merge_requests/7/notes`)) as unknown[];
  expectShape(note, sample('note.json'), 'note');
  const [draft] = (await get(`${gitlab.url}${API}/merge_requests/7/draft_notes`)) as unknown[];
  expectShape(draft, sample('draft-note.json'), 'draft note');
  const [diff] = (await get(`${gitlab.url}${API}/merge_requests/7/diffs`)) as unknown[];
  expectShape(diff, sample('merge-request-diff.json'), 'diff');
  expectShape(await get(`${gitlab.url}${API}/members/all/${alice.id}`), sample('member.json'), 'member');
  const [entry] = (await get(`${gitlab.url}${API}/repository/tree?ref=main`)) as unknown[];
  expectShape(entry, sample('tree-entry.json'), 'tree entry');
});

test('the fake refuses a token it was not given, as GitLab does (401)', async () => {
  const { gitlab } = await setup();
  const response = await fetch(`${gitlab.url}/user`, { headers: { 'PRIVATE-TOKEN': 'glpat-wrong' } });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ message: '401 Unauthorized' });
});
