import type { SessionEvent } from '../session-log/events.js';
import type { Usage } from '../session-log/status.js';
import { oneLine } from '../text/index.js';
import {
  DISPLAY,
  describeLimit,
  describeOutput,
  describeResume,
  firstLines,
  formatCost,
  formatCount,
  formatDuration,
  mainArgument,
  shorten,
} from './format.js';
import { paint } from './terminal.js';
import type { Part } from './terminal.js';

/** Where progress goes: a stream, or anything with its `write`. */
export interface LineSink {
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** ANSI colours, for a terminal. */
  color?: boolean;
}

/**
 * A SessionLog listener printing one line per step to `stream` (stderr: stdout holds the result):
 * each tool call with its main argument, each result with its duration, each model response with
 * its tokens and the run's cost so far, limits, errors, outputs and the end status.
 */
export function createProgressPrinter(stream: LineSink, options: ProgressOptions = {}): (event: SessionEvent) => void {
  let runCostUsd = 0;
  return (event) => {
    if (event.type === 'model_response') runCostUsd += event.costUsd;
    // A resumed run's cost so far is the whole run's.
    if (event.type === 'resume') runCostUsd = event.spent?.costUsd ?? runCostUsd;
    const parts = progressLine(event, runCostUsd);
    if (parts) stream.write(`${paint(parts, options.color ?? false)}\n`);
  };
}

/** The line for one event, or undefined for events that would only add noise. */
function progressLine(event: SessionEvent, runCostUsd: number): Part[] | undefined {
  const who = event.agent ? `[${event.agent}] ` : '';
  const short = (text: string, max: number = DISPLAY.valueChars) => shorten(oneLine(text), max);
  switch (event.type) {
    case 'model_response': {
      const { usage } = event;
      return [
        ['dim', `${who}turn ${event.turn}`],
        ` model ${formatDuration(event.durationMs)} · ${tokensInOut(usage)}`,
        ` · ${formatCost(event.costUsd)} (run ${formatCost(runCostUsd)})`,
      ];
    }
    case 'tool_call':
      return [`${who}→ `, ['cyan', event.name], ` ${mainArgument(event.name, event.input)}`.trimEnd()];
    case 'tool_result': {
      const status: Part = event.isError ? ['red', 'error'] : ['green', 'ok'];
      const why = event.isError ? `: ${short(firstLines(event.content, 1).lines[0] ?? '')}` : '';
      return [`${who}← `, ['cyan', event.name], ` ${formatDuration(event.durationMs)} `, status, why];
    }
    case 'output_proposed':
      return [`${who}proposed `, ['cyan', event.output.kind], ` ${short(describeOutput(event.output))}`];
    case 'output_applied': {
      const where = `${event.dryRun ? ' (dry run: not posted)' : ''}${event.url ? ` ${event.url}` : ''}`;
      return [['green', 'applied'], ` ${event.kind}${where}`];
    }
    case 'output_rejected':
      return [['red', 'rejected'], ` ${event.kind}: ${short(event.reason, DISPLAY.argumentsChars)}`];
    case 'limit':
      return [['yellow', `${who}${describeLimit(event)}`]];
    case 'warning':
      return [['yellow', 'warning'], ` ${who}${oneLine(event.message)}`];
    case 'resume':
      return [['bold', describeResume(event)]];
    case 'log':
      // The agent's own words, whole: its later lines indented under the first.
      return [['dim', 'log'], ` ${who}${event.message.replace(/\n/g, '\n    ')}`];
    case 'error': {
      const cause = event.cause ? ` (${short(event.cause, DISPLAY.argumentsChars)})` : '';
      return [['red', 'error'], ` ${who}${oneLine(event.message)}${cause}`];
    }
    case 'end': {
      const { totals } = event;
      return [
        ['bold', event.status],
        event.reason ? `: ${oneLine(event.reason)}` : '',
        ` · ${formatCount(totals.turns)} turns · ${tokensInOut(totals)} tokens`,
        ` · ${formatCost(totals.costUsd)} · ${formatDuration(totals.durationMs)}`,
      ];
    }
    case 'model_request':
      return undefined; // the response line carries the turn; a request line would double the output
  }
}

/** `300 (+1,100 cached) in / 120 out` */
function tokensInOut(usage: Usage): string {
  const cached = usage.cacheReadTokens ? ` (+${formatCount(usage.cacheReadTokens)} cached)` : '';
  return `${formatCount(usage.inputTokens)}${cached} in / ${formatCount(usage.outputTokens)} out`;
}
