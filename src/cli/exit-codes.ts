import type { RunStatus } from '../session-log/status.js';

/** Documented in the README and `flue-action --help`; scripts depend on them. */
export const EXIT = {
  succeeded: 0,
  skipped: 0,
  failed: 1,
  usage: 2,
  budget_exhausted: 3,
  cancelled: 4,
} as const;

export const exitCodeFor = (status: RunStatus): number => EXIT[status];
