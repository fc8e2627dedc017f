// What the runner loads before its first model request, on the built dist/ (CI builds before the suite):
// the CLI and the action run against the fake Messages API under start-up-probe.mjs, which logs every
// module the process loads and the moment the first request goes out. The time to that request is a
// headline figure (bench/README.md); this test, not a comment beside an import, keeps heavy modules off
// the path (src/harness/anthropic/index.ts says which and why).
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands, removeTempDirs as removeActionTempDirs, requireBuiltAction, runAction, tempDir, WORKFLOW_SHA } from '../action/harness.js';
import { cleanEnv, makeTempDir, removeTempDirs, requireBuiltCli, ROOT, runBuiltCli, TRIAGE } from '../cli/helpers.js';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { example } from '../trigger/examples.js';

const DIST = path.join(ROOT, 'dist');
const PROBE = pathToFileURL(fileURLToPath(new URL('./start-up-probe.mjs', import.meta.url))).href;

/**
 * Bytes of dist/ JavaScript loaded before the first model request, at most: some 3% above the figures
 * of the build they were set on (CLI 836,115: cli.js, core.js, secrets/; action 1,569,526: the same
 * with the action's chunks; Node 20 and 24 load the same files). A small change fits; a heavy module
 * does not: the markdown parser's chunk (92 KB) on the CLI's path, the SDK's full entry, the action's
 * Octokit chunk (567 KB), just-bash (706 KB) or the artifact client (1.8 MB).
 *
 * Raised once for issues 10-12, to 3% above CLI 896,303 and action 1,625,630: the CI stage and the GitLab
 * job's detection 7 KB, the proxy choice 3.8 KB, file:line positions of definition problems 9 KB, the
 * propose_change policy and tool 10 KB, resume 3.4 KB, and for this README demo (`run --event`) the local
 * gate simulation's chunk 16.7 KB. The GitLab host, its trigger readers, undici's proxy dispatcher, the
 * change-set reader, read-only git and init stay off the path, loaded only when used.
 */
const BUDGET = { cli: 925_000, action: 1_675_000 };

/** Text only these dist/ files hold: the sandbox's shell (its /proc/version) and the Actions artifact client (its RPC service). */
const MARKERS = {
  'just-bash': '(just-bash) #1 SMP',
  'the Actions artifact client': 'github.actions.results.api.v1.ArtifactService',
};

interface StartUp {
  /** dist/ files loaded before the first model request, relative to dist/. */
  files: string[];
  bytes: number;
  /** Node's built-in modules loaded by then (`tls`, `https`, ...). */
  builtins: string[];
  /** dist/ files loaded after it, by the end of the process. */
  later: string[];
}

/** The environment that runs a process under the probe, logging to `log`. */
const probed = (log: string) => ({ NODE_OPTIONS: `--import=${PROBE}?log=${encodeURIComponent(log)}` });

function startUpOf(log: string): StartUp {
  const lines = readFileSync(log, 'utf8').split('\n');
  const request = lines.findIndex((line) => line.startsWith('first-request '));
  if (request === -1) throw new Error(`no model request in ${log}:\n${lines.slice(0, 20).join('\n')}`);
  const files = distFiles(lines.slice(0, request));
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(DIST, file)).size, 0);
  const later = distFiles(lines.slice(request)).filter((file) => !files.includes(file));
  return { files, bytes, builtins: JSON.parse(lines[request]!.slice('first-request '.length)) as string[], later };
}

/** The dist/ files of `load` lines, relative to dist/, each once. */
function distFiles(lines: string[]): string[] {
  const loaded = lines.filter((line) => line.startsWith('load file:')).map((line) => fileURLToPath(line.slice('load '.length)));
  return [...new Set(loaded.filter((file) => file.startsWith(DIST + path.sep)).map((file) => path.relative(DIST, file)))].sort();
}

/** The dist/ files holding `marker`: at least one, or the marker no longer identifies anything. */
function filesHolding(marker: string): string[] {
  const files = readdirSync(DIST).filter((name) => name.endsWith('.js') && readFileSync(path.join(DIST, name), 'utf8').includes(marker));
  if (files.length === 0) throw new Error(`no file of dist/ holds '${marker}': find a new marker`);
  return files;
}

/** The checks both front ends share; `figures` names every file and its size when one fails. */
function expectLean(startUp: StartUp, budget: number): void {
  const figures = startUp.files.map((file) => `${file} ${statSync(path.join(DIST, file)).size}`).join(', ');
  // The probe saw the bundle load: an empty list would pass every check below.
  expect(startUp.files).toContain('core.js');
  for (const [name, marker] of Object.entries(MARKERS)) {
    for (const file of filesHolding(marker)) expect(startUp.files, `${name} (${file}) loaded before the first request`).not.toContain(file);
  }
  expect(startUp.bytes, `${startUp.bytes} bytes: ${figures}`).toBeLessThanOrEqual(budget);
}

afterAll(() => Promise.all([removeTempDirs(), removeActionTempDirs()]));

describe('the CLI before its first model request', () => {
  let model: FakeAnthropic;
  beforeAll(() => requireBuiltCli());
  afterEach(() => model.close());

  it('loads the bundle and nothing it can leave for later: no shell, no node:https for an http endpoint', async () => {
    // The README's triage example, with the shell offered too: offered is not loaded.
    const repo = path.join(await makeTempDir({}, 'flue-start-up-'), 'triage');
    cpSync(TRIAGE, repo, { recursive: true });
    const agent = path.join(repo, '.flue/agents/triage.md');
    writeFileSync(agent, readFileSync(agent, 'utf8').replace('tools: [read, grep, glob]', 'tools: [read, grep, glob, bash]'));
    const log = path.join(await makeTempDir(), 'probe.log');
    model = await startFakeAnthropic({
      turns: [toolUse('bash', { command: 'echo hi' }), toolUse('finish', { category: 'documentation', summary: 'Start-up measured.' })],
    });

    const run = await runBuiltCli(
      ['run', 'triage', '--cwd', repo, '--event', path.join(repo, 'event.json'), '--dry-run', '--log-dir', path.join(repo, 'logs')],
      { env: cleanEnv({ ANTHROPIC_API_KEY: 'sk-ant-start-up', ANTHROPIC_BASE_URL: model.url, ...probed(log) }) },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(model.requests[0]?.body?.tools?.map((tool: { name: string }) => tool.name)).toContain('bash');

    const startUp = startUpOf(log);
    expectLean(startUp, BUDGET.cli);
    // node:https loads at the first https request (src/harness/anthropic/node-fetch.ts).
    expect(startUp.builtins).toContain('http');
    expect(startUp.builtins).not.toContain('https');
    // The shell did load, at the agent's first call: the marker names the chunk that a run loads then.
    expect(startUp.later).toEqual(expect.arrayContaining(filesHolding(MARKERS['just-bash'])));
  });
});

describe('the action before its first model request', () => {
  let github: FakeGitHub;
  let model: FakeAnthropic;
  beforeAll(() => requireBuiltAction());
  afterEach(async () => {
    await github.close();
    await model.close();
  });

  it('loads the bundle, the toolkit and Octokit, and leaves the shell and the artifact client for later', async () => {
    const triage =
      '---\ndescription: Label new issues\ntools: [read, grep, bash]\noutputs:\n  add_labels: { allowed: [bug], max: 1 }\n---\nLabel the issue.\n';
    const payload = example('issues', 'opened');
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(payload);
    repo.permission('Codertocat', 'read');
    repo.tree(WORKFLOW_SHA, { '.flue/agents/triage.md': triage });
    model = await startFakeAnthropic({ turns: [text('Nothing to label.')] });
    const log = path.join(await tempDir(), 'probe.log');

    const run = await runAction({
      eventName: 'issues',
      payload,
      inputs: { agent: 'triage' },
      workspace: await tempDir({ '.flue/agents/triage.md': triage, 'README.md': '# Hello-World\n' }),
      githubUrl: github.url,
      anthropicUrl: model.url,
      env: probed(log),
    });
    expect(run.main.code, run.main.stderr).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    const startUp = startUpOf(log);
    expectLean(startUp, BUDGET.action);
    // The artifact client did load, after the run, to upload the log (which fails here, without a runtime token).
    expect(commands(run.main.stdout, 'warning')).toEqual([expect.stringContaining('ACTIONS_RUNTIME_TOKEN')]);
    expect(startUp.later).toEqual(expect.arrayContaining(filesHolding(MARKERS['the Actions artifact client'])));
  });
});
