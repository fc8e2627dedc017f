/**
 * A small stand-in for the Actions runner, enough to run one job of this repository's workflows here:
 * `run:` steps as the runner runs them (`bash -e` on a script file, in the workspace, with the runner's
 * variables and a fresh GITHUB_OUTPUT), `uses: ./` as the built action (test/action/harness.ts: every
 * input action.yml declares set, main then post), and `${{ steps.ID.outputs.NAME }}` between them.
 * What it cannot honour is an error naming it, never a guess: another expression, a step key such as
 * `if:` or `shell:`, a job key such as `strategy:`, an action other than checkout and setup-node, a
 * `with:` the action does not declare.
 *
 * Background processes a `run:` step starts with `&` outlive it, as on a runner until the job ends:
 * each step's bash leads its own process group, and `stopJob` ends the groups.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DIST_INDEX, DIST_POST, ROOT, runAction, TOKEN, type ActionRun } from '../action/harness.js';
import { type Mapping, parseFileCommands, type Step, type StepOutputs, substitute, substituteAll, type Workflow } from './workflow.js';

/** Where the action would find the model if the step's env did not say: nothing listens on port 9 (discard). */
const NO_MODEL = 'http://127.0.0.1:9';
/** Actions the local runner stands in for: the workspace is the checkout, and PATH starts with this Node. */
const STOOD_IN_FOR = /^actions\/(checkout|setup-node)@/;
/** How long after a step's shell exits its output must reach EOF (the runner waits 5 s, then goes on). */
const OUTPUT_EOF_MS = 2000;
const STEP_KEYS = new Set(['name', 'id', 'uses', 'run', 'with', 'env', 'timeout-minutes']);
const JOB_KEYS = new Set(['name', 'runs-on', 'timeout-minutes', 'permissions', 'env', 'steps']);

export interface JobContext {
  workflow: Workflow;
  jobId: string;
  eventName: string;
  payload: Mapping;
  /** GITHUB_WORKSPACE: the checkout, and the cwd of every step. */
  workspace: string;
  /** RUNNER_TEMP, shared by the job's steps; also holds the runner's own files (event, scripts, outputs). */
  runnerTemp: string;
  githubUrl: string;
  /** More environment for the action's steps, e.g. the fake artifact service's. */
  actionEnv?: Record<string, string>;
  /** GITHUB_SHA and GITHUB_REF of the event. */
  sha: string;
  ref: string;
}

export interface StepRun {
  step: Step;
  /** Exit code, or the signal that ended it. */
  code: number | string;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The built action's run (main and post), for a `uses: ./` step. */
  action?: ActionRun;
}

export interface JobRun {
  steps: StepRun[];
  /** By step id. */
  outputs: StepOutputs;
  /** Whether every step ran and exited 0 (GitHub skips the steps after a failed one). */
  succeeded: boolean;
}

export interface Job {
  context: JobContext;
  /** Process groups of the `run:` steps, whose background processes live until `stopJob`. */
  groups: number[];
  scripts: number;
}

export function createJob(context: JobContext): Job {
  const job = context.workflow.jobs[context.jobId] ?? {};
  const unknown = Object.keys(job).filter((key) => !JOB_KEYS.has(key));
  if (unknown.length > 0) throw new Error(`jobs.${context.jobId}: ${unknown.join(', ')} is not something this test's runner honours`);
  mkdirSync(context.runnerTemp, { recursive: true });
  writeFileSync(path.join(context.runnerTemp, '_event.json'), JSON.stringify(context.payload));
  return { context, groups: [], scripts: 0 };
}

/** Runs `steps` in order until one fails, reading outputs from `outputs` (and adding each step's). */
export async function runSteps(job: Job, steps: Step[], outputs: StepOutputs = {}): Promise<JobRun> {
  const runs: StepRun[] = [];
  for (const step of steps) {
    const unknown = step.keys.filter((key) => !STEP_KEYS.has(key));
    if (unknown.length > 0) throw new Error(`${step.where}: ${unknown.join(', ')} is not something this test's runner honours`);
    if (step.uses !== undefined && STOOD_IN_FOR.test(step.uses)) continue;
    const run = step.uses === './' ? await runLocalAction(job, step, outputs) : await runScriptStep(job, step, outputs);
    runs.push(run);
    if (step.id !== undefined) outputs[step.id] = run.outputs;
    if (run.code !== 0) return { steps: runs, outputs, succeeded: false };
  }
  return { steps: runs, outputs, succeeded: true };
}

/** Ends every process the job's `run:` steps left behind (SIGTERM to their process groups). */
export function stopJob(job: Job): void {
  for (const group of job.groups.splice(0)) {
    try {
      process.kill(-group, 'SIGTERM');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/** The runner's variables every step sees, then the workflow's, the job's and the step's `env:`. */
function stepEnvironment(job: Job, step: Step, outputs: StepOutputs): Record<string, string> {
  const { context } = job;
  const jobEnv = Object.entries((context.workflow.jobs[context.jobId]?.env ?? {}) as Mapping).map(([name, value]) => [name, String(value)]);
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: context.eventName,
    GITHUB_EVENT_PATH: path.join(context.runnerTemp, '_event.json'),
    GITHUB_WORKSPACE: context.workspace,
    GITHUB_REPOSITORY: String((context.payload.repository as Mapping | undefined)?.full_name ?? ''),
    GITHUB_SHA: context.sha,
    GITHUB_REF: context.ref,
    GITHUB_JOB: context.jobId,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: context.githubUrl,
    RUNNER_TEMP: context.runnerTemp,
    ...substituteAll(context.workflow.env, outputs, 'env'),
    ...substituteAll(Object.fromEntries(jobEnv), outputs, `jobs.${context.jobId}.env`),
    ...substituteAll(step.env, outputs, `${step.where} env`),
  };
}

async function runScriptStep(job: Job, step: Step, outputs: StepOutputs): Promise<StepRun> {
  if (step.run === undefined) throw new Error(`${step.where}: uses ${step.uses}, an action this test's runner does not run`);
  const script = substitute(step.run, outputs, `${step.where} run`);
  job.scripts += 1;
  const base = path.join(job.context.runnerTemp, `_step${job.scripts}`);
  const files = { script: `${base}.sh`, output: `${base}.output`, env: `${base}.env`, path: `${base}.path` };
  writeFileSync(files.script, script);
  for (const file of [files.output, files.env, files.path]) writeFileSync(file, '');
  const env = {
    ...stepEnvironment(job, step, outputs),
    // actions/setup-node puts its Node first on PATH: here, the Node running the tests.
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '',
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
  };
  const child = spawn('bash', ['-e', files.script], { cwd: job.context.workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid !== undefined) job.groups.push(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<true>((resolve) => child.on('close', () => resolve(true)));
  const code = await new Promise<number | string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (status, signal) => resolve(status ?? String(signal)));
  });
  // The runner ends a step when its output reaches EOF, not when its shell exits: a background process
  // still holding stdout or stderr stalls the step 5 s, until the runner gives up on it
  // (actions/runner, src/Runner.Sdk/ProcessInvoker.cs, ProcessExitedHandler).
  const drained = await Promise.race([closed, new Promise<false>((resolve) => setTimeout(() => resolve(false), OUTPUT_EOF_MS))]);
  if (!drained) {
    child.stdout.destroy();
    child.stderr.destroy();
    throw new Error(
      `${step.where}: a process it started in the background holds the step's stdout or stderr after its shell exited, ` +
        "so the runner waits 5 s for it before the next step: redirect the background process's output to a file.",
    );
  }
  for (const file of [files.env, files.path]) {
    const written = readFileSync(file, 'utf8');
    if (written !== '') {
      throw new Error(
        `${step.where} wrote ${path.basename(file)} (${JSON.stringify(written)}), which this test's runner does not carry to later steps`,
      );
    }
  }
  return {
    step,
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
  };
}

interface ActionMetadata {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  runs?: { using?: string; main?: string; post?: string; 'post-if'?: string };
}

export function readActionMetadata(root = ROOT): ActionMetadata {
  return parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionMetadata;
}

/**
 * Every input action.yml declares, as the runner sets them: the step's `with:` value, else the
 * default, else ''. A default's only expression is `${{ github.token }}`, the job's token.
 */
export function actionInputs(metadata: ActionMetadata, given: Record<string, string>, where: string): Record<string, string> {
  const declared = metadata.inputs ?? {};
  const undeclared = Object.keys(given).filter((name) => !(name in declared));
  if (undeclared.length > 0) throw new Error(`${where}: with ${undeclared.join(', ')}, which action.yml does not declare`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    const fallback = input.default === undefined || input.default === null ? '' : String(input.default);
    const value = given[name] ?? fallback.replace(/\$\{\{\s*github\.token\s*\}\}/g, TOKEN);
    if (value.includes('${{')) throw new Error(`action.yml inputs.${name}: the default ${value} is not an expression this test evaluates`);
    if (input.required && value === '') throw new Error(`${where}: the required input ${name} is not given`);
    inputs[name] = value;
  }
  return inputs;
}

async function runLocalAction(job: Job, step: Step, outputs: StepOutputs): Promise<StepRun> {
  const { context } = job;
  const metadata = readActionMetadata();
  // The harness runs dist/index.js, then dist/post.js (`post-if: always()`): what action.yml must name.
  const runs = metadata.runs ?? {};
  if (path.join(ROOT, runs.main ?? '') !== DIST_INDEX || path.join(ROOT, runs.post ?? '') !== DIST_POST || runs['post-if'] !== 'always()') {
    throw new Error(`action.yml runs ${JSON.stringify(runs)}; the harness runs dist/index.js, then dist/post.js always`);
  }
  const inputs = actionInputs(metadata, substituteAll(step.with, outputs, `${step.where} with`), step.where);
  const env = stepEnvironment(job, step, outputs);
  const action = await runAction({
    eventName: context.eventName,
    payload: context.payload,
    inputs,
    workspace: context.workspace,
    githubUrl: context.githubUrl,
    // On a runner, a step env without ANTHROPIC_BASE_URL sends the model's requests to Anthropic; here, nowhere.
    anthropicUrl: NO_MODEL,
    // The harness writes the runner's files (event, outputs, state) itself.
    env: { ...omit(env, ['GITHUB_EVENT_PATH']), ...context.actionEnv },
    post: true,
  });
  return { step, code: action.main.code, stdout: action.main.stdout, stderr: action.main.stderr, outputs: action.outputs, action };
}

function omit(values: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !names.includes(name)));
}
