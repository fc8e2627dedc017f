/**
 * The text of the progress comment, on any platform: working lines while the agent runs, the final
 * state when it is done. What it holds follows the run's ProgressView; the host's renderer sanitizes
 * and redacts it all.
 */
import type { ProgressState } from '../hosts/host.js';
import type { RunCause, RunReport } from '../pipeline.js';
import { sanitizeBody } from '../publish/sanitize.js';
import { isRecord, nullPrototypeRecord } from '../records.js';
import { formatCost, formatCount, formatDuration, mainArgument, shorten } from '../report/format.js';
import type { SessionAnalysis } from '../report/index.js';
import type { RunStatus, RunTotals } from '../session-log/status.js';
import type { SessionEvent } from '../session-log/events.js';
import type { Redactor } from '../session-log/redact.js';
import { plural } from '../text/index.js';
import type { ProgressView } from './progress-view.js';

/** Characters of the result quoted in the finished progress comment; the summary and the log hold it whole. */
const PROGRESS_RESULT_CHARS = 1_500;

const STATUS_ICON: Record<RunStatus, string> = {
  succeeded: '✅',
  skipped: '⏭️',
  budget_exhausted: '💸',
  cancelled: '🚫',
  failed: '❌',
};

/**
 * Causes whose reason the runner wrote whole (a limit, the time, a refusal): shown in any view. The
 * others can carry the model's words (a `give_up` reason, a result's validation message quoting it,
 * an error echoing what it sent): an agent that may not comment gets WITHHELD_REASON instead.
 */
const RUNNER_CAUSES: ReadonlySet<RunCause> = new Set<RunCause>([
  'turns',
  'tokens',
  'cost',
  'timeout',
  'cancelled',
  'refusal',
  'context_window',
  'output_limit',
  'missing_result',
]);

const WITHHELD_REASON: Partial<Record<RunCause, string>> = {
  gave_up: 'the agent gave up',
  invalid_result: "the result did not match the agent's result schema",
  model_error: 'the model call failed',
  run_error: 'the run stopped on an error',
  // GitHub's error can quote what was sent.
  publish_failed: 'an output could not be applied',
};

/**
 * The progress comment's working line for an event, or undefined when the event changes nothing a
 * reader cares about. The tool's argument is the model's words; without them, a name the runner did
 * not offer is too. The argument is sanitized before it is cut, so a cut never leaves half a secret.
 */
export function workingLine(event: SessionEvent, view: ProgressView, redactor: Redactor): string | undefined {
  const who = event.agent ? `[${event.agent}] ` : '';
  if (event.type === 'model_request') return `${who}turn ${event.turn}: thinking`;
  if (event.type !== 'tool_call') return undefined;
  if (view.modelText) {
    const argument = mainArgument(event.name, sanitizedValues(event.input, redactor));
    return `${who}turn ${event.turn}: ${event.name} ${argument}`.trim();
  }
  return `${who}turn ${event.turn}: ${view.tools.includes(event.name) ? event.name : 'a tool the runner does not offer'}`;
}

/** The progress comment's final state: status, a short result, figures, and where the whole log is. */
export function finishedState(report: RunReport, logLink: string | undefined, view: ProgressView, redactor: Redactor): ProgressState {
  const line = statusLine(report.status, shownReason(report, view));
  const { applied, rejected, failed } = report.publish;
  const outputs = [
    applied.length ? `${applied.length} applied` : '',
    rejected.length ? `${rejected.length} rejected` : '',
    failed.length ? `${failed.length} failed` : '',
  ].filter(Boolean);
  const details = [
    shortResult(report, view, redactor),
    figures(report.totals, true, view),
    outputs.length ? `Outputs: ${outputs.join(', ')} (see the job summary).` : undefined,
    logLine(logLink),
  ];
  return { phase: 'finished', line, details: details.filter((part) => part !== undefined).join('\n\n') };
}

/**
 * The final state the post step gives a comment the main step left "working": it was killed (a hard
 * cancel, the job's timeout, a lost runner). `analysis` is what the session log it left says, if any.
 */
export function stoppedState(analysis: SessionAnalysis | undefined, logLink: string | undefined, view: ProgressView): ProgressState {
  const end = analysis?.end;
  // An end event means the run was over and the kill came while the action reported it. It has no
  // cause: a `failed` reason counts as the model's words.
  const line = end
    ? statusLine(end.status, shownReason({ status: end.status, reason: end.reason }, view))
    : `${STATUS_ICON.cancelled} **cancelled**: the job was stopped before the agent finished (cancelled, timed out or killed).`;
  const details = [
    end ? 'The job was stopped while the action was reporting this result.' : undefined,
    // Without an end event, only the model calls are certain: the duration would be a guess.
    analysis ? `${end ? '' : 'Spent before it stopped: '}${figures(analysis.totals, end !== undefined, view)}` : undefined,
    logLine(logLink),
  ];
  return { phase: 'finished', line, details: details.filter((part) => part !== undefined).join('\n\n') };
}

function statusLine(status: RunStatus, reason: string | undefined): string {
  return `${STATUS_ICON[status]} **${status}**${reason ? `: ${reason}` : ''}`;
}

/** The reason as the view allows it: whole, or, for a cause that can carry the model's words, a runner's sentence. */
function shownReason(run: { status: RunStatus; reason?: string; cause?: RunCause }, view: ProgressView): string | undefined {
  // A skip's reason is the gate's; a limit's and a cancel's are the runner's. Only `failed` can quote the model.
  if (view.modelText || run.status !== 'failed' || (run.cause !== undefined && RUNNER_CAUSES.has(run.cause))) return run.reason;
  const withheld = (run.cause && WITHHELD_REASON[run.cause]) ?? 'the run failed';
  return `${withheld} (the session log says why)`;
}

/** Turns and duration always; tokens and cost only where the view shows usage. */
function figures(totals: RunTotals, withDuration: boolean, view: ProgressView): string {
  return [
    `${formatCount(totals.turns)} ${plural(totals.turns, 'turn')}`,
    ...(view.usage
      ? [
          `${formatCount(totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens)} in / ${formatCount(totals.outputTokens)} out tokens`,
          formatCost(totals.costUsd),
        ]
      : []),
    ...(withDuration ? [formatDuration(totals.durationMs)] : []),
  ].join(' · ');
}

function logLine(logLink: string | undefined): string {
  return logLink ? `[Session log and report](${logLink})` : 'Session log: not uploaded (see the job log).';
}

/**
 * The model's answer: its text, or its JSON result where the view shows usage too (raw data stays off
 * public pages). Redacted before it is cut: a cut through a secret would leave a part no redactor knows.
 */
function shortResult(report: RunReport, view: ProgressView, redactor: Redactor): string | undefined {
  if (!view.modelText) return undefined;
  if (report.result !== undefined) {
    if (!view.usage) return undefined;
    const json = JSON.stringify(redactor.value(report.result), null, 2) ?? '';
    return `\`\`\`\`json\n${shorten(json, PROGRESS_RESULT_CHARS).replace(/````/g, '`\u200b```')}\n\`\`\`\``;
  }
  return report.text ? shorten(sanitizeBody(report.text, redactor), PROGRESS_RESULT_CHARS) : undefined;
}

/**
 * The top-level strings of a tool's input, redacted before mainArgument reads one of them and cuts it
 * (a cut through a secret would leave a part no redactor knows). Redacted only: this runs for every tool
 * call, whose input can be a whole file for `write`, and renderProgress sanitizes the short line it makes.
 */
function sanitizedValues(input: unknown, redactor: Redactor): unknown {
  if (!isRecord(input)) return input;
  const clean = (value: unknown) => (typeof value === 'string' ? redactor.text(value) : value);
  const copy = nullPrototypeRecord();
  for (const [key, value] of Object.entries(input)) copy[key] = Array.isArray(value) ? value.map(clean) : clean(value);
  return copy;
}
