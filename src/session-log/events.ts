import type { ProposedOutput } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';
import type { RunStatus, RunTotals, Usage } from './status.js';

/** Bump when an event changes shape; `flue-action view` reads every version it knows. */
export const SESSION_LOG_VERSION = 1;

/** First line of every log. */
export interface SessionHeader {
  type: 'session';
  version: typeof SESSION_LOG_VERSION;
  id: string;
  time: string;
  agent: string;
  model: string;
  /** `anthropic`, or `scripted (file)` for the offline demo. */
  modelClient: string;
  trigger: Trigger;
  /** Definition files the agent was built from, repository-relative path to sha256. */
  files: Record<string, string>;
  runner: { version: string; node: string; host: string };
  /** Set when the gate chose the untrusted profile (read-only tools, no commands, no network). */
  profile?: 'untrusted';
}

/** Fields every event after the header carries. `agent` is set inside a subagent (`task`). */
interface EventBase {
  time: string;
  agent?: string;
}

export type SessionEvent =
  | (EventBase & {
      type: 'model_request';
      turn: number;
      /** Size of the request body as sent. */
      bytes: number;
      /** The system prompt and tool names, on the first request of an agent only (they do not change). */
      system?: string;
      tools?: string[];
      /** Messages added since the previous request: what the model saw that is new. */
      messages: unknown[];
      /** On a subagent's first request: the id of the parent's `task` call that started it (resume reads it). */
      call?: string;
    })
  | (EventBase & {
      type: 'model_response';
      turn: number;
      stopReason: string | null;
      content: unknown[];
      usage: Usage;
      costUsd: number;
      durationMs: number;
    })
  | (EventBase & { type: 'tool_call'; turn: number; id: string; name: string; input: unknown })
  | (EventBase & {
      type: 'tool_result';
      turn: number;
      id: string;
      name: string;
      isError: boolean;
      content: string;
      durationMs: number;
    })
  | (EventBase & { type: 'output_proposed'; id: string; output: ProposedOutput })
  | (EventBase & {
      type: 'output_applied';
      id: string;
      kind: string;
      url?: string;
      dryRun: boolean;
      /** The output as sent (or, in a dry run, as it would have been): after sanitizing, so it can differ from the proposal. */
      output?: ProposedOutput;
      /** What the host changed so the platform would take it (review comments moved off the diff). */
      note?: string;
    })
  | (EventBase & { type: 'output_rejected'; id: string; kind: string; reason: string })
  | (EventBase & {
      type: 'limit';
      limit: 'turns' | 'tokens' | 'cost' | 'time';
      /** In the limit's own unit: turns, tokens, USD, or milliseconds for `time`. */
      value: number;
      max: number;
    })
  | (EventBase & { type: 'warning'; message: string })
  | (EventBase & {
      /**
       * `flue-action run --resume` continued an interrupted run here: the events before it are the
       * interrupted attempt's, the ones after it the resumed attempt's (src/session-log/resume.ts).
       */
      type: 'resume';
      runner: { version: string; node: string; host: string };
      /** The last line of the interrupted attempt that was kept (1 is the header). */
      afterLine: number;
      /** That line's event type (`session` when nothing but the header was written). */
      afterEvent: string;
      /** Tool calls of the interrupted turn that had no result: run again (write tools are idempotent per call). */
      rerun: string[];
      /** The interrupted attempt's last line, cut off mid-write and removed: what it was, for the record. */
      torn?: string;
      /** What the run had spent before (src/session-log/spent.ts): the resumed attempt's limits start from it. */
      spent?: RunTotals;
    })
  /** A code agent's `ctx.log(...)`: its own words, for the console and this log, never posted. */
  | (EventBase & { type: 'log'; message: string })
  | (EventBase & { type: 'error'; message: string; cause?: string })
  | (EventBase & {
      type: 'end';
      status: RunStatus;
      reason?: string;
      result?: unknown;
      /** The final text answer, when the agent has no result schema. */
      text?: string;
      totals: RunTotals;
    });

export type SessionLogLine = SessionHeader | SessionEvent;

export type SessionEventType = SessionEvent['type'];

/** One variant of the union, by its `type`: `SessionEventOf<'tool_call'>`. */
export type SessionEventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;

/** Distributes Omit over the union so each variant keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a stage hands the log: the writer stamps `time`. */
export type SessionEventInput = DistributiveOmit<SessionEvent, 'time'> & { time?: string };

/** Where stages record events. Must not throw: a full disk must not kill the run it describes. */
export interface SessionRecorder {
  record(event: SessionEventInput): void;
}
