// The npm package as a GitLab job and a user get it: `npm pack`, then `npm install <tarball>` into an
// empty project with no registry, then the installed dist/cli.js through the paths that load the most
// chunks: a markdown agent's shell (just-bash) on a local event (the gate simulation), the report viewer,
// check, init, a GitLab merge request job against the fake GitLab API, and a TS agent importing
// 'flue-action'. The package leaves out what only the GitHub Action loads (dist/.npmignore): a chunk it
// left out by mistake fails one of these with ERR_MODULE_NOT_FOUND.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitLab, type FakeGitLab } from '../fakes/gitlab.js';
import { type CliRun, cleanEnv, makeTempDir, onlyLog, removeTempDirs, requireBuiltCli, ROOT, runBuiltCli, TRIAGE } from './helpers.js';
import { offlineNpm, packRepository } from './pack.js';

const exec = promisify(execFile);

/** The installed CLI, in a project outside this repository. */
let installed: string;
let packed: string[];

beforeAll(async () => {
  requireBuiltCli();
  const pack = await packRepository();
  packed = pack.files;
  // As templates/agent.yml installs it in a GitLab job.
  // A user's project of ES modules (without "type": "module" Node warns about a .ts agent's import syntax).
  const prefix = await makeTempDir({ 'package.json': '{ "name": "agents", "private": true, "type": "module" }\n' }, 'flue-installed-');
  const args = ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', pack.tarball];
  await exec('npm', args, { cwd: prefix, env: cleanEnv(await offlineNpm()), timeout: 60_000 });
  installed = path.join(prefix, 'node_modules', 'flue-action', 'dist', 'cli.js');
}, 90_000);
afterAll(removeTempDirs);

/** The installed CLI as its own process: `runBuiltCli` with the installed file instead of this repository's. */
const runInstalled = (args: string[], options: { env: NodeJS.ProcessEnv; cwd: string }): Promise<CliRun> =>
  runBuiltCli(args, { ...options, script: installed }).then((run) => {
    // A chunk the package lacks is ERR_MODULE_NOT_FOUND, even where a caller would turn it into a warning.
    expect(run.stdout + run.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module|\d+\.index\.js/);
    return run;
  });

it('installs without the action-only files: the GitHub Action runs dist/ from the repository, not from npm', () => {
  const dist = path.dirname(installed);
  expect(existsSync(installed)).toBe(true);
  expect(existsSync(path.join(dist, 'index.js'))).toBe(false);
  expect(existsSync(path.join(dist, '.npmignore'))).toBe(false);
  // What was installed is what was packed: npm dropped nothing more.
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.dirname(dist), path.join(entry.parentPath, entry.name)));
  expect(files.sort()).toEqual(packed.filter((file) => file.startsWith('dist/')));
  // The repository's dist/ still holds the action's entries.
  expect(existsSync(path.join(ROOT, 'dist', 'index.js'))).toBe(true);
});

describe('a markdown agent with the shell, on a local event', () => {
  it('runs dry on the scripted model, and its log opens as a transcript and as the HTML report', async () => {
    const repo = path.join(await makeTempDir({}, 'flue-installed-run-'), 'triage');
    cpSync(TRIAGE, repo, { recursive: true });
    const agent = path.join(repo, '.flue/agents/triage.md');
    writeFileSync(agent, readFileSync(agent, 'utf8').replace('tools: [read, grep, glob]', 'tools: [read, grep, glob, bash]'));
    const script = path.join(repo, 'shell.jsonl');
    const finish = { category: 'documentation', summary: 'Ran from the installed package.' };
    writeFileSync(
      script,
      [
        JSON.stringify({ content: [{ type: 'tool_use', name: 'bash', input: { command: 'echo from-the-shell' } }] }),
        JSON.stringify({ content: [{ type: 'tool_use', name: 'finish', input: finish }] }),
      ].join('\n'),
    );
    const logs = await makeTempDir({}, 'flue-installed-logs-');
    const env = cleanEnv();

    const run = await runInstalled(
      ['run', 'triage', '--cwd', repo, '--event', path.join(repo, 'event.json'), '--dry-run', '--scripted-model', script, '--log-dir', logs],
      { env, cwd: repo },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${JSON.stringify(finish, null, 2)}\n`);
    expect(run.stderr).toContain('→ bash echo from-the-shell\n← bash ');
    expect(run.stderr).toContain('from-the-shell');

    const log = onlyLog(logs);
    const transcript = await runInstalled(['view', log], { env, cwd: repo });
    expect(transcript.code, transcript.stderr).toBe(0);
    expect(transcript.stdout).toContain('echo from-the-shell');
    const report = path.join(logs, 'report.html');
    const html = await runInstalled(['view', log, '--html', '--out', report], { env, cwd: repo });
    expect(html.code, html.stderr).toBe(0);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  }, 60_000);
});

describe('init and check', () => {
  it('init --yes writes the triage agent and the GitLab job from the packed templates, and check passes them', async () => {
    const repo = await makeTempDir({ 'README.md': '# App\n' }, 'flue-installed-init-');
    const env = cleanEnv();
    const init = await runInstalled(['init', 'triage', '--yes', '--gitlab'], { env, cwd: repo });
    expect(init.code, init.stdout + init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote      .gitlab-ci.yml\n');
    expect(existsSync(path.join(repo, '.flue/agents/triage.md'))).toBe(true);
    const check = await runInstalled(['check', '--cwd', repo, '--strict'], { env, cwd: repo });
    expect(check).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: 0 error\(s\), 0 warning\(s\)\n$/) });
  }, 60_000);
});

describe('a GitLab merge request job', () => {
  const TOKEN = 'glpat-installed-test-token-01';
  const BASE_SHA = 'ba5e000000000000000000000000000000000001';
  const HEAD_SHA = 'c0ffee0000000000000000000000000000000001';
  const REVIEWER =
    '---\ndescription: Review merge requests\ntools: [read]\noutputs:\n  submit_review: { events: [COMMENT] }\n---\nReview the change.\n';
  const DIFF = '@@ -1,2 +1,2 @@\n # App\n-old line\n+new line\n';
  let gitlab: FakeGitLab;
  let model: FakeAnthropic;
  afterEach(async () => {
    await gitlab.close();
    await model.close();
  });

  it('reviews with an inline comment: draft notes published together, the progress note edited', async () => {
    gitlab = await startFakeGitLab({ token: TOKEN, self: 'project_42_bot_flue' });
    const project = gitlab.project('group/app', 42);
    project.member('alice', 30);
    project.mergeRequest(7, { author: 'alice', diffs: [{ old_path: 'README.md', new_path: 'README.md', diff: DIFF }] });
    project.tree(BASE_SHA, { '.flue/agents/review.md': REVIEWER, 'README.md': '# App\nold line\n' });
    const workspace = await makeTempDir({ '.flue/agents/review.md': REVIEWER, 'README.md': '# App\nnew line\n' }, 'flue-installed-gitlab-');
    model = await startFakeAnthropic({
      turns: [
        toolUse('submit_review', { body: 'One note.', event: 'COMMENT', comments: [{ path: 'README.md', line: 2, body: 'Say why.' }] }),
        text('Reviewed.'),
      ],
    });
    // The variables GitLab sets in a merge request pipeline, as test/gitlab/job.test.ts sets them.
    const env = cleanEnv({
      GITLAB_CI: 'true',
      CI: 'true',
      CI_API_V4_URL: gitlab.url,
      CI_PROJECT_ID: '42',
      CI_PROJECT_PATH: 'group/app',
      CI_PROJECT_DIR: workspace,
      CI_PROJECT_VISIBILITY: 'private',
      CI_PIPELINE_ID: '77',
      CI_JOB_URL: 'https://gitlab.example.com/group/app/-/jobs/901',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_PROJECT_ID: '42',
      CI_MERGE_REQUEST_PROJECT_PATH: 'group/app',
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '42',
      CI_MERGE_REQUEST_TITLE: 'Fix the README',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature',
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE_SHA,
      CI_COMMIT_SHA: HEAD_SHA,
      GITLAB_USER_LOGIN: 'alice',
      FLUE_GITLAB_TOKEN: TOKEN,
      ANTHROPIC_API_KEY: 'sk-ant-installed-test-key-001',
      ANTHROPIC_BASE_URL: model.url,
    });

    const run = await runInstalled(['run', 'review'], { env, cwd: workspace });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const writes = gitlab.calls().filter((call) => !call.startsWith('GET '));
    expect(writes).toEqual([
      'POST /projects/42/merge_requests/7/notes',
      'POST /projects/42/merge_requests/7/draft_notes',
      'POST /projects/42/merge_requests/7/draft_notes/bulk_publish',
      'POST /projects/42/merge_requests/7/notes',
      `PUT /projects/42/merge_requests/7/notes/${project.notes('merge_requests', 7)[0]?.id}`,
    ]);
  }, 60_000);
});

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

describe.runIf(major > 22 || (major === 22 && minor >= 18))(`a TS agent importing 'flue-action' on Node ${process.versions.node}`, () => {
  it('passes check and runs its custom tool, in the project flue-action was installed into', async () => {
    // Beside node_modules/flue-action: the import resolves to the installed lib.js however it is resolved.
    const project = path.dirname(path.dirname(path.dirname(path.dirname(installed))));
    const agent = `import { defineAgent, defineTool } from 'flue-action';
import * as v from 'valibot';

const countWords = defineTool({
  name: 'count_words',
  description: 'Count the words of a text',
  input: v.object({ text: v.string() }),
  run: async ({ text }: { text: string }) => ({ words: text.trim().split(/\\s+/).length }),
});

export default defineAgent({
  description: 'Counts words',
  instructions: 'Count the words with count_words, then finish.',
  tools: ['read', countWords],
  result: v.object({ words: v.number() }),
});
`;
    mkdirSync(path.join(project, '.flue/agents'), { recursive: true });
    writeFileSync(path.join(project, '.flue/agents/count.ts'), agent);
    const script = path.join(project, 'count.jsonl');
    writeFileSync(
      script,
      [
        '{"content": [{"type": "tool_use", "name": "count_words", "input": {"text": "one two three"}}]}',
        '{"content": [{"type": "tool_use", "name": "finish", "input": {"words": 3}}]}',
      ].join('\n'),
    );
    const env = cleanEnv();
    const check = await runInstalled(['check', '--cwd', project], { env, cwd: project });
    expect(check).toEqual({ code: 0, stdout: 'ok: 0 error(s), 0 warning(s)\n', stderr: '' });
    const run = await runInstalled(['run', 'count', '--cwd', project, '--scripted-model', script, '--log-dir', path.join(project, 'logs')], {
      env,
      cwd: project,
    });
    expect(run.stderr).toContain('→ count_words one two three\n← count_words ');
    expect(run).toMatchObject({ code: 0, stdout: '{\n  "words": 3\n}\n' });
  }, 60_000);
});
