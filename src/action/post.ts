/**
 * The action's post step (`post-if: always()`). When the main step finished, it has nothing to do.
 * When main was cancelled, timed out or killed before it uploaded the session log, the log is still
 * on disk, whole up to its last line (it is written line by line): render its report and summary,
 * and upload it, so a cancelled run still leaves its log. When main left its progress comment saying
 * "working", finish it: stopped, what the log says was spent, and a link to the log. Never fails the
 * job: only warnings.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { analyzeSession, renderHtml } from '../report/index.js';
import { writeReportFile } from '../report/write.js';
import { createRedactor, readSessionLog, type ParsedSessionLog } from '../session-log/index.js';
import type { StartedEnvironment } from '../secrets/start.js';
import { parseRepository } from '../trigger/index.js';
import { artifactLink, artifactName, artifactService, uploadSessionArtifact } from './artifact.js';
import { sealKey } from '../session-log/seal.js';
import { readRunnerEnvironment, runUrl, type RunnerEnvironment } from './environment.js';
import { createActionHost } from './host.js';
import { savedProgressView } from '../ci/progress-view.js';
import { stoppedState } from '../ci/progress-state.js';
import { writeJobSummary } from './report.js';
import { DEFAULT_ARTIFACT_NAME, readPostSettings } from './settings.js';
import { STATE } from './state.js';

/** `started`: the step's environment, taken by dist/post.js as main's is (it starts no process, so it does not restart). */
export async function runActionPost(started: StartedEnvironment): Promise<void> {
  const logHandled = core.getState(STATE.finished) === 'true';
  const progressHandle = core.getState(STATE.progressComment);
  if (logHandled && progressHandle === '') return;
  try {
    const environment = readRunnerEnvironment(started.env);
    const logs = readLeftLogs();
    // Main uploaded the log before it was stopped: the run's page lists the artifact.
    let link = logHandled && environment.repository ? runUrl(environment, parseRepository(environment.repository)) : undefined;
    if (!logHandled && logs.length > 0) link = await uploadLeftLogs(logs, environment, started);
    if (progressHandle !== '') await finishLeftProgress(progressHandle, environment, logs.at(-1)?.log, link, started);
  } catch (error) {
    core.warning(`The post step could not upload the session log or finish the progress comment: ${(error as Error).message}`);
  }
}

interface LeftLog {
  file: string;
  log: ParsedSessionLog;
}

/** The session logs in the main step's log folder; none when main never got that far. */
function readLeftLogs(): LeftLog[] {
  const logDir = core.getState(STATE.logDir);
  if (logDir === '' || !existsSync(logDir)) return [];
  const logs: LeftLog[] = [];
  for (const name of readdirSync(logDir).filter((entry) => entry.endsWith('.jsonl'))) {
    const file = join(logDir, name);
    try {
      logs.push({ file, log: readSessionLog(file) });
    } catch (error) {
      // Killed before its header line was written: nothing in it to report, and the comment is still finished.
      core.warning(`The session log ${file} cannot be read: ${(error as Error).message}`);
    }
  }
  return logs;
}

/** Renders and uploads each log; returns the link to the last one uploaded (one run, one log). */
async function uploadLeftLogs(logs: LeftLog[], environment: RunnerEnvironment, started: StartedEnvironment): Promise<string | undefined> {
  core.info('The main step did not finish (cancelled, timed out or killed): uploading the session log it left.');
  const naming = {
    prefix: core.getState(STATE.artifactPrefix) || DEFAULT_ARTIFACT_NAME,
    job: environment.job,
    attempt: environment.runAttempt,
  };
  const seal = sealKey(readPostSettings(started.env).anthropicApiKey, environment);
  let link: string | undefined;
  for (const { file, log } of logs) {
    // Best-effort, like main's: a full disk must not keep the log from being uploaded or the comment from being finished.
    const failure = writeReportFile(file.replace(/\.jsonl$/, '.html'), () => renderHtml(log), file);
    if (failure !== undefined) core.warning(failure);
    await writeJobSummary(file, { warnings: failure === undefined ? [] : [failure] });
    link = artifactLink(environment, await uploadSessionArtifact(file, artifactName(naming, log.header.id), artifactService(started.env), seal));
  }
  return link;
}

async function finishLeftProgress(
  handle: string,
  environment: RunnerEnvironment,
  log: ParsedSessionLog | undefined,
  link: string | undefined,
  started: StartedEnvironment,
): Promise<void> {
  const { githubToken } = readPostSettings(started.env);
  if (githubToken === '' || environment.repository === undefined) {
    core.warning('The progress comment still says "working": the post step has no github-token or GITHUB_REPOSITORY to finish it with.');
    return;
  }
  const repository = parseRepository(environment.repository);
  // Every secret the step was started with, as main's redactor had them: the comment is redacted like main's.
  const redactor = createRedactor([githubToken, ...started.secrets]);
  const progress = createActionHost({ token: githubToken, environment, repository, progressComment: true, redactor }).resumeProgress(handle);
  if (progress === undefined) {
    core.warning(`The progress comment still says "working": the saved state '${handle}' does not name a comment.`);
    return;
  }
  core.info('The main step did not finish its progress comment: marking it stopped.');
  // By main's rules: the view it saved with the handle (the least, if it saved none).
  await progress.update(stoppedState(log && analyzeSession(log), link, savedProgressView(core.getState(STATE.progressView))));
}
