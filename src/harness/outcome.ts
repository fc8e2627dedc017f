import type { RunStatus, RunTotals } from '../session-log/status.js';

/** Why a run stopped, in one machine-readable word; `reason` says it in a sentence. */
export type StopCause =
  | 'finished'
  | 'answered'
  | 'gave_up'
  | 'missing_result'
  | 'invalid_result'
  | 'model_error'
  | 'refusal'
  | 'output_limit'
  | 'context_window'
  | 'turns'
  | 'tokens'
  | 'cost'
  | 'timeout'
  | 'cancelled'
  | 'run_error';

/** The one terminal outcome of an agent loop or a whole agent run. */
export interface AgentOutcome {
  status: RunStatus;
  cause: StopCause;
  /** A sentence for the report; set for every status except a plain success. */
  reason?: string;
  /** The validated `finish` input, or the return value of a TS agent's `run`. */
  result?: unknown;
  /** The final text answer (the last response's text blocks). */
  text?: string;
  /** Spending of the whole run so far (shared with subagents), not of this loop alone. */
  totals: RunTotals;
}
