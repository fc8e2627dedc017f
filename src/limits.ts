/**
 * Every limit the runner enforces, with its default and why. Agents override the run limits in
 * `limits:`; action inputs override them again. Nothing else in the code base hard-codes a limit.
 */
export const LIMITS = {
  /** Model calls in one run. Enough for a review with a dozen reads; stops a loop that makes no progress. */
  maxTurns: 30,
  /** USD per run, priced from the model's price table. A runaway triage bot costs cents, not dollars. */
  maxCostUsd: 2,
  /** Wall time of one run. CI jobs are billed by the minute and a stuck run must end on its own. */
  timeoutMinutes: 10,
  /** Input + output tokens over a run, a backstop for models missing from the price table. */
  maxTokens: 2_000_000,
  /** `max_tokens` of one model call: room for a long review, small enough to fail fast. */
  maxOutputTokensPerCall: 8_192,
  /** Attempts the SDK makes for a retryable error (429, 5xx, connection reset) before giving up. */
  modelRetries: 3,
  /** Invalid `finish` calls the model may correct before the run fails. */
  resultRetries: 3,
  /** `task` nesting: an agent's subagent may delegate once more, no further. */
  taskDepth: 2,

  /** Characters of one tool result the model sees; beyond it a marker says how to read on. */
  toolOutputChars: 30_000,
  /** Lines `read` returns without an explicit `limit`. */
  readLines: 2_000,
  /** Characters of one line in `read` output; longer lines are cut with a marker. */
  readLineChars: 2_000,
  /** `grep` matches returned. */
  grepMatches: 200,
  /** `glob` paths returned. */
  globResults: 200,
  /** `bash` default and maximum timeout. */
  bashTimeoutMs: 120_000,
  bashMaxTimeoutMs: 600_000,
  /** An allow-listed real command (`npm test`): default timeout. */
  commandTimeoutMs: 300_000,
  /** Bytes of a file `write` may create: the agent writes source, not data dumps. */
  writeBytes: 5_000_000,

  /** Characters of a comment or review body posted; GitHub refuses more than 65,536. */
  commentChars: 60_000,
  /** Characters of a tool result kept in the session log (the model's copy is capped separately). */
  logToolResultChars: 100_000,
} as const;
