/** The one terminal status of a run: an output, an exit code, and a line in every report. */
export type RunStatus = 'succeeded' | 'skipped' | 'budget_exhausted' | 'cancelled' | 'failed';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface RunTotals extends Usage {
  turns: number;
  costUsd: number;
  durationMs: number;
}

/**
 * The exit code of each status, the same for the CLI and the action's step (README "Exit codes",
 * docs/action.md "Exit"): scripts and `if: failure()` read the same table the `status` output states.
 */
export const STATUS_EXIT_CODE: Readonly<Record<RunStatus, number>> = {
  succeeded: 0,
  skipped: 0,
  failed: 1,
  budget_exhausted: 3,
  cancelled: 4,
};
