/**
 * The GitHub Action's main step. `runAction` is the only place that calls `core.setFailed`: every
 * stage below reports through return values and exceptions, and this decides what fails the step.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import type { ProgressState } from '../hosts/host.js';
import type { RunReport } from '../pipeline.js';
import { formatOutputsForConsole } from '../publish/index.js';
import { analyzeSession } from '../report/index.js';
import { terminalSafe } from '../report/terminal.js';
import type { StartedEnvironment } from '../secrets/start.js';
import { readSessionLog } from '../session-log/index.js';
import { STATUS_EXIT_CODE } from '../session-log/status.js';
import { artifactLink, artifactName, artifactService, uploadSessionArtifact, type ArtifactNaming } from './artifact.js';
import { neutralizeCommands } from './console.js';
import { sealKey } from '../session-log/seal.js';
import { readRunnerEnvironment, type RunnerEnvironment } from './environment.js';
import { finishedState } from '../ci/progress-state.js';
import { setRunOutputs, writeJobSummary } from './report.js';
import { runActionStages, type ActionRunState } from './run.js';
import { readActionSettings, type ActionSettings } from './settings.js';
import { STATE } from './state.js';

/**
 * `started` is what dist/index.js took before loading the runner (src/secrets/start.ts): the step's
 * environment in memory, with `process.env` (and, where Node can restart, the process's environment
 * block) down to the variables that authenticate nothing.
 */
export async function runAction(started: StartedEnvironment): Promise<void> {
  const cancel = new AbortController();
  // The runner sends SIGINT when the job is cancelled (SIGTERM a few seconds later): stop the agent,
  // and let the run end as `cancelled` with its log uploaded. The post step covers a harder kill.
  const onSignal = (signal: NodeJS.Signals) => {
    if (cancel.signal.aborted) return;
    core.warning(`Received ${signal}: the job was cancelled or timed out. Stopping the agent and uploading its session log.`);
    cancel.abort(new Error(`${signal} received`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const state: ActionRunState = {};
  try {
    const settings = readActionSettings(started);
    const environment = readRunnerEnvironment(started.env);
    const logDir = createLogDir(environment);
    core.saveState(STATE.logDir, logDir);
    core.saveState(STATE.artifactPrefix, settings.artifactName);
    const report = await runActionStages({ settings, environment, logDir, signal: cancel.signal, state });
    const failure = await reportRun(report, settings, environment, state, started);
    if (failure !== undefined) {
      core.setFailed(terminalSafe(failure));
      // The CLI's code for the same status (setFailed says 1): a script or a later step can tell them apart.
      process.exitCode = STATUS_EXIT_CODE[report.status];
    }
  } catch (error) {
    const message = errorMessage(error);
    // In the log only with step debug logging on (ACTIONS_STEP_DEBUG): where the failure came from.
    if (error instanceof Error && error.stack) core.debug(terminalSafe(error.stack));
    core.setOutput('status', 'failed');
    // The comment must not say "working" forever; the post step uploads whatever log there is.
    await finishProgress(state, { phase: 'finished', line: `❌ **failed**: ${message}` });
    core.setFailed(terminalSafe(message));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Outputs, console, summary, artifact, progress comment; returns the step's failure message, if it fails. */
async function reportRun(
  report: RunReport,
  settings: ActionSettings,
  environment: RunnerEnvironment,
  state: ActionRunState,
  started: StartedEnvironment,
): Promise<string | undefined> {
  setRunOutputs(report);
  printOutcome(report, settings);
  for (const warning of report.warnings) core.warning(terminalSafe(warning));
  await writeJobSummary(report.logFile, { warnings: report.warnings, end: { status: report.status, reason: report.reason } });
  if (report.status === 'skipped') {
    // Not uploaded: in a busy repository every comment starts a job, and each would leave an artifact.
    core.saveState(STATE.finished, 'true');
    core.notice(terminalSafe(`flue-action skipped the run: ${report.reason ?? 'no reason given'}`));
    return undefined;
  }
  const naming: ArtifactNaming = { prefix: settings.artifactName, job: environment.job, attempt: environment.runAttempt };
  const seal = sealKey(settings.anthropicApiKey, environment);
  const uploaded = await uploadSessionArtifact(report.logFile, artifactName(naming, report.sessionId), artifactService(started.env), seal);
  core.saveState(STATE.finished, 'true');
  // Both are set before the comment starts: without them there is no comment to finish.
  const { progressView, redactor } = state;
  if (progressView && redactor) await finishProgress(state, finishedState(report, artifactLink(environment, uploaded), progressView, redactor));
  return failureOf(report, settings);
}

/** Finishes the live comment, then tells the post step there is no comment left for it to finish. */
async function finishProgress(state: ActionRunState, final: ProgressState): Promise<void> {
  if (state.progress === undefined) return;
  await state.progress.update(final);
  core.saveState(STATE.progressComment, '');
}

function printOutcome(report: RunReport, settings: ActionSettings): void {
  const outputs = formatOutputsForConsole(report.publish, { dryRun: settings.dryRun });
  if (outputs !== '') process.stdout.write(`${neutralizeCommands(outputs)}\n`);
  // From the log: it also holds the proposals refused when the agent made them, which never reach publish.
  // Reasons and messages quote the model and GitHub: terminal-safe, like every job-log line.
  for (const outcome of analyzeSession(readSessionLog(report.logFile)).outputs) {
    if (outcome.state === 'rejected') core.warning(terminalSafe(`Output ${outcome.kind} rejected: ${outcome.reason ?? 'no reason given'}`));
  }
  for (const failed of report.publish.failed) core.error(terminalSafe(`Output ${failed.kind} was not applied: ${failed.message}`));
  core.info(`Session log: ${report.logFile}\nReport: ${report.reportFile ?? 'not written (see the warning)'}`);
}

/**
 * `failed` and `cancelled` fail the step; `budget_exhausted` too unless `fail-on-budget: false`. An output
 * GitHub refused made the run `failed` (settleStatus in pipeline.ts), so the status output says it too.
 */
function failureOf(report: RunReport, settings: ActionSettings): string | undefined {
  const reason = report.reason ? `: ${report.reason}` : '';
  switch (report.status) {
    case 'failed':
      return `Agent '${report.agent}' failed${reason}`;
    case 'cancelled':
      return `Agent '${report.agent}' was cancelled${reason}`;
    case 'budget_exhausted':
      if (settings.failOnBudget) {
        return `Agent '${report.agent}' ran out of budget${reason}. Raise max-turns, max-cost-usd or timeout-minutes, or set fail-on-budget: false.`;
      }
      core.warning(terminalSafe(`Agent '${report.agent}' ran out of budget${reason} (fail-on-budget is false: the step passes).`));
      return undefined;
    case 'skipped':
    case 'succeeded':
      return undefined;
  }
}

/** A fresh folder per step under RUNNER_TEMP: two flue steps in one job keep their logs apart. */
function createLogDir(environment: RunnerEnvironment): string {
  const parent = join(environment.runnerTemp, 'flue-action');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'session-'));
}
