/**
 * The GitLab front end: `flue-action run <agent>` inside a GitLab CI job (GITLAB_CI=true, which every
 * GitLab runner sets). It reads the job's variables, the webhook a pipeline trigger delivered
 * (TRIGGER_PAYLOAD) re-read through the API, and the CLI's flags, makes the GitLab host, and hands
 * them to the CI stage the GitHub Action calls too (src/ci/stage.ts). Then it reports as a GitLab job
 * does: the outputs and a collapsible summary in the job log, the session log and HTML report in the
 * log folder the template keeps as artifacts, the progress note finished, and the exit code of the status.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { pathInside } from '../paths.js';
import { runCiStages, type CiRunInput, type CiRunState, type CiSettings } from '../ci/stage.js';
import { finishedState } from '../ci/progress-state.js';
import { errorMessage, InputError } from '../errors.js';
import { DEFAULT_TRIGGER_PHRASE } from '../gate/gate.js';
import { isAllowedBot, sameLogin } from '../gate/people.js';
import { GitLabHost } from '../hosts/gitlab/index.js';
import type { RunReport } from '../pipeline.js';
import { nullPrototypeRecord } from '../records.js';
import { createProgressPrinter } from '../report/progress.js';
import { terminalSafe } from '../report/terminal.js';
import { secretValues } from '../secrets/variables.js';
import type { LiveSeal } from '../session-log/seal.js';
import { createRedactor } from '../session-log/redact.js';
import { mergeRequestFields, readGitLabTrigger, UnsupportedGitLabEventError, verifyGitLabPayloadTrigger } from '../trigger/gitlab.js';
import type { Trigger } from '../trigger/types.js';
import { commandLimits, type RunCommand } from './args.js';
import { batchedOutput } from './batched-output.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * Where the session log and the report go unless `--log-dir` says (templates/agent.yml passes the same):
 * under the project, so `artifacts: paths:` can keep them, and under `.flue/`, which the agent's tools cannot write.
 */
export const GITLAB_LOG_DIR = '.flue/logs';

export async function runGitLabJob(command: RunCommand, io: CliIo): Promise<number> {
  const { env } = io;
  // Every variable checked before the first call: a job missing its key stops before it reads a note.
  const job = readGitLabJob(env, io.cwd);
  const workspace = resolve(io.cwd, command.cwd);
  const secrets = secretValues(env);
  const redactor = createRedactor(secrets);
  const logDir = resolve(job.projectDir, command.logDir ?? GITLAB_LOG_DIR);
  mkdirSync(logDir, { recursive: true });
  const out = batchedOutput(io.stdout);
  const warn = (message: string) => out.write(`${terminalSafe(`WARNING: ${message}`)}\n`);
  const host = new GitLabHost({
    baseUrl: job.apiUrl,
    token: job.token,
    tokenKind: 'private',
    project: job.projectId,
    runId: job.pipelineId,
    // GitLab numbers no attempts: a retried job has a new job id in the same pipeline. Every run looks
    // for what an earlier job of its pipeline applied (one read per output) before it writes.
    rerun: true,
    runUrl: job.jobUrl,
    progressNote: command.progressComment ?? true,
    redactor,
    tmpDir: tmpdir(),
    warn,
  });
  let verified: Trigger;
  try {
    // The payload first (a commit's note is refused before any call), then every word of it re-read.
    const claimed = readTrigger(env);
    const botChange = await changedByBot(claimed, host, command.allowedBots ?? []);
    if (botChange !== undefined) throw new UnsupportedGitLabEventError(botChange);
    verified = await verifyGitLabPayloadTrigger(claimed, host.records);
  } catch (error) {
    // A webhook about something the runner never answers (a system or internal note, a commit's note): a skip, said in the log.
    if (!(error instanceof UnsupportedGitLabEventError)) throw error;
    io.stdout.write(`${terminalSafe(`flue-action skipped the run: ${error.message}`)}\n`);
    return exitCodeFor('skipped');
  }
  const trigger = withInputs(await withAuthor(verified, host), command.input);
  const settings = ciSettings(command, job, workspace, secrets);
  const state: CiRunState = { redactor };
  const printer = createProgressPrinter(out);
  const resume = command.resume === 'auto' ? await resumeHooks(job, trigger, logDir, out) : {};
  let report: RunReport;
  try {
    report = await runCiStages({
      settings,
      host,
      trigger,
      workflowCommit: job.commitSha,
      visibility: job.visibility,
      logDir,
      signal: io.signal,
      state,
      console: {
        info: (message) => out.write(`${terminalSafe(message)}\n`),
        event: (event) => {
          printer(event);
          resume.sealer?.update();
        },
      },
      ...resume.hooks,
    });
  } catch (error) {
    // The note must not say "working" forever.
    await state.progress?.update({ phase: 'finished', line: `❌ **failed**: ${errorMessage(error)}` });
    throw error;
  } finally {
    out.flush();
  }
  await printReport(report, settings, io);
  if (state.progress && state.progressView) {
    await state.progress.update(finishedState(report, job.artifactsUrl, state.progressView, redactor));
  }
  return exitCodeFor(report.status);
}

/**
 * `--resume auto`: the previous attempt's interrupted log to continue (./gitlab-resume.ts, loaded only
 * then), and the live seal that lets the next attempt continue this one's. Neither can fail the job.
 */
async function resumeHooks(
  job: GitLabJob,
  trigger: Trigger,
  logDir: string,
  out: { write(text: string): void },
): Promise<{ hooks?: Pick<CiRunInput, 'resumeFrom' | 'onResumeRefused' | 'onLogOpened'>; sealer?: LiveSeal }> {
  const { previousJobLog, liveSeal } = await import('./gitlab-resume.js');
  const line = (text: string) => out.write(`${terminalSafe(text)}\n`);
  const artifactDir = pathInside(job.projectDir, logDir);
  const result: { hooks?: Pick<CiRunInput, 'resumeFrom' | 'onResumeRefused' | 'onLogOpened'>; sealer?: LiveSeal } = {};
  let taken: string | undefined;
  result.hooks = {
    resumeFrom: async (agent) => {
      const log = await previousJobLog({ job, agent, trigger, logDir, artifactDir, info: line, warn: (text) => line(`WARNING: ${text}`) });
      taken = log?.path;
      return log;
    },
    onResumeRefused(reason) {
      line(`WARNING: resume: ${reason} This job starts a fresh run.`);
      // Not left in the log folder, where the artifacts would keep it beside this job's own log.
      if (taken !== undefined) rmSync(taken, { force: true });
    },
    onLogOpened(file, agent) {
      result.sealer = liveSeal(job, file, logDir, agent);
      result.sealer?.update();
    },
  };
  return result;
}

/** The stage's settings: the CLI's flags, with the defaults the action's inputs have. */
function ciSettings(command: RunCommand, job: GitLabJob, workspace: string, secrets: string[]): CiSettings {
  return {
    workspace,
    repositoryFolder: repositoryFolder(job.projectDir, workspace),
    agent: command.agent,
    prompt: command.prompt,
    model: command.model,
    fallbackModel: command.fallbackModel,
    limits: commandLimits(command),
    dryRun: command.dryRun,
    secrets,
    triggerPhrase: command.triggerPhrase ?? DEFAULT_TRIGGER_PHRASE,
    allowedUsers: command.allowedUsers ?? [],
    allowedBots: command.allowedBots ?? [],
    trustAuthorText: command.trustAuthorText ?? false,
    progressDetails: command.progressDetails ?? 'auto',
    anthropicApiKey: job.anthropicApiKey,
    anthropicBaseUrl: job.anthropicBaseUrl,
  };
}

interface GitLabJob {
  apiUrl: string;
  token: string;
  anthropicApiKey: string;
  anthropicBaseUrl?: string;
  projectId: string;
  /** CI_PROJECT_ID: the pipeline's own project (a fork's, for a merge request pipeline run in the fork). */
  pipelineProjectId?: string;
  pipelineId: string;
  /** CI_JOB_ID and CI_JOB_NAME: a retry is a new job of the same name (`--resume auto` looks for the one before). */
  jobId?: string;
  jobName?: string;
  jobUrl: string;
  /** Where the job's artifacts can be browsed once it ends (the progress note links there). */
  artifactsUrl?: string;
  commitSha?: string;
  projectDir: string;
  visibility: 'private' | 'public';
}

/** The job's variables, each checked once; a missing one is named with what sets it. */
function readGitLabJob(env: CliIo['env'], cwd: string): GitLabJob {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new InputError(`${name} is not set: GitLab sets it in every CI job. flue-action run treats GITLAB_CI=true as a GitLab job.`);
    return value;
  };
  const jobUrl = env.CI_JOB_URL?.trim() || env.CI_PIPELINE_URL?.trim() || '';
  // `internal` projects are seen only by the instance's users: private, for progress-details: auto. Unset
  // or anything else is public, the safe reading.
  const visibility = env.CI_PROJECT_VISIBILITY === 'private' || env.CI_PROJECT_VISIBILITY === 'internal' ? 'private' : 'public';
  return {
    apiUrl: required('CI_API_V4_URL').replace(/\/+$/, ''),
    token: gitLabToken(env),
    anthropicApiKey: anthropicKey(env),
    anthropicBaseUrl: env.ANTHROPIC_BASE_URL?.trim() || undefined,
    // A fork's merge request pipeline can run in the fork: the merge request, its notes and labels are the target project's.
    projectId: env.CI_MERGE_REQUEST_PROJECT_ID?.trim() || required('CI_PROJECT_ID'),
    pipelineProjectId: env.CI_PROJECT_ID?.trim() || undefined,
    pipelineId: required('CI_PIPELINE_ID'),
    jobId: env.CI_JOB_ID?.trim() || undefined,
    jobName: env.CI_JOB_NAME || undefined,
    jobUrl,
    artifactsUrl: env.CI_JOB_URL?.trim() ? `${env.CI_JOB_URL.trim()}/artifacts/browse` : undefined,
    commitSha: env.CI_COMMIT_SHA?.trim() || undefined,
    projectDir: resolve(cwd, env.CI_PROJECT_DIR?.trim() || '.'),
    visibility,
  };
}

/**
 * FLUE_GITLAB_TOKEN, then GITLAB_TOKEN. CI_JOB_TOKEN is never enough: GitLab lets it read a few endpoints
 * and post no note, so a job with only that token is told what to set instead of failing at its first write.
 */
function gitLabToken(env: CliIo['env']): string {
  for (const name of ['FLUE_GITLAB_TOKEN', 'GITLAB_TOKEN']) {
    const value = env[name]?.trim();
    if (value && value === env.CI_JOB_TOKEN?.trim()) {
      throw new InputError(
        `${name} holds CI_JOB_TOKEN, which cannot post notes, labels or reviews. Set it to a project or group access token ` +
          'with the api scope and the Developer role, as a masked CI/CD variable.',
      );
    }
    if (value) return value;
  }
  const jobToken = env.CI_JOB_TOKEN
    ? ' CI_JOB_TOKEN is set, but it cannot post notes, labels or reviews, nor read notes and merge requests through the API.'
    : '';
  throw new InputError(
    'No GitLab token: set FLUE_GITLAB_TOKEN (or GITLAB_TOKEN) to a project or group access token with the api scope and the ' +
      `Developer role, as a masked CI/CD variable (the template's token-variable input names it).${jobToken}`,
  );
}

function anthropicKey(env: CliIo['env']): string {
  const key = env.ANTHROPIC_API_KEY?.trim();
  if (key) return key;
  throw new InputError('ANTHROPIC_API_KEY is not set. Add it as a masked CI/CD variable (and ANTHROPIC_BASE_URL for a gateway).');
}

/** The job's Trigger; TRIGGER_PAYLOAD is a file variable: its value is the path of the webhook GitLab wrote. */
function readTrigger(env: CliIo['env']): Trigger {
  const path = env.TRIGGER_PAYLOAD?.trim();
  if (!path) return readGitLabTrigger(env, { source: 'the CI/CD variables' });
  const source = `TRIGGER_PAYLOAD (${path})`;
  let payloadFile: string;
  try {
    payloadFile = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read ${source}: ${(error as Error).message}. GitLab writes it for pipelines a webhook triggered.`);
  }
  return readGitLabTrigger(env, { payloadFile, source });
}

/**
 * Why an issue or merge request webhook is not answered because of who caused it, or undefined. GitLab
 * sends one for every change, the runner's own included (the labels it adds, the merge request it opens),
 * and the re-read keeps the issue's author as the actor, not whoever changed it: without this, a triage
 * job answers its own labels with another run and another note. The payload's `user` is only a claim
 * (anyone holding the trigger URL writes it), so it can skip a run, never start one. A note's author is
 * re-read instead, and the gate refuses the runner's own notes and bots.
 */
async function changedByBot(claimed: Trigger, host: GitLabHost, allowedBots: readonly string[]): Promise<string | undefined> {
  if (claimed.eventName !== 'issue' && claimed.eventName !== 'merge_request') return undefined;
  const subject = `${claimed.isPullRequest ? 'merge request !' : 'issue #'}${claimed.number ?? '?'}`;
  if (sameLogin(claimed.actor, await host.selfLogin())) {
    return `the webhook says ${claimed.actor}, the account this job writes as, changed ${subject}: the runner never answers its own changes.`;
  }
  if (claimed.actorIsBot && !isAllowedBot(claimed.actor, allowedBots)) {
    return `the webhook says the bot '${claimed.actor}' changed ${subject}, and it is not in allowed-bots. Add it to allowed-bots to let it start runs.`;
  }
  return undefined;
}

/**
 * A merge request pipeline's variables name no author, and the gate weighs the author (a stranger's merge
 * request runs untrusted): read from the merge request itself before the gate, with its whole description
 * (the variable holds only its first 2,700 characters) and its labels as they are now.
 */
async function withAuthor(trigger: Trigger, host: GitLabHost): Promise<Trigger> {
  if (!trigger.isPullRequest || trigger.comment !== undefined || trigger.author !== undefined || trigger.number === undefined) return trigger;
  const iid = trigger.number;
  const fields = mergeRequestFields(await host.records.mergeRequest(iid), `merge request !${iid} (GET /projects/:id/merge_requests/${iid})`);
  return {
    ...trigger,
    author: fields.author,
    title: fields.title ?? trigger.title,
    body: fields.body ?? trigger.body,
    labels: fields.labels ?? trigger.labels,
  };
}

/** `--input` over the trigger's own inputs. Null prototype: `{"__proto__": ...}` stays plain data. */
function withInputs(trigger: Trigger, input: Record<string, unknown> | undefined): Trigger {
  return input ? { ...trigger, inputs: Object.assign(nullPrototypeRecord(), trigger.inputs, input) } : trigger;
}

/** Where `--cwd` sits in the project, '/'-separated: the folder whose definitions are read through the API. */
function repositoryFolder(projectDir: string, workspace: string): string {
  const inside = pathInside(projectDir, workspace);
  if (inside === undefined) throw new InputError(`Invalid --cwd '${workspace}': it is outside the project (CI_PROJECT_DIR ${projectDir}).`);
  return inside.split('/').filter(Boolean).join('/');
}

/**
 * The outputs, warnings and where the log is, then the run's summary as a collapsed section of the job
 * log. Everything here quotes the model, the event or GitLab: terminal-safe, so nothing can open or close
 * a section or colour the log.
 */
async function printReport(report: RunReport, settings: CiSettings, io: CliIo): Promise<void> {
  const [{ formatOutputsForConsole }, { renderSummaryMarkdown }, { readSessionLog }] = await Promise.all([
    import('../publish/console.js'),
    import('../report/summary.js'),
    import('../session-log/reader.js'),
  ]);
  const write = (text: string) => io.stdout.write(`${terminalSafe(text)}\n`);
  for (const warning of report.warnings) write(`WARNING: ${warning}`);
  const outputs = formatOutputsForConsole(report.publish, { dryRun: settings.dryRun });
  if (outputs !== '') write(outputs);
  for (const failed of report.publish.failed) write(`ERROR: output ${failed.kind} was not applied: ${failed.message}`);
  if (report.status === 'skipped') write(`flue-action skipped the run: ${report.reason ?? 'no reason given'}`);
  const summary = renderSummaryMarkdown(readSessionLog(report.logFile), {
    warnings: report.warnings,
    end: { status: report.status, reason: report.reason },
  });
  const stamp = Math.floor(Date.now() / 1000);
  io.stdout.write(`\x1b[0Ksection_start:${stamp}:flue_summary[collapsed=true]\r\x1b[0Kflue-action: ${report.status} (summary)\n`);
  write(summary);
  io.stdout.write(`\x1b[0Ksection_end:${Math.floor(Date.now() / 1000)}:flue_summary\r\x1b[0K\n`);
  write(`Session log: ${report.logFile}\nReport: ${report.reportFile ?? 'not written (see the warning)'}`);
  if (report.status !== 'succeeded' && report.status !== 'skipped') write(`flue-action: ${report.status}${report.reason ? `: ${report.reason}` : ''}`);
}
