/**
 * Each template as a GitLab CI job, end to end in this process: `flue-action run <name>` with GITLAB_CI=true,
 * the job's variables (and TRIGGER_PAYLOAD, from GitLab's documented webhook examples in test/fixtures/gitlab/)
 * as GitLab sets them, the real GitLab host against the fake GitLab, and the template's scripted session served
 * by the fake Anthropic API (a GitLab job takes no scripted model). The `before_script` the triage and
 * ci-explainer includes add runs for real (`sh -c`, node's fetch) against a local stand-in for the three
 * GitLab API routes it calls, and writes the file the agent then reads.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitLab, type FakeGitLab, type FakeProject } from '../fakes/gitlab.js';
import { cli, makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { execFileSync } from 'node:child_process';
import { commitsOf } from '../fakes/gitlab-commits.js';
import { FIX_REQUEST, QUESTION } from './events.js';
import {
  CI_WORKFLOW,
  checkout,
  commitCheckout,
  FAILED_LOG,
  FIXED_README,
  fakeTurns,
  fixCheckout,
  flueFiles,
  README,
  templateFile,
  toolCalls,
  type TemplateName,
} from './templates.js';

const TOKEN = 'glpat-template-test-00001';
const API = '/projects/42';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'c0ffee0000000000000000000000000000000001';
const MAIN_SHA = 'a11ce00000000000000000000000000000000001';
/** The merge request's change: README.md line 8 is new (the line the review comments on). */
const DIFF =
  '@@ -7,3 +7,3 @@\n 1. Fork the repository and create a branch.\n-2. Make your change.\n+2. Make your change, then `git add` and `git committ -m "Describe the change"`.\n 3. Open a pull request.\n';

let gitlab: FakeGitLab;
let project: FakeProject;
let model: FakeAnthropic | undefined;
const servers: Server[] = [];

afterEach(async () => {
  await gitlab?.close();
  await model?.close();
  model = undefined;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await removeTempDirs();
});

async function setUp(name: TemplateName, session: string = name): Promise<string> {
  gitlab = await startFakeGitLab({ token: TOKEN, self: 'project_42_bot_flue' });
  project = gitlab.project('group/app', 42);
  // The agent is read from the target branch's base (merge requests) or from main (webhook pipelines).
  project.tree(BASE_SHA, { ...flueFiles(name), 'README.md': README });
  project.tree(MAIN_SHA, flueFiles(name));
  model = await startFakeAnthropic({ turns: fakeTurns(name, session) });
  return makeTempDir(checkout(name), 'flue-template-gitlab-');
}

/** The variables every GitLab job has, for project 42 and pipeline 77, on a public project. */
function jobEnv(workspace: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    GITLAB_CI: 'true',
    CI: 'true',
    CI_API_V4_URL: gitlab.url,
    CI_PROJECT_ID: '42',
    CI_PROJECT_PATH: 'group/app',
    CI_PROJECT_DIR: workspace,
    CI_PROJECT_VISIBILITY: 'public',
    CI_PIPELINE_ID: '77',
    CI_JOB_URL: 'https://gitlab.example.com/group/app/-/jobs/901',
    CI_COMMIT_SHA: MAIN_SHA,
    CI_JOB_TOKEN: 'job-token-value-0000000001',
    FLUE_GITLAB_TOKEN: TOKEN,
    ANTHROPIC_API_KEY: 'sk-ant-template-test-00000001',
    ANTHROPIC_BASE_URL: model?.url ?? 'http://127.0.0.1:9',
    ...extra,
  };
}

function mergeRequestPipeline(workspace: string): Record<string, string> {
  return jobEnv(workspace, {
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '7',
    CI_MERGE_REQUEST_PROJECT_ID: '42',
    CI_MERGE_REQUEST_PROJECT_PATH: 'group/app',
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '42',
    CI_MERGE_REQUEST_TITLE: 'Update the README',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE_SHA,
    CI_COMMIT_SHA: HEAD_SHA,
    GITLAB_USER_LOGIN: 'alice',
  });
}

// biome-ignore lint/suspicious/noExplicitAny: a documented webhook example edited field by field
type Payload = Record<string, any>;

/** A documented webhook example as the trigger API hands it to the job, its ids pointed at the fake's. */
async function triggerPipeline(workspace: string, fixture: string, edit: (payload: Payload) => void): Promise<Record<string, string>> {
  const payload = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'gitlab', fixture), 'utf8')) as Payload;
  payload.project_id = 42;
  payload.project = { ...payload.project, id: 42, path_with_namespace: 'group/app' };
  edit(payload);
  const file = path.join(await makeTempDir({}, 'flue-payload-'), 'TRIGGER_PAYLOAD');
  await writeFile(file, JSON.stringify(payload));
  return jobEnv(workspace, { CI_PIPELINE_SOURCE: 'trigger', TRIGGER_PAYLOAD: file });
}

/** The include's `before_script`, run as the job's shell runs it, in the project directory. */
async function beforeScript(name: TemplateName, env: Record<string, string>): Promise<string> {
  const job = (parse(templateFile(name, 'gitlab/ci.yml')) as Record<string, { before_script?: string[] }>)[`flue-${name}`];
  const script = job?.before_script?.join('\n') ?? '';
  expect(script, `flue-${name} has a before_script`).not.toBe('');
  const { stdout } = await promisify(execFile)('sh', ['-c', script], { cwd: env.CI_PROJECT_DIR, env });
  return stdout;
}

/** The GitLab API routes the before_scripts call, with PRIVATE-TOKEN checked; everything else is a 404. */
async function startJobsApi(routes: Record<string, { type: string; body: string }>): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const route = routes[request.url ?? ''];
    if (request.headers['private-token'] !== TOKEN) response.writeHead(401).end('{"message":"401 Unauthorized"}');
    else if (route === undefined) response.writeHead(404).end('{"message":"404 Not Found"}');
    else response.writeHead(200, { 'content-type': route.type }).end(route.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`, seen };
}

const run = (name: TemplateName, env: Record<string, string>) => cli(['run', name], { env, cwd: env.CI_PROJECT_DIR });

/** The runner's progress note and the agent's notes; on a public project the progress note shows no cost or JSON. */
function split(kind: 'issues' | 'merge_requests', iid: number) {
  const bodies = project.notes(kind, iid).map((note) => String(note.body));
  const progress = bodies.filter((body) => body.includes('<!-- flue-action:progress'));
  expect(progress).toHaveLength(1);
  expect(progress[0]).toContain('succeeded');
  expect(progress[0]).not.toMatch(/tokens|\$\d|```json/);
  return bodies.filter((body) => body.includes('<!-- flue-action:output'));
}

describe('the templates as GitLab CI jobs, against the fake GitLab', () => {
  test("triage: the before_script lists the recent issues; a stranger's issue gets the label and one note naming the likely duplicate", async () => {
    const workspace = await setUp('triage');
    const api = await startJobsApi({
      '/api/v4/projects/42/issues?state=all&confidential=false&order_by=created_at&per_page=100': {
        type: 'application/json',
        body: JSON.stringify([
          { iid: 23, state: 'opened', title: 'Spelling error in the README file' },
          { iid: 7, state: 'closed', title: 'Typo in the contributing\nsteps' },
        ]),
      },
    });
    const said = await beforeScript('triage', { ...jobEnv(workspace), CI_API_V4_URL: api.url, FLUE_GITLAB_TOKEN: TOKEN });
    expect(said).toContain('listed 2 recent issues');
    expect(readFileSync(path.join(workspace, '.flue-context/recent-issues.txt'), 'utf8')).toBe(
      '#23 [opened] Spelling error in the README file\n#7 [closed] Typo in the contributing steps\n',
    );

    project.issue(23, {
      title: 'Spelling error in the README file',
      description: "It looks like you accidently spelled 'commit' with two 't's.",
      author: 'stranger',
    });
    const env = await triggerPipeline(workspace, 'issue.json', (payload) => {
      payload.object_attributes.iid = 23;
      payload.object_attributes.id = 9023;
    });
    const result = await run('triage', env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('untrusted profile');
    expect(project.labels('issues', 23)).toContain('documentation');
    const notes = split('issues', 23);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(String(toolCalls('triage', 'add_comment')[0]?.body));
    expect(JSON.stringify(model?.requests.at(-2)?.body)).toContain('Typo in the contributing steps');
  });

  test("triage: a confidential issue's title never reaches the list the agent answers a stranger from", async () => {
    // The token is a Developer's and sees confidential issues (security reports); the stranger whose issue is
    // triaged does not, and reads the answer. This stand-in answers as GitLab does: every issue the token
    // sees, unless the query says confidential=false; the script checks each issue's flag too.
    const workspace = await setUp('triage');
    const issues = [
      { iid: 24, state: 'opened', title: 'RCE in the upload handler (do not disclose)', confidential: true },
      { iid: 23, state: 'opened', title: 'Spelling error in the README file', confidential: false },
    ];
    const server = createServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const listed = query.get('confidential') === 'false' ? issues.filter((issue) => !issue.confidential) : issues;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(listed));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
    await beforeScript('triage', { ...jobEnv(workspace), CI_API_V4_URL: url, FLUE_GITLAB_TOKEN: TOKEN });
    expect(readFileSync(path.join(workspace, '.flue-context/recent-issues.txt'), 'utf8')).toBe('#23 [opened] Spelling error in the README file\n');

    // A GitLab that ignored the filter (an older instance) still lists no confidential title.
    issues[0]!.confidential = true;
    server.removeAllListeners('request');
    server.on('request', (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issues)));
    await beforeScript('triage', { ...jobEnv(workspace), CI_API_V4_URL: url, FLUE_GITLAB_TOKEN: TOKEN });
    expect(readFileSync(path.join(workspace, '.flue-context/recent-issues.txt'), 'utf8')).toBe('#23 [opened] Spelling error in the README file\n');
  });

  test('triage: a failing issue list leaves the file out and the job goes on', async () => {
    const workspace = await setUp('triage');
    const api = await startJobsApi({});
    const said = await beforeScript('triage', { ...jobEnv(workspace), CI_API_V4_URL: api.url, FLUE_GITLAB_TOKEN: 'glpat-wrong' });
    expect(said).toContain('no list of recent issues (GET /projects/:id/issues answered HTTP 401); the duplicate check is skipped');
  });

  test('review: a merge request pipeline gets one review, its inline comment on the changed line', async () => {
    const workspace = await setUp('review');
    project.member('alice', 30);
    project.mergeRequest(7, { author: 'alice', diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: DIFF }] });
    const result = await run('review', mergeRequestPipeline(workspace));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const proposed = toolCalls('review', 'submit_review')[0] as { body: string; comments: Array<{ body: string }> };
    const drafts = gitlab.requests.filter((request) => request.method === 'POST' && request.path === `${API}/merge_requests/7/draft_notes`);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.body).toMatchObject({ position: { base_sha: BASE_SHA, head_sha: HEAD_SHA, new_path: 'README.md', new_line: 8 } });
    expect(String((drafts[0]?.body as Payload | undefined)?.note)).toContain(proposed.comments[0]?.body ?? '-');
    expect(gitlab.calls()).toContain(`POST ${API}/merge_requests/7/draft_notes/bulk_publish`);
    expect(split('merge_requests', 7).some((body) => body.includes(proposed.body))).toBe(true);
  });

  test("ci-explainer: the before_script saves the failed jobs' trace; the merge request gets one note with the cause", async () => {
    const workspace = await setUp('ci-explainer');
    // The checkout the job has: no saved log yet.
    await writeFile(path.join(workspace, '.flue-context/failed-jobs.log'), '');
    const trace = `\x1b[0KRunning with gitlab-runner 17.0\r\n$ npm test\n${FAILED_LOG.split('\n')
      .map((line) => line.split('\t').at(-1))
      .join('\n')}`;
    const api = await startJobsApi({
      '/api/v4/projects/42/pipelines/77/jobs?scope=failed&per_page=100': {
        type: 'application/json',
        body: JSON.stringify([{ id: 901, name: 'test', stage: 'test', status: 'failed' }]),
      },
      '/api/v4/projects/42/jobs/901/trace': { type: 'text/plain', body: trace },
    });
    const said = await beforeScript('ci-explainer', { ...mergeRequestPipeline(workspace), CI_API_V4_URL: api.url });
    expect(said).toContain('saved the trace of 1 failed job(s)');
    expect(api.seen).toEqual(['GET /api/v4/projects/42/pipelines/77/jobs?scope=failed&per_page=100', 'GET /api/v4/projects/42/jobs/901/trace']);
    const saved = readFileSync(path.join(workspace, '.flue-context/failed-jobs.log'), 'utf8');
    expect(saved).toContain('=== job test (#901), stage test ===\nRunning with gitlab-runner 17.0\n$ npm test\n');
    expect(saved).toContain('FAIL test/greet.test.js');
    expect(saved).not.toMatch(/\x1b|\r/);

    project.member('alice', 30);
    project.mergeRequest(7, { author: 'alice', diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: DIFF }] });
    const result = await run('ci-explainer', mergeRequestPipeline(workspace));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const notes = split('merge_requests', 7);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('**Cause**');
    expect(JSON.stringify(model?.requests.at(-2)?.body)).toContain('=== job test (#901), stage test ===');
  });

  test('ci-explainer: a trace it cannot fetch fails the job before the agent runs, naming the API call', async () => {
    const workspace = await setUp('ci-explainer');
    const api = await startJobsApi({
      '/api/v4/projects/42/pipelines/77/jobs?scope=failed&per_page=100': {
        type: 'application/json',
        body: JSON.stringify([{ id: 901, name: 'test', stage: 'test' }]),
      },
    });
    const failed = await beforeScript('ci-explainer', { ...mergeRequestPipeline(workspace), CI_API_V4_URL: api.url }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain(
      'could not save the failed jobs trace (GET /projects/:id/jobs/901/trace answered HTTP 404); the agent does not run without it',
    );
  });

  test('mention: a Developer asking @flue in a note on an issue gets one answer', async () => {
    const workspace = await setUp('mention');
    project.member('bob', 30);
    const issue = project.issue(17, { title: 'Where are the contributing steps?', author: 'alice' });
    const note = project.note(issue, { body: QUESTION, author: 'bob' });
    const env = await triggerPipeline(workspace, 'note-issue.json', (payload) => {
      payload.object_attributes.id = note.id;
      payload.object_attributes.note = QUESTION;
      payload.object_attributes.noteable_id = issue.data.id;
      payload.issue = { ...payload.issue, iid: 17, id: issue.data.id };
      payload.user.username = 'bob';
    });
    const result = await run('mention', env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const notes = split('issues', 17);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(String(toolCalls('mention', 'add_comment')[0]?.body));
  });

  test('mention, asked for a fix in a note: one commit without the protected workflow, one draft merge request, the note says so; a retried job opens no second', async () => {
    const { env, workspace, head } = await fixJob();
    const turns = fakeTurns('mention', 'mention-fix');

    const result = await run('mention', env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(model?.requests).toHaveLength(turns.length);
    expect(JSON.stringify(model?.requests[3]?.body)).toContain("permission denied, write '.github/workflows/ci.yml' (protected path .github/)");
    const commits = commitsOf(project);
    expect(Object.keys(commits.branches())).toEqual(['flue/mention-77']);
    const commit = commits.commit(commits.branches()['flue/mention-77'] ?? '');
    const proposed = toolCalls('mention', 'propose_change', 'mention-fix')[0] as { title: string; body: string };
    // One action, on README.md: the workflow the session tried to edit is not in it, nor the job's log.
    expect(commit).toMatchObject({
      parent: head,
      message: `${proposed.title}\n\nProposed by flue-action on branch flue/mention-77.`,
      actions: [{ action: 'update', file_path: 'README.md', encoding: 'base64', content: Buffer.from(FIXED_README).toString('base64') }],
    });
    expect(commit?.actions).toHaveLength(1);
    expect(commits.files(commit?.sha ?? '')).toMatchObject({ 'README.md': FIXED_README, '.github/workflows/ci.yml': CI_WORKFLOW });
    const [request, ...more] = commits.openedMergeRequests();
    expect(more).toEqual([]);
    expect(request).toMatchObject({ title: `Draft: ${proposed.title}`, draft: true, source_branch: 'flue/mention-77', target_branch: 'main' });
    expect(String(request?.description)).toContain(proposed.body.split('\n')[0] ?? '-');
    const answer = String(toolCalls('mention', 'add_comment', 'mention-fix')[0]?.body);
    expect(answer).toContain('draft pull request');
    expect(split('issues', 17)).toEqual([expect.stringContaining(answer)]);

    // "Retry" of the job: the same pipeline, a fresh checkout of the same commit.
    execFileSync('git', ['checkout', '--', 'README.md'], { cwd: workspace });
    await model?.close();
    model = await startFakeAnthropic({ turns });
    const retried = await run('mention', { ...env, ANTHROPIC_BASE_URL: model.url });
    expect(retried.code, retried.stdout + retried.stderr).toBe(0);
    expect(Object.keys(commitsOf(project).branches())).toEqual(['flue/mention-77']);
    expect(commitsOf(project).openedMergeRequests()).toHaveLength(1);
    expect(split('issues', 17)).toHaveLength(1);
  });

  test("mention, asked for a fix in a note on a merge request: the fix starts at the merge request's head and goes into its source branch", async () => {
    const workspace = await setUp('mention', 'mention-fix');
    const files = fixCheckout();
    await mkdir(path.join(workspace, '.github/workflows'), { recursive: true });
    await writeFile(path.join(workspace, '.github/workflows/ci.yml'), CI_WORKFLOW);
    // The trigger pipeline's checkout is the default branch; README.md there is the same blob as on the head.
    const head = commitCheckout(workspace);
    project.tree(head, files);
    project.tree(HEAD_SHA, files);
    project.member('bob', 30);
    project.member('alice', 30);
    const mr = project.mergeRequest(7, { author: 'alice', sha: HEAD_SHA, source_branch: 'feature' });
    const note = project.note(mr, { body: FIX_REQUEST, author: 'bob' });
    const env = await triggerPipeline(workspace, 'note-merge-request.json', (payload) => {
      payload.object_attributes.id = note.id;
      payload.object_attributes.note = FIX_REQUEST;
      payload.object_attributes.noteable_id = mr.data.id;
      payload.merge_request = { ...payload.merge_request, iid: 7, id: mr.data.id };
      payload.user.username = 'bob';
    });

    const result = await run('mention', { ...env, CI_COMMIT_SHA: head });

    expect(result.code, result.stdout + result.stderr).toBe(0);
    const commits = commitsOf(project);
    const commit = commits.commit(commits.branches()['flue/mention-77'] ?? '');
    expect(commit?.parent).toBe(HEAD_SHA);
    expect(commit?.actions.map((action) => action.file_path)).toEqual(['README.md']);
    const [request, ...more] = commits.openedMergeRequests();
    expect(more).toEqual([]);
    expect(request).toMatchObject({ draft: true, source_branch: 'flue/mention-77', target_branch: 'feature' });
    expect(String(request?.description)).toContain('Proposed into the branch of merge request !7: merging it adds the change there.');
  });

  test("the job's own session log, written in the checkout for artifacts, is never part of the fix (the runner leaves its log folder out)", async () => {
    const { env, workspace } = await fixJob();
    const result = await run('mention', env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(readdirSync(path.join(workspace, '.flue/logs')).some((file) => file.endsWith('.jsonl'))).toBe(true);
    expect(result.stdout).not.toContain('rejected propose_change');
    const commits = commitsOf(project);
    const commit = commits.commit(commits.branches()['flue/mention-77'] ?? '');
    expect(commit?.actions.map((action) => action.file_path)).toEqual(['README.md']);
  });
});

/** mention's fix job: a Developer's note asks for a fix, in a checkout that is a git repository at the pipeline's commit, which GitLab has. */
async function fixJob(): Promise<{ env: Record<string, string>; workspace: string; head: string }> {
  const workspace = await setUp('mention', 'mention-fix');
  const files = fixCheckout();
  await mkdir(path.join(workspace, '.github/workflows'), { recursive: true });
  await writeFile(path.join(workspace, '.github/workflows/ci.yml'), CI_WORKFLOW);
  const head = commitCheckout(workspace);
  project.tree(head, files);
  project.member('bob', 30);
  const issue = project.issue(17, { title: 'Typo in the contributing steps', author: 'alice' });
  const note = project.note(issue, { body: FIX_REQUEST, author: 'bob' });
  const env = await triggerPipeline(workspace, 'note-issue.json', (payload) => {
    payload.object_attributes.id = note.id;
    payload.object_attributes.note = FIX_REQUEST;
    payload.object_attributes.noteable_id = issue.data.id;
    payload.issue = { ...payload.issue, iid: 17, id: issue.data.id };
    payload.user.username = 'bob';
  });
  return { env: { ...env, CI_COMMIT_SHA: head }, workspace, head };
}
