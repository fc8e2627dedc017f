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
