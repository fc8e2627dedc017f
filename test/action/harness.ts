/**
 * Runs the BUILT action (dist/index.js, dist/post.js) the way the runner does: a node process with
 * INPUT_* variables (upper-cased, dashes kept), the event payload in a file, and the runner's files
 * for outputs, the summary and state. GitHub and Anthropic are the local fakes.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireCurrentDist } from './built.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_INDEX = path.join(ROOT, 'dist', 'index.js');
export const DIST_POST = path.join(ROOT, 'dist', 'post.js');
/**
 * Node's compile cache (Node >= 22.1; older ones ignore the variable) for the steps the tests run: the
 * bundle compiles once a build, not once a step, a fifth of the end-to-end tests' CPU. What a step does
 * is the same either way; a runner's jobs start cold.
 */
export const STEP_COMPILE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'flue-action-steps');

export const API_KEY = 'sk-ant-e2e-0123456789abcdef';
/** GITHUB_SHA: the commit the workflow runs from, where untrusted runs and workflow_run read the agent. */
export const WORKFLOW_SHA = 'c0ffee'.padEnd(40, '0');
/** An agent that reads the README and may leave one comment: the lifecycle and status tests run it. */
export const READER_AGENT = `---
description: Read the README and report
tools: [read]
outputs:
  add_comment: { max: 1 }
---
Read README.md.
`;

export const TOKEN = 'ghs_e2e0123456789abcdefghij';

/** The action runs dist/, not src/: CI builds first; locally, run `npm run build`. */
export function requireBuiltAction(): void {
  for (const file of [DIST_INDEX, DIST_POST]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the action tests.`);
  }
  requireCurrentDist();
}

const created: string[] = [];

export async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'flue-action-e2e-'));
  created.push(root);
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  return root;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface ActionRunOptions {
  eventName: string;
  payload: unknown;
  /** Action inputs by their action.yml name; `github-token` and `anthropic-api-key` default to test values. */
  inputs: Record<string, string>;
  /** The checkout: repository-relative path to content. */
  workspace: string;
  githubUrl: string;
  anthropicUrl: string;
  /** Run dist/post.js after main with the state main saved (as the runner does with `post-if: always()`). */
  post?: boolean;
  /** GITHUB_RUN_ATTEMPT: 1 by default; 2 and on for a re-run of the same run (GITHUB_RUN_ID 4242). */
  runAttempt?: number;
  /** More environment for both steps, e.g. a fake artifact service's `env`. */
  env?: Record<string, string>;
  /** Node flags for both steps, before the script: e.g. `--import` of a fault injector (fs-faults.mjs). */
  nodeArgs?: string[];
  /** Called with the running main process, e.g. to send it SIGINT. */
  during?: (child: ReturnType<typeof spawn>, output: () => string) => void | Promise<void>;
}

export interface StepResult {
  code: number | NodeJS.Signals;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  main: StepResult;
  post?: StepResult;
  /** Parsed GITHUB_OUTPUT of main. */
  outputs: Record<string, string>;
  /** Parsed GITHUB_STATE of main. */
  state: Record<string, string>;
  /** GITHUB_STEP_SUMMARY of main ('' when none was written). */
  summary: string;
  postSummary: string;
  runnerTemp: string;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  requireBuiltAction();
  const files = await tempDir();
  const runnerTemp = path.join(files, 'runner-temp');
  await mkdir(runnerTemp);
  const eventPath = path.join(files, 'event.json');
  await writeFile(eventPath, JSON.stringify(options.payload));
  const paths = Object.fromEntries(['output', 'summary', 'state', 'post-output', 'post-summary'].map((name) => [name, path.join(files, name)]));
  for (const file of Object.values(paths)) await writeFile(file, '');
  const inputs: Record<string, string> = { 'anthropic-api-key': API_KEY, 'github-token': TOKEN, ...options.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repositoryOf(options.payload),
    GITHUB_SHA: WORKFLOW_SHA,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_JOB: 'triage',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.githubUrl,
    RUNNER_TEMP: runnerTemp,
    ANTHROPIC_BASE_URL: options.anthropicUrl,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_STATE: paths.state,
    NODE_COMPILE_CACHE: STEP_COMPILE_CACHE,
    ...options.env,
  };
  // As the runner: every input declared in action.yml is set, upper-cased with dashes kept.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const main = await step(DIST_INDEX, env, options.workspace, options.during, options.nodeArgs);
  const state = parseCommandFile(readFileSync(paths.state as string, 'utf8'));
  let post: StepResult | undefined;
  if (options.post) {
    const postEnv: NodeJS.ProcessEnv = { ...env, GITHUB_OUTPUT: paths['post-output'], GITHUB_STEP_SUMMARY: paths['post-summary'] };
    for (const [name, value] of Object.entries(state)) postEnv[`STATE_${name}`] = value;
    post = await step(DIST_POST, postEnv, options.workspace, undefined, options.nodeArgs);
  }
  return {
    main,
    post,
    outputs: parseCommandFile(readFileSync(paths.output as string, 'utf8')),
    state,
    summary: readFileSync(paths.summary as string, 'utf8'),
    postSummary: readFileSync(paths['post-summary'] as string, 'utf8'),
    runnerTemp,
  };
}

function step(script: string, env: NodeJS.ProcessEnv, cwd: string, during?: ActionRunOptions['during'], nodeArgs: string[] = []): Promise<StepResult> {
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<StepResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal as NodeJS.Signals), stdout, stderr }));
  });
  if (during) void Promise.resolve(during(child, () => stdout));
  return exited;
}

/** Sends `signal` once the first model request is in flight (its turn group has started). */
export const signalDuringModelCall =
  (signal: NodeJS.Signals): ActionRunOptions['during'] =>
  async (child, output) => {
    while (!output().includes('::group::turn 1')) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill(signal);
  };

/** `name<<delimiter\nvalue\ndelimiter` entries, as @actions/core writes GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) values[match[1] as string] = match[3] as string;
  return values;
}

function repositoryOf(payload: unknown): string {
  const fullName = (payload as { repository?: { full_name?: unknown } }).repository?.full_name;
  if (typeof fullName !== 'string') throw new Error('the test payload has no repository.full_name');
  return fullName;
}

/** The `::command::` lines of a step's output, e.g. every `::warning::`. */
export function commands(stdout: string, name: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${name}`))
    .map((line) => line.slice(line.indexOf('::', 2) + 2));
}
