/**
 * How a finished run is reported in Actions: step outputs, the job summary, and the text of the
 * progress comment (working lines while the agent runs, the final state when it is done).
 */
import * as core from '@actions/core';
import type { ProgressState } from '../hosts/host.js';
import type { RunReport } from '../pipeline.js';
import { formatCost, formatCount, formatDuration, mainArgument, shorten } from '../report/format.js';
import { renderSummaryMarkdown } from '../report/index.js';
import type { RunStatus } from '../report/status.js';
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
  const { totals } = report;
  const line = `${STATUS_ICON[report.status]} **${report.status}**${report.reason ? `: ${report.reason}` : ''}`;
  const figures = [
    `${formatCount(totals.turns)} turn${totals.turns === 1 ? '' : 's'}`,
    `${formatCount(totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens)} in / ${formatCount(totals.outputTokens)} out tokens`,
    formatCost(totals.costUsd),
    formatDuration(totals.durationMs),
  ].join(' · ');
  const { applied, rejected, failed } = report.publish;
  const outputs = [
    applied.length ? `${applied.length} applied` : '',
    rejected.length ? `${rejected.length} rejected` : '',
    failed.length ? `${failed.length} failed` : '',
  ].filter(Boolean);
  const details = [
    shortResult(report),
    figures,
    outputs.length ? `Outputs: ${outputs.join(', ')} (see the job summary).` : undefined,
    logLink ? `[Session log and report](${logLink})` : 'Session log: not uploaded (see the job log).',
  ];
  return { phase: 'finished', line, details: details.filter((part) => part !== undefined).join('\n\n') };
}

function shortResult(report: RunReport): string | undefined {
  if (report.result !== undefined) {
    const json = JSON.stringify(report.result, null, 2) ?? '';
    return `\`\`\`\`json\n${shorten(json, PROGRESS_RESULT_CHARS).replace(/````/g, '`\u200b```')}\n\`\`\`\``;
  }
  return report.text ? shorten(report.text, PROGRESS_RESULT_CHARS) : undefined;
}
