import { isDeepStrictEqual } from 'node:util';
import type { SessionEvent, SessionEventOf, SessionHeader } from '../session-log/events.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import type { ProposedOutput } from '../tools/types.js';
import { analyzeSession } from './analyze.js';
import type { SessionAnalysis } from './analyze.js';
import { responseBlocks, userTexts } from './content.js';
import {
  compactJson,
  describeLimit,
  describeResume,
  describeOutput,
  describeResponse,
  describeTrigger,
  firstLines,
  formatBytes,
  formatCost,
  formatCount,
  formatDuration,
  UNTRUSTED_PROFILE_NOTE,
} from './format.js';
import { paint } from './terminal.js';
import type { Part } from './terminal.js';
import { plural } from '../text/index.js';

export interface TranscriptOptions {
  /** ANSI colours, for a terminal. */
  color?: boolean;
}

const INDENT = '    ';
const LABEL_WIDTH = 10;

/**
 * The readable transcript `flue-action view` prints: what the agent saw (prompt, tool results),
 * did (text, tool calls, outputs), spent (per turn and in total) and why it stopped.
 */
export function renderTranscript(log: ParsedSessionLog, options: TranscriptOptions = {}): string {
  const lines: string[] = [];
  const add = (...parts: Part[]) => lines.push(paint(parts, options.color ?? false));
  const block = (text: string) => {
    const { lines: shown, more } = firstLines(text);
    for (const line of shown) add(...(line.trim() ? [INDENT, ['dim', line] as const] : []));
    if (more) add(INDENT, ['dim', `… ${more} more lines`]);
  };

  renderHeader(log.header, add);
  add('');
  const seen: Seen = { results: new Map(), proposals: new Map() };
  const called = new Set<string>();
  for (const event of log.events) {
    if (event.type === 'tool_result') seen.results.set(event.id, event);
    if (event.type === 'tool_call') called.add(event.id);
    if (event.type === 'output_proposed') seen.proposals.set(event.id, event.output);
  }
  for (const event of log.events) {
    if (event.type === 'tool_result' && called.has(event.id)) continue;
    if (event.type === 'model_request' && lines.at(-1) !== '') add('');
    renderEvent(event, seen, add, block);
  }
  renderEnd(analyzeSession(log), add);
  if (log.problems.length) {
    add('');
    add(['yellow', 'log problems']);
    for (const problem of log.problems) add(INDENT, problem);
  }
  return `${lines.join('\n')}\n`;
}

type Add = (...parts: Part[]) => void;
type Block = (text: string) => void;

/** What later events are read against: each call's result, each output as it was proposed. */
interface Seen {
  results: Map<string, SessionEventOf<'tool_result'>>;
  proposals: Map<string, ProposedOutput>;
}

const label = (name: string): string => name.padEnd(LABEL_WIDTH);

function renderHeader(header: SessionHeader, add: Add): void {
  add(['bold', `flue session ${header.id}`]);
  add(label('agent'), header.agent);
  add(label('model'), `${header.model} (${header.modelClient})`);
  add(label('trigger'), describeTrigger(header.trigger));
  add(label('started'), header.time);
  const { runner } = header;
  add(label('runner'), `flue-action ${runner.version} · node ${runner.node} · host ${runner.host}`);
  if (header.profile === 'untrusted') add(label('profile'), UNTRUSTED_PROFILE_NOTE);
  const files = Object.entries(header.files);
  const width = Math.max(0, ...files.map(([path]) => path.length));
  if (!files.length) add(label('files'), '(none)');
  files.forEach(([path, sha], index) => {
    add(label(index ? '' : 'files'), path.padEnd(width), '  ', ['dim', sha.slice(0, 12)]);
  });
}

function renderEvent(event: SessionEvent, seen: Seen, add: Add, block: Block) {
  const who = event.agent ? `${event.agent} · ` : '';
  switch (event.type) {
    case 'model_request':
      add(['bold', `── ${who}turn ${event.turn} · request ${formatBytes(event.bytes)} ──`]);
      if (event.system !== undefined) {
        add('system prompt:');
        block(event.system);
      }
      if (event.tools) add('tools: ', event.tools.join(', ') || '(none)');
      for (const text of userTexts(event.messages)) {
        add('user:');
        block(text);
      }
      return;
    case 'model_response':
      renderResponse(event, add, block);
      return;
    case 'tool_call':
      renderToolCall(event, seen.results.get(event.id), add, block);
      return;
    case 'tool_result':
      add(['cyan', `${who}${event.name}`], ' result', ...resultStatus(event));
      block(event.content || '(empty)');
      return;
    case 'output_proposed':
      add(['cyan', 'proposed'], ` ${who}${event.output.kind} (${event.id}): `, describeOutput(event.output));
      return;
    case 'output_applied': {
      const where = event.url ? `: ${event.url}` : event.dryRun ? ', dry run: not posted' : '';
      add(['green', 'applied'], ` ${event.kind} (${event.id})${where}`);
      // Sanitizing (mentions, secrets, size) changed it: what the reader saw proposed is not what was posted.
      if (event.output && !sameOutput(event.output, seen.proposals.get(event.id))) {
        add(INDENT, 'as sent: ', describeOutput(event.output));
      }
      if (event.note) add(INDENT, ['yellow', 'note'], `: ${event.note}`);
      return;
    }
    case 'output_rejected':
      add(['red', 'rejected'], ` ${event.kind} (${event.id}): ${event.reason}`);
      return;
    case 'limit':
      add(['yellow', `${who}${describeLimit(event)}`]);
      return;
    case 'warning':
      add(['yellow', 'warning'], ` ${who}${event.message}`);
      return;
    case 'resume':
      add('');
      add(['bold', `══ ${describeResume(event)} ══`]);
      return;
    case 'log': {
      const [first = '', ...rest] = event.message.split('\n');
      add(['dim', 'log'], ` ${who}${first}`);
      for (const line of rest) add(INDENT, line);
      return;
    }
    case 'error':
      add(['red', 'error'], ` ${who}${event.message}`);
      if (event.cause) block(event.cause);
      return;
    case 'end':
      return; // the final block shows the last one
  }
}

function renderResponse(event: SessionEventOf<'model_response'>, add: Add, block: Block): void {
  add(['cyan', 'model'], ` · ${describeResponse(event)}`);
  for (const shown of responseBlocks(event.content)) {
    if (shown.kind === 'thinking') add(INDENT, ['dim', `(thinking, ${formatCount(shown.chars)} chars)`]);
    else block(shown.text);
  }
}

function renderToolCall(call: SessionEventOf<'tool_call'>, result: SessionEventOf<'tool_result'> | undefined, add: Add, block: Block): void {
  const who = call.agent ? `${call.agent} · ` : '';
  const head: Part[] = [['cyan', `${who}tool ${call.name}`], ` ${compactJson(call.input)}`];
  if (!result) {
    add(...head, ' · ', ['yellow', 'no result recorded']);
    return;
  }
  add(...head, ...resultStatus(result));
  block(result.content || '(empty)');
}

function sameOutput(sent: ProposedOutput, proposed: ProposedOutput | undefined): boolean {
  return proposed !== undefined && isDeepStrictEqual(sent, proposed);
}

const resultStatus = (result: SessionEventOf<'tool_result'>): Part[] => [
  ` · ${formatDuration(result.durationMs)} · `,
  result.isError ? ['red', 'error'] : ['green', 'ok'],
];

function renderEnd(analysis: SessionAnalysis, add: Add): void {
  const { end, totals } = analysis;
  add('');
  add(['bold', '── end ──']);
  if (end) {
    add(label('status'), [end.status === 'succeeded' ? 'green' : 'red', end.status]);
    if (end.reason) add(label('reason'), end.reason);
  } else {
    add(label('status'), ['red', 'unfinished'], ': the log has no end event (the run was killed, or is still running)');
  }
  if (analysis.resumes) add(label('resumed'), `${analysis.resumes} ${plural(analysis.resumes, 'time')} (flue-action run --resume)`);
  add(label('turns'), formatCount(totals.turns));
  add(
    label('tokens'),
    `in ${formatCount(totals.inputTokens)} · out ${formatCount(totals.outputTokens)}`,
    ` · cache read ${formatCount(totals.cacheReadTokens)} · cache write ${formatCount(totals.cacheWriteTokens)}`,
  );
  add(label('cost'), formatCost(totals.costUsd));
  add(label('duration'), formatDuration(totals.durationMs));
  if (end?.result !== undefined) {
    const [first, ...rest] = (JSON.stringify(end.result, null, 2) ?? '').split('\n');
    add(label('result'), first ?? '');
    for (const line of rest) add(' '.repeat(LABEL_WIDTH), line);
  }
  if (end?.text) {
    // The final answer is what the run produced: shown whole, unlike tool results.
    add('text');
    for (const line of end.text.trim().split('\n')) add(INDENT, line);
  }
}
