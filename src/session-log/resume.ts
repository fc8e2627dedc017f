/**
 * What `flue-action run --resume <log>` reads from an interrupted run's session log before it continues
 * it: may it be continued at all (no `end` yet, the same agent, the same definition files) and which
 * outputs it proposed and applied (never proposed or applied twice). What it spent: ./spent.ts. The conversation itself is rebuilt by
 * src/harness/resume.ts; README "Resuming a run" says what a user can expect.
 */
import { FlueError } from '../errors.js';
import type { SessionEvent, SessionEventOf } from './events.js';
import type { ParsedSessionLog } from './reader.js';
import type { ProposedOutput } from '../tools/types.js';

/** What the run about to resume is made of now. */
export interface ResumeTarget {
  agent: string;
  /** The definition files as loaded now, repository-relative path to sha256. */
  files: Record<string, string>;
  /** The agent drives itself with `run(ctx)` (a TS agent): its code cannot be resumed mid-way. */
  runsCode: boolean;
}

/**
 * Throws one FlueError naming the log and the fix when the log cannot be resumed. Changed definitions
 * are refused, with no override: the conversation so far was made under the old system prompt, tools
 * and output policy, and the header would claim hashes the rest of the run no longer matches; an output
 * policy loosened in between would judge proposals the model made under the stricter one.
 */
export function checkResumable(log: ParsedSessionLog, target: ResumeTarget): void {
  const { header, path } = log;
  const end = log.events.find((event): event is SessionEventOf<'end'> => event.type === 'end');
  if (end) {
    const why = end.reason ? `: ${end.reason}` : '';
    throw new FlueError(
      `${path} cannot be resumed: that run already ended (${end.status}${why}) at ${end.time}. ` +
        'Only an interrupted run (a log without an "end" event) can be resumed; start a new run instead.',
    );
  }
  // A torn last line is what a kill leaves (the writer removes it); any other unreadable line could hide a
  // request or a result the conversation needs.
  const unreadable = log.truncated ? log.problems.slice(0, -1) : log.problems;
  if (unreadable.length > 0) {
    throw new FlueError(
      `${path} cannot be resumed: ${unreadable[0]}${unreadable.length > 1 ? ` (and ${unreadable.length - 1} more)` : ''}. ` +
        'A log with lines this flue-action cannot read would resume a conversation with parts missing; resume it with the flue-action that wrote it, or start a new run.',
    );
  }
  if (header.agent !== target.agent) {
    throw new FlueError(
      `${path} is a session of agent '${header.agent}', not '${target.agent}'. Resume it with: flue-action run ${header.agent} --resume ${path}`,
    );
  }
  if (target.runsCode) {
    throw new FlueError(
      `${path} cannot be resumed: agent '${target.agent}' runs code (run(ctx)), which would start again from the top and repeat what it did. Start a new run instead.`,
    );
  }
  const changed = changedFile(header.files, target.files);
  if (changed) {
    throw new FlueError(
      `${path} cannot be resumed: ${changed} since the run started, and the conversation so far was made with the old definitions. ` +
        'Restore the file as it was (git stash, git checkout) or start a new run.',
    );
  }
  if (!log.events.some((event) => event.type === 'model_request' && event.agent === undefined)) {
    throw new FlueError(
      `${path} cannot be resumed: the run was interrupted before its first model request, so there is nothing to continue. Start it again.`,
    );
  }
}

/** The first definition file that differs, as a phrase: `.flue/agents/x.md changed`, `... was added`, `... is gone`. */
function changedFile(before: Record<string, string>, now: Record<string, string>): string | undefined {
  for (const [file, hash] of Object.entries(before)) {
    if (!Object.hasOwn(now, file)) return `${file} is gone`;
    if (now[file] !== hash) return `${file} changed`;
  }
  const added = Object.keys(now).find((file) => !Object.hasOwn(before, file));
  return added === undefined ? undefined : `${added} was added`;
}

/** The outputs of the interrupted attempts: what to put back in the collector, and what not to apply again. */
export interface RestoredOutputs {
  /** Proposals made by tool calls that completed, in proposal order, with their ids. */
  proposals: Array<{ id: string; output: ProposedOutput }>;
  /** Proposals of calls that were cut off (or of a subagent that runs again): the resumed run rejects them in the log. */
  abandoned: Array<{ id: string; kind: string }>;
  /** Ids of proposals an earlier attempt applied (`output_applied`): the publish stage skips them. */
  applied: Set<string>;
  /** The highest `output-N` and `refused-N` numbers in the log: new ids continue after them. */
  lastNumbers: { proposed: number; refused: number };
}

/** The result text of an output tool (src/tools/output-tools.ts): how a completed call names its proposal. */
const PROPOSED_AS = /^Proposed as (output-\d+);/;

/**
 * A proposal is restored when the call that made it completed, in a conversation that is not run
 * again: the top-level agent's, or a subagent's whose `task` call completed. A subagent cut off
 * mid-way runs again from its start, so its proposals are dropped and it makes them again.
 */
export function restoredOutputs(log: ParsedSessionLog): RestoredOutputs {
  const { events } = log;
  const results = new Map<string, SessionEventOf<'tool_result'>>();
  const callAgent = new Map<string, string | undefined>();
  const startedBy = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'tool_result') results.set(event.id, event);
    if (event.type === 'tool_call') callAgent.set(event.id, event.agent);
    if (event.type === 'model_request' && event.agent !== undefined && event.call !== undefined && !startedBy.has(event.agent)) {
      startedBy.set(event.agent, event.call);
    }
  }
  const kept = (agent: string | undefined, depth = 0): boolean => {
    if (agent === undefined) return true;
    const call = startedBy.get(agent);
    // A log written before subagent requests named their call cannot tell: its subagents are kept.
    if (call === undefined) return true;
    // Subagents nest at most LIMITS.taskDepth deep; a log that says otherwise is not followed further.
    if (depth > 10) return false;
    return results.has(call) && kept(callAgent.get(call), depth + 1);
  };
  const claimed = new Set<string>();
  for (const result of results.values()) {
    const id = PROPOSED_AS.exec(result.content)?.[1];
    if (id !== undefined && !result.isError && kept(result.agent)) claimed.add(id);
  }
  const allProposed = events.filter((event): event is SessionEventOf<'output_proposed'> => event.type === 'output_proposed');
  const proposals = allProposed.filter((event) => claimed.has(event.id)).map((event) => ({ id: event.id, output: event.output }));
  // An earlier resume may have rejected some already: each is rejected once.
  const rejected = new Set(events.filter((event) => event.type === 'output_rejected').map((event) => (event as SessionEventOf<'output_rejected'>).id));
  const abandoned = allProposed
    .filter((event) => !claimed.has(event.id) && !rejected.has(event.id))
    .map((event) => ({ id: event.id, kind: event.output.kind }));
  const applied = new Set(events.filter((event) => event.type === 'output_applied').map((event) => (event as SessionEventOf<'output_applied'>).id));
  return { proposals, abandoned, applied, lastNumbers: { proposed: highestNumber(events, 'output'), refused: highestNumber(events, 'refused') } };
}

/** The highest N of the output events' `<prefix>-N` ids; 0 when there is none. */
function highestNumber(events: readonly SessionEvent[], prefix: 'output' | 'refused'): number {
  let highest = 0;
  for (const event of events) {
    if (event.type !== 'output_proposed' && event.type !== 'output_rejected') continue;
    const [name, number] = event.id.split('-');
    if (name === prefix && number !== undefined && /^\d+$/.test(number)) highest = Math.max(highest, Number(number));
  }
  return highest;
}

/** The last event, for the `resume` event's `afterEvent`. */
export function lastEventType(events: readonly SessionEvent[]): string {
  return events.at(-1)?.type ?? 'session';
}
