/**
 * What a run's log says it spent, added up from its events: for a log without an `end` (the reports) and
 * for a resumed run's Budget (`flue-action run --resume`: limits apply to the whole run, not to each attempt).
 * Loaded with every report, so kept apart from the rest of the resume reading (./resume.ts).
 */
import type { ParsedSessionLog } from './reader.js';
import type { RunTotals } from './status.js';

/** What the interrupted attempts spent, for the resumed run's Budget to start from. */
export interface SpentSoFar {
  totals: RunTotals;
  /** Subagents started so far: new labels (`researcher#3`) continue the numbering. */
  tasks: number;
}

/**
 * Turns, tokens and cost of every model response (subagents' too); time as the sum of each attempt's
 * span (from its header or `resume` event to its last event): the pause between a kill and the resume
 * is not run time.
 */
export function spentSoFar(log: ParsedSessionLog): SpentSoFar {
  const totals: RunTotals = { turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, durationMs: 0 };
  let tasks = 0;
  let attemptStart = Date.parse(log.header.time);
  let lastTime = attemptStart;
  for (const event of log.events) {
    if (event.type === 'resume') {
      totals.durationMs += spanMs(attemptStart, lastTime);
      attemptStart = Date.parse(event.time);
    }
    lastTime = Date.parse(event.time);
    const number = /#(\d+)$/.exec(event.agent ?? '')?.[1];
    if (number !== undefined) tasks = Math.max(tasks, Number(number));
    if (event.type !== 'model_response') continue;
    totals.turns += 1;
    totals.costUsd += event.costUsd;
    totals.inputTokens += event.usage.inputTokens;
    totals.outputTokens += event.usage.outputTokens;
    totals.cacheReadTokens += event.usage.cacheReadTokens;
    totals.cacheWriteTokens += event.usage.cacheWriteTokens;
  }
  totals.durationMs += spanMs(attemptStart, lastTime);
  return { totals, tasks };
}

const spanMs = (from: number, to: number): number => (Number.isFinite(from) && Number.isFinite(to) && to > from ? to - from : 0);
