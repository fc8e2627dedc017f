/**
 * The GitLab template's checkout of a merge request's head, for a note on it: the trigger pipeline runs on
 * the default branch, so without it the agent reads the default branch's code and a fix to a file the
 * merge request changed is refused. The block is cut from templates/agent.yml and run with bash against a
 * real git remote (a bare repository holding refs/merge-requests/7/head, as GitLab's does) and a fake of
 * GET /projects/:id/merge_requests/:iid. The payload is the note webhook GitLab documents.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { git } from '../sandbox/git-repo.js';
import { scriptBetween } from './job-script.js';

afterEach(removeTempDirs);

const TOKEN = 'glpat-merge-request-head-0001';
const NOTE = JSON.parse(readFileSync(new URL('../fixtures/gitlab/note-merge-request.json', import.meta.url), 'utf8')) as {
  object_attributes: Record<string, unknown>;
  merge_request: Record<string, unknown>;
};
const block = (): string => scriptBetween('# A note on a merge request of this project', '# Installed outside the checkout');

/** origin (bare, with the merge request's ref), and the job's checkout of main; the two commits. */
async function repositories() {
  const root = await makeTempDir({}, 'flue-mr-head-');
  const work = path.join(root, 'work');
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(work, 'app.js'), 'export const answer = 41;\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'main');
  const main = git(work, 'rev-parse', 'HEAD').trim();
  git(work, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(work, 'app.js'), 'export const answer = 42;\n');
  git(work, 'commit', '-q', '-am', 'the merge request');
  const head = git(work, 'rev-parse', 'HEAD').trim();
  const origin = path.join(root, 'origin.git');
  git(root, 'clone', '-q', '--bare', work, origin);
  git(origin, 'update-ref', 'refs/merge-requests/7/head', head);
  git(origin, 'update-ref', '-d', 'refs/heads/feature');
  const job = path.join(root, 'job');
  git(root, 'clone', '-q', '--branch', 'main', `file://${origin}`, job);
  return { job, main, head };
}

async function fakeApi(answer: (url: string) => { status: number; body?: unknown }) {
  const seen: Array<{ url: string; token: string | undefined }> = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', token: request.headers['private-token'] as string | undefined });
    const { status, body } = answer(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`, seen };
}

/** Merge request !7 of project 5, and the note the webhook example names on it. */
const mergeRequest = (fields: Record<string, unknown>) => (url: string) => {
  if (url === `/api/v4/projects/5/merge_requests/7/notes/${NOTE.object_attributes.id}`) return { status: 200, body: { id: NOTE.object_attributes.id } };
  if (url === '/api/v4/projects/5/merge_requests/7') return { status: 200, body: { iid: 7, source_project_id: 5, target_project_id: 5, ...fields } };
  return { status: 404 };
};

async function runBlock(options: { api: string; payload: unknown; input?: string; job: string; main: string }) {
  const payload = path.join(options.job, '..', 'payload.json');
  writeFileSync(payload, JSON.stringify(options.payload));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: path.dirname(options.job),
    GIT_CONFIG_NOSYSTEM: '1',
    TRIGGER_PAYLOAD: payload,
    FLUE_GITLAB_TOKEN: TOKEN,
    FLUE_MERGE_REQUEST_HEAD: `merge-request-head=${options.input ?? 'true'}`,
    CI_API_V4_URL: options.api,
    CI_PROJECT_ID: '5',
    CI_COMMIT_SHA: options.main,
  };
  // Not execFileSync: the fake API answers from this process's event loop.
  const { stdout: output } = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', `{\n${block()}\n} 2>&1`], {
    cwd: options.job,
    env,
    encoding: 'utf8',
  });
  return { output, head: git(options.job, 'rev-parse', 'HEAD').trim() };
}

const noteOn = (iid: number) => ({ ...NOTE, merge_request: { ...NOTE.merge_request, iid } });

describe("a note on a merge request: the job checks out the merge request's head", () => {
  test('of this project: the head commit the API names, fetched from refs/merge-requests/<iid>/head', async () => {
    const { job, main, head } = await repositories();
    const api = await fakeApi(mergeRequest({ sha: head }));
    const run = await runBlock({ api: api.url, payload: noteOn(7), job, main });
    expect(run.head).toBe(head);
    expect(run.output).toBe(`flue-action: checked out merge request !7's head commit ${head} (merge-request-head)\n`);
    expect(api.seen).toEqual([
      { url: `/api/v4/projects/5/merge_requests/7/notes/${NOTE.object_attributes.id}`, token: TOKEN },
      { url: '/api/v4/projects/5/merge_requests/7', token: TOKEN },
    ]);
  });

  test("from a fork (the API's answer, whatever the payload says): nothing is fetched or checked out", async () => {
    const { job, main, head } = await repositories();
    const api = await fakeApi(mergeRequest({ sha: head, source_project_id: 66 }));
    const run = await runBlock({ api: api.url, payload: noteOn(7), job, main });
    expect(run.head).toBe(main);
    expect(run.output).toBe(
      `flue-action: merge request !7 comes from another project (a fork): its code is not checked out; the job stays on ${main}.\n`,
    );
    expect(() => git(job, 'rev-parse', '--verify', '--quiet', 'refs/flue/merge-request-head')).toThrow();
  });

  test('a head that moved since the API answered, or a merge request the API does not know: the checkout stays', async () => {
    const { job, main, head } = await repositories();
    const moved = await fakeApi(mergeRequest({ sha: 'c'.repeat(40) }));
    const run = await runBlock({ api: moved.url, payload: noteOn(7), job, main });
    expect(run.head).toBe(main);
    expect(run.output).toContain(`could not check out merge request !7's head commit ${'c'.repeat(40)} (it moved, or git could not fetch it)`);
    const unknown = await fakeApi(mergeRequest({ sha: head }));
    const forged = await runBlock({ api: unknown.url, payload: noteOn(8), job, main });
    // A payload that names a note merge request !7 does not have (forged: the trigger URL is all it takes).
    const otherNote = { ...NOTE, object_attributes: { ...NOTE.object_attributes, id: 999 }, merge_request: { ...NOTE.merge_request, iid: 7 } };
    expect(await runBlock({ api: unknown.url, payload: otherNote, job, main })).toEqual({
      head: main,
      output: `flue-action: GET note 999 of merge request !7 answered 404; the job stays on ${main}.\n`,
    });
    // A payload that names another merge request than its note's: the note is not found there.
    expect(forged).toEqual({
      head: main,
      output: `flue-action: GET note ${NOTE.object_attributes.id} of merge request !8 answered 404; the job stays on ${main}.\n`,
    });
  });

  test('merge-request-head: false, a note on an issue, or another event: no API call, the checkout stays', async () => {
    const { job, main, head } = await repositories();
    const api = await fakeApi(mergeRequest({ sha: head }));
    const onIssue = { ...NOTE, object_attributes: { ...NOTE.object_attributes, noteable_type: 'Issue' } };
    for (const [payload, input] of [
      [noteOn(7), 'false'],
      [onIssue, 'true'],
      [{ object_kind: 'issue', object_attributes: { iid: 7 } }, 'true'],
      ['not json', 'true'],
    ] as const) {
      expect(await runBlock({ api: api.url, payload, input, job, main })).toEqual({ head: main, output: '' });
    }
    expect(api.seen).toEqual([]);
  });
});
