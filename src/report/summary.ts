import { LIMITS } from '../limits.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import type { RunStatus } from '../session-log/status.js';
import { keepStart, oneLine, plural } from '../text/index.js';
import { analyzeSession, UNFINISHED_NOTE } from './analyze.js';
import type { OutputOutcome, SessionAnalysis } from './analyze.js';
import { TOTALS_COLUMNS, UNTRUSTED_PROFILE_NOTE, describeOutput, describeTrigger, shorten, totalsCells } from './format.js';

/** Rows and characters a summary shows of each part at full scale; see renderSummaryMarkdown. */
const SHOWN = { outputs: 20, tools: 20, problems: 10, cellChars: 200, nameChars: 60, resultChars: 5_000 } as const;
type Shown = { -readonly [K in keyof typeof SHOWN]: number };

/** Smaller and smaller summaries, until one fits: escaping can make any text up to 6 times longer. */
const SCALES = [1, 0.5, 0.2, 0.05];

const STATUS_ICON: Record<string, string> = {
  succeeded: '✅',
  skipped: '⏭️',
  budget_exhausted: '💸',
  cancelled: '🚫',
  failed: '❌',
  unfinished: '⚠️',
};

export interface SummaryExtras {
  warnings?: readonly string[];
  end?: { status: RunStatus; reason?: string };
}

/**
 * The job summary (GitHub step summary, GitLab report): status, spending, tools, outputs, result.
 * Every string from the log is escaped: an issue title must not become a link, an image or HTML.
 * `about` is what the front end knows and the log may not hold: warnings about the log itself (it was cut
 * short, the report was not written) and how the run ended, shown when a cut-short log has no end event.
 */
export function renderSummaryMarkdown(log: ParsedSessionLog, about: SummaryExtras = {}): string {
  const analysis = analyzeSession(log);
  let markdown = '';
  for (const scale of SCALES) {
    const shown = Object.fromEntries(Object.entries(SHOWN).map(([key, value]) => [key, Math.max(1, Math.floor(value * scale))])) as Shown;
    markdown = summaryAt(log, analysis, shown, about);
    if (markdown.length <= LIMITS.summaryChars) return markdown;
  }
  // Unreachable with the caps above; kept so no input can exceed the limit.
  return keepStart(markdown, LIMITS.summaryChars - 60, () => '\n\n*(summary cut; the session log has everything)*\n');
}

function summaryAt(log: ParsedSessionLog, analysis: SessionAnalysis, shown: Shown, about: SummaryExtras): string {
  const { header } = log;
  const inline = (text: string, max = shown.cellChars) => escapeInline(text, max);
  const end = analysis.end ?? about.end;
  const status = analysis.end || !about.end ? analysis.status : about.end.status;
  const reason = end ? end.reason : UNFINISHED_NOTE;
  const parts = [
    `## ${STATUS_ICON[status] ?? '❔'} flue · ${inline(header.agent)}: ${inline(status)}`,
    reason ? inline(reason) : undefined,
    ...(about.warnings ?? []).map((warning) => `> ⚠️ ${inline(warning, LIMITS.summaryChars / 8)}`),
    `${inline(describeTrigger(header.trigger))} · model ${inline(header.model)} (${inline(header.modelClient)})`,
    header.profile === 'untrusted' ? `Profile: ${UNTRUSTED_PROFILE_NOTE}` : undefined,
    analysis.resumes
      ? `Resumed ${analysis.resumes} ${plural(analysis.resumes, 'time')} after an interruption (flue-action run --resume): the figures are the whole run's.`
      : undefined,
    totalsTable(analysis),
    toolsLine(analysis, shown),
    outputsTable(analysis.outputs, shown),
    resultBlock(analysis, shown),
    problemsList(log, shown),
    `<sub>session ${inline(header.id)}</sub>`,
  ];
  return `${parts.filter((part) => part !== undefined).join('\n\n')}\n`;
}

/**
 * Untrusted text for a markdown line or table cell: one line, HTML escaped, and the characters
 * that make links, images, emphasis, code or cell breaks backslash-escaped.
 */
export function escapeInline(text: string, max: number = SHOWN.cellChars): string {
  return shorten(oneLine(text), max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~|!#]/g, (c) => `\\${c}`);
}

function totalsTable({ totals }: SessionAnalysis): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const alignRight = `|${TOTALS_COLUMNS.map(() => '---:').join('|')}|`;
  return [row(TOTALS_COLUMNS), alignRight, row(totalsCells(totals))].join('\n');
}

function toolsLine({ toolCounts }: SessionAnalysis, shown: Shown): string {
  if (!toolCounts.length) return '**Tools:** none called';
  const listed = toolCounts.slice(0, shown.tools).map(([name, count]) => `${escapeInline(name, shown.nameChars)} ×${count}`);
  const more = toolCounts.length - shown.tools;
  return `**Tools:** ${listed.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

function outputsTable(outputs: OutputOutcome[], shown: Shown): string | undefined {
  if (!outputs.length) return undefined;
  const inline = (text: string) => escapeInline(text, shown.cellChars);
  const rows = outputs.slice(0, shown.outputs).map((outcome) => {
    const state =
      outcome.state === 'applied'
        ? `applied${outcome.dryRun ? ' (dry run)' : ''}${outcome.url ? ` ${outcome.url}` : ''}${outcome.note ? `; ${outcome.note}` : ''}`
        : outcome.state === 'rejected'
          ? `rejected: ${outcome.reason ?? ''}`
          : 'proposed, not published';
    // What was posted when the log says: sanitizing can change the proposal.
    const shownOutput = outcome.sent ?? outcome.output;
    const detail = shownOutput ? inline(describeOutput(shownOutput)) : '';
    return `| ${inline(outcome.kind)} | ${inline(state)} | ${detail} |`;
  });
  const more = outputs.length - shown.outputs;
  return [
    '### Outputs',
    '',
    '| output | state | detail |',
    '|---|---|---|',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more outputs (see the session log)`] : []),
  ].join('\n');
}

function resultBlock({ end }: SessionAnalysis, shown: Shown): string | undefined {
  if (end?.result === undefined && !end?.text) return undefined;
  const body = end.result !== undefined ? (JSON.stringify(end.result, null, 2) ?? '') : (end.text ?? '');
  const cut = keepStart(body, shown.resultChars, () => '\n… (cut; see the session log)');
  const fenced = codeFence(cut, end.result !== undefined ? 'json' : '');
  return ['<details><summary>Result</summary>', '', fenced, '', '</details>'].join('\n');
}

/** A fence longer than any backtick run inside, so the content cannot close it early. */
function codeFence(text: string, language: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

function problemsList(log: ParsedSessionLog, shown: Shown): string | undefined {
  if (!log.problems.length) return undefined;
  const listed = log.problems.slice(0, shown.problems).map((problem) => `- ${escapeInline(problem, shown.cellChars)}`);
  const more = log.problems.length - shown.problems;
  return ['**Log problems:**', ...listed, ...(more > 0 ? [`- …and ${more} more`] : [])].join('\n');
}
