/**
 * The action's post step (`post-if: always()`). When the main step finished, it has nothing to do.
 * When main was cancelled, timed out or killed before it uploaded the session log, the log is still
 * on disk, whole up to its last line (it is written line by line): render its report and summary,
 * and upload it, so a cancelled run still leaves its log. Never fails the job: only warnings.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { renderHtml } from '../report/index.js';
import { readSessionLog } from '../session-log/index.js';
import { artifactName, uploadSessionArtifact } from './artifact.js';
import { readRunnerEnvironment } from './environment.js';
import { writeJobSummary } from './report.js';
import { DEFAULT_ARTIFACT_NAME } from './settings.js';
import { STATE } from './state.js';

export async function runActionPost(): Promise<void> {
  try {
    if (core.getState(STATE.finished) === 'true') return;
    const logDir = core.getState(STATE.logDir);
    if (logDir === '' || !existsSync(logDir)) return;
    const logs = readdirSync(logDir).filter((name) => name.endsWith('.jsonl'));
    if (logs.length === 0) return;
    core.info('The main step did not finish (cancelled, timed out or killed): uploading the session log it left.');
    const environment = readRunnerEnvironment();
    const naming = {
      prefix: core.getState(STATE.artifactPrefix) || DEFAULT_ARTIFACT_NAME,
      job: environment.job,
      attempt: environment.runAttempt,
    };
    for (const name of logs) {
      const logFile = join(logDir, name);
      const log = readSessionLog(logFile);
      writeFileSync(logFile.replace(/\.jsonl$/, '.html'), renderHtml(log));
      await writeJobSummary(logFile);
      await uploadSessionArtifact(logFile, artifactName(naming, log.header.id));
    }
  } catch (error) {
    core.warning(`The post step could not upload the session log: ${(error as Error).message}`);
  }
}
