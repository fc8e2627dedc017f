/**
 * What the main step leaves for the post step (`core.saveState`, read back with `core.getState`):
 * enough to upload the session log when main was cancelled, timed out or killed before it could.
 */
export const STATE = {
  /** The folder of this step's session logs, saved before the run starts. */
  logDir: 'log-dir',
  /** The `artifact-name` input, so the post step names the artifact as main would have. */
  artifactPrefix: 'artifact-prefix',
  /** `true` once main has handled the log itself (uploaded it, or decided not to); the post step then does nothing. */
  finished: 'finished',
} as const;
