/**
 * How a finished run is reported in Actions: step outputs, the job summary, and the text of the
 * progress comment (working lines while the agent runs, the final state when it is done).
 */
import * as core from '@actions/core';
import type { ProgressState } from '../hosts/host.js';
import type { RunReport } from '../pipeline.js';
import { formatCost, formatCount, formatDuration, mainArgument, shorten } from '../report/format.js';
import { renderSummaryMarkdown, type SessionAnalysis } from '../report/index.js';
import type { RunStatus, RunTotals } from '../report/status.js';
import { readSessionLog } from '../session-log/index.js';
import type { SessionEvent } from '../session-log/events.js';

/** Characters of the result quoted in the finished progress comment; the summary and the log hold it whole. */
const PROGRESS_RESULT_CHARS = 1_500;

const STATUS_ICON: Record<RunStatus, string> = {
  succeeded: '✅',
  skipped: '⏭️',
  budget_exhausted: '💸',
  cancelled: '🚫',
  failed: '❌',
};

/** The step outputs action.yml declares. */
export function setRunOutputs(report: RunReport): void {
  core.setOutput('status', report.status);
  core.setOutput('result', JSON.stringify(report.result ?? report.text ?? null));
  // Rounded to a millionth of a dollar: float sums like 0.30000000000000004 read as noise.
  core.setOutput('cost-usd', String(Math.round(report.totals.costUsd * 1e6) / 1e6));
  core.setOutput('turns', String(report.totals.turns));
  core.setOutput('session-id', report.sessionId);
  core.setOutput('log-file', report.logFile);
  core.setOutput('report-file', report.reportFile);
}

/** The job summary, from the log (what the run recorded, not what the action remembers). Failure is a warning. */
export async function writeJobSummary(logFile: string): Promise<void> {
  try {
    await core.summary.addRaw(renderSummaryMarkdown(readSessionLog(logFile)), true).write();
  } catch (error) {
    core.warning(`The job summary was not written: ${(error as Error).message}`);
  }
}

/** The progress comment's working line for an event, or undefined when the event changes nothing a reader cares about. */
export function workingLine(event: SessionEvent): string | undefined {
  const who = event.agent ? `[${event.agent}] ` : '';
  if (event.type === 'tool_call') return `${who}turn ${event.turn}: ${event.name} ${mainArgument(event.name, event.input)}`.trim();
  if (event.type === 'model_request') return `${who}turn ${event.turn}: thinking`;
  return undefined;
}

/** The progress comment's final state: status, a short result, figures, and where the whole log is. */
export function finishedState(report: RunReport, logLink: string | undefined): ProgressState {
  const line = statusLine(report.status, report.reason);
  const { applied, rejected, failed } = report.publish;
  const outputs = [
    applied.length ? `${applied.length} applied` : '',
    rejected.length ? `${rejected.length} rejected` : '',
    failed.length ? `${failed.length} failed` : '',
  ].filter(Boolean);
  const details = [
    shortResult(report),
    figures(report.totals, true),
    outputs.length ? `Outputs: ${outputs.join(', ')} (see the job summary).` : undefined,
    logLine(logLink),
  ];
  return { phase: 'finished', line, details: details.filter((part) => part !== undefined).join('\n\n') };
}

/**
 * The final state the post step gives a comment the main step left "working": it was killed (a hard
 * cancel, the job's timeout, a lost runner). `analysis` is what the session log it left says, if any.
 */
export function stoppedState(analysis: SessionAnalysis | undefined, logLink: string | undefined): ProgressState {
  const end = analysis?.end;
  // An end event means the run was over and the kill came while the action reported it.
  const line = end
    ? statusLine(end.status, end.reason)
    : `${STATUS_ICON.cancelled} **cancelled**: the job was stopped before the agent finished (cancelled, timed out or killed).`;
  const details = [
    end ? 'The job was stopped while the action was reporting this result.' : undefined,
    // Without an end event, only the model calls are certain: the duration would be a guess.
    analysis ? `${end ? '' : 'Spent before it stopped: '}${figures(analysis.totals, end !== undefined)}` : undefined,
    logLine(logLink),
  ];
  return { phase: 'finished', line, details: details.filter((part) => part !== undefined).join('\n\n') };
}

function statusLine(status: RunStatus, reason: string | undefined): string {
  return `${STATUS_ICON[status]} **${status}**${reason ? `: ${reason}` : ''}`;
}

function figures(totals: RunTotals, withDuration: boolean): string {
  return [
    `${formatCount(totals.turns)} turn${totals.turns === 1 ? '' : 's'}`,
    `${formatCount(totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens)} in / ${formatCount(totals.outputTokens)} out tokens`,
    formatCost(totals.costUsd),
    ...(withDuration ? [formatDuration(totals.durationMs)] : []),
  ].join(' · ');
}

function logLine(logLink: string | undefined): string {
  return logLink ? `[Session log and report](${logLink})` : 'Session log: not uploaded (see the job log).';
}

function shortResult(report: RunReport): string | undefined {
  if (report.result !== undefined) {
    const json = JSON.stringify(report.result, null, 2) ?? '';
    return `\`\`\`\`json\n${shorten(json, PROGRESS_RESULT_CHARS).replace(/````/g, '`\u200b```')}\n\`\`\`\``;
  }
  return report.text ? shorten(report.text, PROGRESS_RESULT_CHARS) : undefined;
}
