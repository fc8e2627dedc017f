// Runs a GitLab project's pipeline with gitlab-ci-local, a real GitLab pipeline runner for .gitlab-ci.yml
// files, on this machine: a temporary git project whose .gitlab-ci.yml includes templates/agent.yml, the
// jobs run by the shell executor (`--force-shell-executor`: the template's `image:` is not pulled), each in
// its own copy of the project, in an
// environment built from scratch (only PATH and HOME, so none of this machine's variables reach a job).
//
// gitlab-ci-local 4.75 needs Node 22 or newer: it runs on the Node that runs the tests, and vitest.config.ts
// keeps these tests off older Nodes. A job finds `node` on PATH: the same Node.
//
// Also here: a static HTTP server for `include: remote:` and a git smart-HTTP server (git http-backend) for
// `include: component:`, which gitlab-ci-local clones from the project's own git host.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { stringify } from 'yaml';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATE = path.join(ROOT, 'templates/agent.yml');
/** Records its argv and the variables the CLI reads; see the file. Give it as the template's `cli` input. */
export const STAND_IN_CLI = path.join(ROOT, 'test/gitlab-ci/stand-in-cli.mjs');
const GITLAB_CI_LOCAL = path.join(ROOT, 'node_modules/gitlab-ci-local/dist/index.js');
/** Where the template's job keeps its session logs, relative to the project (its FLUE_LOG_DIR). */
export const LOG_DIR = '.flue/logs';

/** Variables a GitLab job has that gitlab-ci-local predefines differently or not at all. */
export const GITLAB_JOB = { GITLAB_CI: 'true' };

const GIT_IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...GIT_IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A temporary folder, removed when the current test ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface ProjectOptions {
  /** The project's .gitlab-ci.yml. */
  ciYml: string;
  /** More files to commit, by relative path. */
  files?: Record<string, string>;
  /** Commit templates/agent.yml (this repository's) into the project, for `include: local:`. */
  withTemplate?: boolean;
  /** The `origin` remote: gitlab-ci-local derives CI_SERVER_*, CI_PROJECT_PATH and component hosts from it. */
  origin?: string;
  /**
   * Jobs whose CI_PROJECT_DIR is set to the folder they run in. gitlab-ci-local gives a job with `image:`
   * the container's `/builds/<group>/<project>` even when the shell executor runs it elsewhere; the CLI
   * keeps its logs under CI_PROJECT_DIR. Added to .gitlab-ci.yml as job variables, which GitLab merges
   * into the included job of that name.
   */
  projectDirFor?: string[];
}

export interface Project {
  dir: string;
  /** The commit the pipeline runs on (CI_COMMIT_SHA). */
  sha: string;
}

/** A git project with one commit, as a GitLab runner would check it out. */
export function makeProject(options: ProjectOptions): Project {
  const dir = tempDir('flue-gitlab-project-');
  const jobDirs = (options.projectDirFor ?? []).map((job) => [job, { variables: { CI_PROJECT_DIR: jobFolder(dir, job) } }]);
  const ciYml = jobDirs.length === 0 ? options.ciYml : `${options.ciYml}\n${stringify(Object.fromEntries(jobDirs))}`;
  const files: Record<string, string> = { '.gitlab-ci.yml': ciYml, ...options.files };
  if (options.withTemplate) files['templates/agent.yml'] = readFileSync(TEMPLATE, 'utf8');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  git(dir, 'init', '-q');
  // gitlab-ci-local reads the committer as GITLAB_USER_*, from the project's own config (HOME is empty).
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'project');
  git(dir, 'remote', 'add', 'origin', options.origin ?? 'https://gitlab.example.com/acme/app.git');
  // What a clone has: without it gitlab-ci-local warns that it cannot tell the default branch.
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

export interface PipelineOptions {
  /** Jobs to run (by name); all the pipeline's jobs when absent. */
  jobs?: string[];
  /** CI/CD variables (`--variable`): pipeline source, MR variables, tokens. */
  variables?: Record<string, string>;
  /** File-type CI/CD variables, as GitLab gives TRIGGER_PAYLOAD: the job sees a path to a file with this text. */
  fileVariables?: Record<string, string>;
  /** More gitlab-ci-local options, e.g. `--preview`. */
  args?: string[];
  /** Folders put before the system's on the jobs' PATH, e.g. one with a recording `npm`. */
  path?: string[];
  /** Variables gitlab-ci-local predefines that the pipeline must not have (`--unset-variable`). */
  unset?: string[];
  /**
   * Check the merged configuration against GitLab's JSON schema (gitlab-ci-local's copy of it), as GitLab
   * does when it creates a pipeline. A third of a run's time: one test per template change is enough.
   */
  validateSchema?: boolean;
}

export interface PipelineRun {
  /** gitlab-ci-local's exit code: 0 when every job passed. */
  code: number;
  /** Everything gitlab-ci-local printed, job logs included (colours off). */
  output: string;
  /** What it printed on stdout alone (`--list-json` prints its JSON there). */
  stdout: string;
  /** A job's log, as gitlab-ci-local keeps it in .gitlab-ci-local/output/. */
  jobLog(job: string): string;
  /** The files a job kept as artifacts, relative to its artifacts folder, sorted. */
  artifacts(job: string): string[];
  /** One artifact's text. */
  artifact(job: string, file: string): string;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

/** gitlab-ci-local names a job's folders after the job, other characters encoded: tests use plain names. */
function safeJobName(job: string): string {
  if (!/^[\w-]+$/.test(job)) throw new Error(`Name the job with letters, digits, '_' and '-' only: ${JSON.stringify(job)}`);
  return job;
}

/** The folder a job runs in under --shell-isolation: a copy of the project's tracked files. */
export function jobFolder(projectDir: string, job: string): string {
  return path.join(projectDir, '.gitlab-ci-local/builds', safeJobName(job));
}

/** Runs the project's pipeline (or some of its jobs) with gitlab-ci-local, under an environment built from scratch. */
export async function runPipeline(project: Project, options: PipelineOptions = {}): Promise<PipelineRun> {
  if (Number(process.versions.node.split('.')[0]) < 22) {
    throw new Error(
      `gitlab-ci-local 4.75 needs Node 22 or newer, not ${process.version}: run these tests on Node 24 (vitest.config.ts leaves them out below 24).`,
    );
  }
  const home = tempDir('flue-gitlab-home-');
  // --shell-isolation: each job in its own copy of the project's tracked files, as on a GitLab runner (without
  // it, the jobs of one pipeline share one folder and each other's logs).
  const args = [GITLAB_CI_LOCAL, '--force-shell-executor', '--shell-isolation', '--no-artifacts-to-source', '--no-color'];
  const variables = { ...options.variables };
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  // Overriding a predefined variable (GITLAB_CI, CI_PIPELINE_SOURCE, CI_PROJECT_DIR) is what these tests mean to do.
  args.push('--ignore-predefined-vars', [...new Set([...Object.keys(variables), 'CI_PROJECT_DIR'])].join(','));
  for (const name of options.unset ?? []) args.push('--unset-variable', name);
  if (!options.validateSchema) args.push('--no-json-schema-validation');
  if (options.fileVariables) {
    const file = path.join(home, 'variables.yml');
    const entries = Object.entries(options.fileVariables).map(([name, text]) => [name, { type: 'file', values: { '*': text } }]);
    writeFileSync(file, stringify(Object.fromEntries(entries)));
    args.push('--variables-file', file);
  }
  args.push(...(options.args ?? []), ...(options.jobs ?? []));
  const env = { PATH: [...(options.path ?? []), path.dirname(process.execPath), '/usr/local/bin:/usr/bin:/bin'].join(':'), HOME: home };
  const { code, output, stdout } = await new Promise<{ code: number; output: string; stdout: string }>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: project.dir, env, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const failed = error as (Error & { code?: unknown }) | null;
      if (failed && typeof failed.code !== 'number') reject(failed);
      else resolve({ code: failed ? (failed.code as number) : 0, output: `${stdout}${stderr}`, stdout });
    });
  });
  // Kept apart: the project's next pipeline replaces gitlab-ci-local's job logs and artifacts.
  const state = path.join(project.dir, '.gitlab-ci-local');
  const kept = tempDir('flue-gitlab-run-');
  for (const folder of ['output', 'artifacts']) {
    if (existsSync(path.join(state, folder))) cpSync(path.join(state, folder), path.join(kept, folder), { recursive: true });
  }
  return {
    code,
    output,
    stdout,
    jobLog: (job) => readFileSync(path.join(kept, 'output', `${safeJobName(job)}.log`), 'utf8'),
    artifacts: (job) => listFiles(path.join(kept, 'artifacts', safeJobName(job))),
    artifact: (job, file) => readFileSync(path.join(kept, 'artifacts', safeJobName(job), file), 'utf8'),
  };
}

/** What a GitLab merge request pipeline says about its merge request, for `mergeRequestPipeline`. */
export interface MergeRequestPipeline {
  /** The GitLab API the job talks to (CI_API_V4_URL): a fake's, e.g. `http://127.0.0.1:1234/api/v4`. */
  apiUrl: string;
  iid: number;
  /** The project the pipeline runs in, which is the target project's (CI_PROJECT_ID). Default 1217. */
  projectId?: number;
  /** The source project: another id for a merge request from a fork. Default: projectId. */
  sourceProjectId?: number;
  sourceBranch?: string;
  targetBranch?: string;
  title?: string;
  /** The merge base (CI_MERGE_REQUEST_DIFF_BASE_SHA) and the target branch's head. */
  baseSha?: string;
  /** Who started the pipeline (GITLAB_USER_LOGIN): whoever pushed. Default: gitlab-ci-local's, from git config (`test`). */
  actor?: string;
}

/**
 * The variables of a merge request pipeline (GitLab's predefined variables reference) with the job pointed at
 * a fake API; pass `unset: MERGE_REQUEST_UNSET` too. The source branch's head is the project's commit.
 */
export function mergeRequestPipeline(project: Project, mr: MergeRequestPipeline): Record<string, string> {
  const projectId = String(mr.projectId ?? 1217);
  return {
    ...GITLAB_JOB,
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_API_V4_URL: mr.apiUrl,
    CI_PROJECT_ID: projectId,
    CI_MERGE_REQUEST_IID: String(mr.iid),
    CI_MERGE_REQUEST_PROJECT_ID: projectId,
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: String(mr.sourceProjectId ?? projectId),
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: mr.sourceBranch ?? 'feature',
    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: project.sha,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: mr.targetBranch ?? 'main',
    ...(mr.baseSha ? { CI_MERGE_REQUEST_DIFF_BASE_SHA: mr.baseSha, CI_MERGE_REQUEST_TARGET_BRANCH_SHA: mr.baseSha } : {}),
    CI_MERGE_REQUEST_TITLE: mr.title ?? 'A change',
    ...(mr.actor ? { GITLAB_USER_LOGIN: mr.actor } : {}),
  };
}

/** What GitLab leaves out of a merge request pipeline and gitlab-ci-local predefines: the branch of a push. */
export const MERGE_REQUEST_UNSET = ['CI_COMMIT_BRANCH'];

/** The variables of a pipeline the trigger API started (a webhook): give the payload as the file variable TRIGGER_PAYLOAD. */
export function triggerPipeline(apiUrl: string, projectId = 1217): Record<string, string> {
  return { ...GITLAB_JOB, CI_PIPELINE_SOURCE: 'trigger', CI_API_V4_URL: apiUrl, CI_PROJECT_ID: String(projectId) };
}

/** What the stand-in CLI recorded in a job: its arguments and the variables the real CLI reads. */
export interface StandInRecord {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The file node ran. */
  script: string;
  /** The text of the file TRIGGER_PAYLOAD names, when it is set. */
  payload?: string;
}

/** Every record the stand-in CLI printed in a job's log (one per run of it). */
export function standInRecords(log: string): StandInRecord[] {
  return log
    .split('\n')
    .filter((line) => line.includes('stand-in: {'))
    .map((line) => JSON.parse(line.slice(line.indexOf('stand-in: ') + 'stand-in: '.length)) as StandInRecord);
}

export interface LocalServer {
  url: string;
  /** The paths requested, in order. */
  requests: string[];
}

function listen(server: Server): Promise<string> {
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/** A static HTTP server on 127.0.0.1 for `include: remote:`, closed when the test ends. */
export async function serveFiles(files: Record<string, string>): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(url);
    const body = files[url];
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(body ?? 'not found');
  });
  return { url: await listen(server), requests };
}

/**
 * A git smart-HTTP server on 127.0.0.1 for the repositories under `root` (`<root>/<group>/<name>.git`), by
 * git's own CGI program, git http-backend. gitlab-ci-local fetches a component with a shallow, sparse clone,
 * which the dumb HTTP protocol cannot serve.
 */
export async function serveGit(root: string): Promise<LocalServer> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${request.method} ${url.pathname}`);
    const backend = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: request.method ?? 'GET',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    request.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    backend.on('close', () => {
      const reply = Buffer.concat(chunks);
      const split = reply.indexOf('\r\n\r\n');
      const headers = reply.subarray(0, split).toString('latin1').split('\r\n');
      let status = 200;
      for (const header of headers) {
        const [name, ...rest] = header.split(':');
        const value = rest.join(':').trim();
        if (name?.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else if (name) response.setHeader(name, value);
      }
      response.writeHead(status);
      response.end(reply.subarray(split + 4));
    });
  });
  return { url: await listen(server), requests };
}

/** A bare repository `<root>/<repo>.git` holding `files` in one commit, tagged `tag`. */
export function makeBareRepository(root: string, repo: string, files: Record<string, string>, tag: string): void {
  const work = tempDir('flue-gitlab-component-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    writeFileSync(path.join(work, name), text);
  }
  git(work, 'init', '-q');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'release');
  git(work, 'tag', tag);
  const bare = path.join(root, `${repo}.git`);
  mkdirSync(path.dirname(bare), { recursive: true });
  git(root, 'clone', '-q', '--bare', work, bare);
}

/** Copies a file into a project's working tree without committing it (the shell executor runs in that tree). */
export function addUntracked(project: Project, name: string, from: string): void {
  mkdirSync(path.dirname(path.join(project.dir, name)), { recursive: true });
  cpSync(from, path.join(project.dir, name));
}
