/**
 * What the main step leaves for the post step (`core.saveState`, read back with `core.getState`):
 * enough to upload the session log, and finish the progress comment, when main was cancelled, timed out
 * or killed before it could.
 */
export const STATE = {
  /** The folder of this step's session logs, saved before the run starts. */
  logDir: 'log-dir',
  /** The `artifact-name` input, so the post step names the artifact as main would have. */
  artifactPrefix: 'artifact-prefix',
  /** `true` once main has handled the log itself (uploaded it, or decided not to); the post step then leaves it. */
  finished: 'finished',
  /**
   * The progress comment's handle (`ProgressReporter.handle`) while it says "working"; '' once main has
   * finished it. Left set, it tells the post step to finish the comment for a main step that was killed.
   */
  progressComment: 'progress-comment',
  /**
   * What the progress comment may show (a ProgressView as JSON), saved with its handle: the post step
   * finishes the comment by the same rules. Missing or unreadable, it shows the least.
   */
  progressView: 'progress-view',
} as const;
