import type { SessionEvent, SessionEventOf } from '../session-log/events.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import { spentSoFar } from '../session-log/spent.js';
import type { ProposedOutput } from '../tools/types.js';
import type { RunStatus, RunTotals } from '../session-log/status.js';

/** What became of one proposed output. `proposed`: the log ends before publish decided. */
export interface OutputOutcome {
  id: string;
  kind: string;
  output?: ProposedOutput;
  state: 'proposed' | 'applied' | 'rejected';
  dryRun?: boolean;
  url?: string;
  reason?: string;
  /** The output as sent, after sanitizing; absent in logs written before it was recorded. */
  sent?: ProposedOutput;
  /** What the host changed so the platform would take it. */
  note?: string;
}

/** The figures every report shows, taken from the `end` event or, without one, added up. */
export interface SessionAnalysis {
  end?: SessionEventOf<'end'>;
  /** `unfinished`: no `end` event, the run was killed (or is still running). */
  status: RunStatus | 'unfinished';
  totals: RunTotals;
  /** Tool calls per tool, most used first. */
  toolCounts: Array<[name: string, count: number]>;
  outputs: OutputOutcome[];
  /** How often `flue-action run --resume` continued the run after an interruption. */
  resumes?: number;
}

/** What every report says about a log without an `end` event. */
export const UNFINISHED_NOTE = 'The log has no end event: the run was killed, or is still running. Figures are what it had spent so far.';

export function analyzeSession(log: ParsedSessionLog): SessionAnalysis {
  const end = log.events.findLast((event): event is SessionEventOf<'end'> => event.type === 'end');
  return {
    end,
    status: end?.status ?? 'unfinished',
    // Without `end`: what it had spent when it stopped, pauses between a kill and a resume left out.
    totals: end?.totals ?? spentSoFar(log).totals,
    resumes: log.events.filter((event) => event.type === 'resume').length,
    toolCounts: countTools(log.events),
    outputs: outputOutcomes(log.events),
  };
}

function countTools(events: SessionEvent[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const event of events) if (event.type === 'tool_call') counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
  // Code-unit order, not localeCompare: tool names are identifiers, and the first localeCompare of a
  // process loads ICU's collation data (some 10 ms at the end of every run).
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function outputOutcomes(events: SessionEvent[]): OutputOutcome[] {
  const byId = new Map<string, OutputOutcome>();
  const outcome = (id: string, kind: string): OutputOutcome => {
    let found = byId.get(id);
    if (!found) byId.set(id, (found = { id, kind, state: 'proposed' }));
    return found;
  };
  for (const event of events) {
    if (event.type === 'output_proposed') outcome(event.id, event.output.kind).output = event.output;
    if (event.type === 'output_applied') {
      const { dryRun, url, output: sent, note } = event;
      Object.assign(outcome(event.id, event.kind), { state: 'applied', dryRun, url, sent, note });
    }
    if (event.type === 'output_rejected') {
      Object.assign(outcome(event.id, event.kind), { state: 'rejected', reason: event.reason });
    }
  }
  return [...byId.values()];
}
