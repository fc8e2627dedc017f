/** How a finished run is reported in Actions: the step outputs and the job summary. */
import * as core from '@actions/core';
import { errorMessage } from '../errors.js';
import type { RunReport } from '../pipeline.js';
import { renderSummaryMarkdown, type SummaryExtras } from '../report/index.js';
import { readSessionLog } from '../session-log/index.js';

/** The step outputs action.yml declares. */
export function setRunOutputs(report: RunReport): void {
  core.setOutput('status', report.status);
  core.setOutput('result', JSON.stringify(report.result ?? report.text ?? null));
  // Rounded to a millionth of a dollar: float sums like 0.30000000000000004 read as noise.
  core.setOutput('cost-usd', String(Math.round(report.totals.costUsd * 1e6) / 1e6));
  core.setOutput('turns', String(report.totals.turns));
  core.setOutput('session-id', report.sessionId);
  core.setOutput('log-file', report.logFile);
  core.setOutput('report-file', report.reportFile ?? '');
}

/**
 * The job summary, from the log (what the run recorded, not what the action remembers), with what the
 * log cannot hold (`about`: a log cut short, a report not written, then how the run ended). Failure is a warning.
 */
export async function writeJobSummary(logFile: string, about: SummaryExtras = {}): Promise<void> {
  try {
    await core.summary.addRaw(renderSummaryMarkdown(readSessionLog(logFile), about), true).write();
  } catch (error) {
    core.warning(`The job summary (${process.env.GITHUB_STEP_SUMMARY ?? 'GITHUB_STEP_SUMMARY is not set'}) was not written: ${errorMessage(error)}`);
  }
}
