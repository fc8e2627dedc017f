import { STATUS_EXIT_CODE, type RunStatus } from '../session-log/status.js';

/** Documented in the README and `flue-action --help`; scripts depend on them. A run's status maps as the action's does. */
export const EXIT = {
  ...STATUS_EXIT_CODE,
  usage: 2,
} as const;

export const exitCodeFor = (status: RunStatus): number => STATUS_EXIT_CODE[status];
