import { isRecord } from '../records.js';
import type { SessionEventOf } from '../session-log/events.js';
import { keepStart, oneLine } from '../text/index.js';
import type { ProposedOutput } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';
import type { RunTotals } from '../session-log/status.js';

/**
 * Display sizes of the text transcript and the progress lines. These shorten what a person reads;
 * the log itself keeps everything, and the HTML report shows it whole.
 */
export const DISPLAY = {
  /** A tool argument value longer than this is cut in one-line argument lists. */
  valueChars: 80,
  /** A one-line argument list (or a main argument) longer than this is cut. */
  argumentsChars: 200,
  /** Lines of a tool result, system prompt or message shown before "… N more lines". */
  blockLines: 6,
  /** Characters of one shown line. */
  lineChars: 200,
} as const;

/** `12,345`: grouped by hand so the output does not depend on the runtime's ICU data. */
export const formatCount = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const formatCost = (usd: number): string => `$${usd.toFixed(4)}`;

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Cuts `text` to `max` characters, saying how much was left out. */
export function shorten(text: string, max: number): string {
  return keepStart(text, max, (omitted) => `… (+${omitted} chars)`);
}

/** The first lines of a block of text, each cut to a readable width, and how many were left out. */
export function firstLines(text: string, count: number = DISPLAY.blockLines): { lines: string[]; more: number } {
  const all = text.replace(/\s+$/, '').split('\n');
  const lines = all.slice(0, count).map((line) => shorten(line, DISPLAY.lineChars));
  return { lines, more: Math.max(0, all.length - count) };
}

/** A tool input on one line: JSON with long string values cut, the whole cut again if still long. */
export function compactJson(value: unknown): string {
  const cut = (item: unknown): unknown => {
    if (typeof item === 'string') return shorten(item, DISPLAY.valueChars);
    if (Array.isArray(item)) return item.map(cut);
    if (isRecord(item)) {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, cut(inner)]));
    }
    return item;
  };
  return shorten(JSON.stringify(cut(value)) ?? 'undefined', DISPLAY.argumentsChars);
}

/** Which argument says what a call is about, per tool; other tools show their first string argument. */
const MAIN_ARGUMENT: Record<string, readonly string[]> = {
  read: ['path'],
  write: ['path'],
  edit: ['path'],
  bash: ['command'],
  grep: ['pattern'],
  glob: ['pattern'],
  activate_skill: ['name'],
  task: ['description', 'prompt'],
  give_up: ['reason'],
  add_comment: ['body'],
  add_labels: ['labels'],
  remove_labels: ['labels'],
  submit_review: ['event', 'body'],
  propose_change: ['title'],
};

/** `src/config.ts`, `npm test`, `bug, area/config`: the one argument a progress line shows. */
export function mainArgument(tool: string, input: unknown): string {
  if (!isRecord(input)) return '';
  const preferred = Object.hasOwn(MAIN_ARGUMENT, tool) ? (MAIN_ARGUMENT[tool] ?? []) : [];
  const key = preferred.find((name) => input[name] !== undefined) ?? Object.keys(input).find((name) => typeof input[name] === 'string');
  if (key === undefined) return '';
  const value = input[key];
  const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : JSON.stringify(value);
  const where = (tool === 'grep' || tool === 'glob') && typeof input.path === 'string' ? ` in ${input.path}` : '';
  return shorten(oneLine(text ?? '') + where, DISPLAY.valueChars);
}

/** `issue #42 "Crash on empty config" (issues.opened) in acme/widgets by alice` */
export function describeTrigger(trigger: Trigger): string {
  const number = trigger.number !== undefined ? ` #${trigger.number}` : '';
  const title = trigger.title ? ` "${shorten(oneLine(trigger.title), DISPLAY.valueChars)}"` : '';
  const event = `${trigger.eventName}${trigger.action ? `.${trigger.action}` : ''}`;
  const repository = trigger.repository ? ` in ${trigger.repository.owner}/${trigger.repository.name}` : '';
  return `${trigger.kind}${number}${title} (${event})${repository} by ${trigger.actor}`;
}

/** One line for a proposed output: what it would post. */
export function describeOutput(output: ProposedOutput): string {
  switch (output.kind) {
    case 'add_comment':
      return shorten(oneLine(output.body), DISPLAY.argumentsChars);
    case 'add_labels':
    case 'remove_labels':
      return output.labels.join(', ');
    case 'submit_review': {
      const comments = output.comments.length ? ` (+${output.comments.length} inline comments)` : '';
      return `${output.event}: ${shorten(oneLine(output.body), DISPLAY.argumentsChars)}${comments}`;
    }
    case 'propose_change': {
      const count = output.changes.files.length;
      return `${shorten(oneLine(output.title), DISPLAY.argumentsChars)} (${count} ${count === 1 ? 'file' : 'files'})`;
    }
    default:
      return compactJson(output);
  }
}

/** `cost limit reached: $2.0134 of $2.0000` */
export function describeLimit(event: SessionEventOf<'limit'>): string {
  const format = (n: number): string => (event.limit === 'cost' ? formatCost(n) : event.limit === 'time' ? formatDuration(n) : formatCount(n));
  return `${event.limit} limit reached: ${format(event.value)} of ${format(event.max)}`;
}

/**
 * `resumed here by flue-action 0.4.0 after line 12 (model_response); run again: toolu_02`: where
 * `flue-action run --resume` continued an interrupted run, and what of the cut-off turn it repeated.
 */
export function describeResume(event: SessionEventOf<'resume'>): string {
  const rerun = event.rerun.length ? `; run again: ${event.rerun.join(', ')}` : '';
  const torn = event.torn === undefined ? '' : `; the cut-off line after it was removed`;
  return `resumed here by flue-action ${event.runner.version} after line ${event.afterLine} (${event.afterEvent})${rerun}${torn}`;
}

/** `1.2 s · in 1,200 · out 85 · cache read 0 · cache write 1,100 · $0.0061 · stop tool_use` */
export function describeResponse(event: SessionEventOf<'model_response'>): string {
  const { usage } = event;
  return [
    formatDuration(event.durationMs),
    `in ${formatCount(usage.inputTokens)}`,
    `out ${formatCount(usage.outputTokens)}`,
    `cache read ${formatCount(usage.cacheReadTokens)}`,
    `cache write ${formatCount(usage.cacheWriteTokens)}`,
    formatCost(event.costUsd),
    `stop ${event.stopReason ?? 'none'}`,
  ].join(' · ');
}

/** Column names and cells of the totals table in the HTML report and the job summary. */
export const TOTALS_COLUMNS = ['turns', 'input tokens', 'output tokens', 'cache read', 'cache write', 'cost', 'duration'];

export const totalsCells = (totals: RunTotals): string[] => [
  formatCount(totals.turns),
  formatCount(totals.inputTokens),
  formatCount(totals.outputTokens),
  formatCount(totals.cacheReadTokens),
  formatCount(totals.cacheWriteTokens),
  formatCost(totals.costUsd),
  formatDuration(totals.durationMs),
];

/** How reports name the untrusted profile: what the agent could not do, so a reader knows why. */
export const UNTRUSTED_PROFILE_NOTE = 'untrusted (read-only tools, no commands, no network: the event was caused by a non-writer)';
