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
  /**
   * How long one model call keeps retrying a retryable failure (429, 529 and other 5xx, a reset, a
   * stalled or broken stream) before the run fails with the last cause. An overload period lasts
   * minutes, not the seconds the SDK's own retries cover; the run's `timeout-minutes` still bounds it.
   */
  modelRetryMinutes: 5,
  /** First backoff between two model attempts; it doubles each retry, with jitter, up to the next limit. */
  modelRetryInitialDelayMs: 1_000,
  /** Overloads in a row (529, `overloaded_error`) before a run with `fallback-model` switches to it for good. */
  modelOverloadsBeforeFallback: 3,
  /** Longest backoff between two model attempts (a `retry-after` from the API may ask for longer). */
  modelRetryMaxDelayMs: 30_000,
  /**
   * Silence on a model stream that has started (no byte, not even the API's pings) before the attempt
   * is aborted and retried. The API pings a live stream every few seconds, and a long thinking pause
   * still streams; without this a stalled connection waits out the run's whole time limit.
   */
  modelIdleSeconds: 60,
  /**
   * One model request attempt, until its response headers arrive (then the stream runs under the run's
   * own time limit). The SDK's default of 10 minutes would let one stalled connection eat the whole run.
   */
  modelRequestTimeoutMs: 120_000,
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
  /** One read-only `git` call (the sandbox's `git status`, `git log`; the change set of propose_change): reads, never builds. */
  gitTimeoutMs: 60_000,
  /** `propose_change` without `max-files`: a fix an agent proposes touches a few files; a rewrite is a person's call. */
  defaultChangeMaxFiles: 20,
  /** `propose_change` without `max-lines`: lines added plus deleted over all files. */
  defaultChangeMaxLines: 500,
  /** Bytes of all files of one change set together: sent as blobs, kept in the session log (base64). */
  changeSetBytes: 2_000_000,
  /** Characters of a proposed change's title (the commit subject and the pull request title). */
  changeTitleChars: 200,
  /**
   * How often the processes a real command started are looked up in /proc (Linux), so a `setsid`
   * grandchild that left the process group is still killed with the command. A modest interval: each
   * look-up reads the whole process table; what is missed between two is found by its environment.
   */
  commandTreePollMs: 200,
  /** Bytes of a file `write` may create: the agent writes source, not data dumps. */
  writeBytes: 5_000_000,
  /**
   * Bytes one run may write into the workspace, all writes counted (the write and edit tools, shell
   * redirections, cp, mv from the scratch area, tee): an agent writes source, not data, and a `cp`
   * or `yes` loop must not fill the runner's disk or the tree a later step commits. Past it, writes
   * fail with ENOSPC naming this limit. Real commands (`commands:`) write the disk directly, uncounted.
   */
  workspaceWriteBytes: 50_000_000,
  /** Characters of one `grep` match line: a hit in minified code must not fill the result with one line. */
  grepLineChars: 500,
  /** Characters of a `grep` or `glob` pattern (and a grep `include`): matching costs the pattern's size times the text's. */
  patternChars: 1_000,
  /**
   * Work of one `grep` line test: RE2's program size times the line's characters, about 40 ns each at
   * worst, so a second. One test cannot be interrupted, and the run's clock must be able to stop grep
   * between two: a longer line is skipped, and the result says which and how to search it.
   */
  grepLineWork: 25_000_000,
  /** Largest file the sandbox reads (tools and shell alike): a file past it is data or a build artifact, not source. */
  readFileBytes: 10_000_000,
  /** Files larger than this are skipped by `grep` (with a note): large files are data or bundles, not source. */
  grepFileBytes: 2_000_000,
  /** Bytes of stdout (and of stderr) kept from an allow-listed real command, tail first: test runners print the failures last. */
  commandOutputBytes: 1_000_000,
  /** Bytes of stdout + stderr one shell execution may produce before just-bash stops it: a `yes` loop must not exhaust memory. */
  shellOutputBytes: 16_000_000,
  /** Bytes the shell's in-memory scratch area (everything outside the workspace: /tmp, $HOME) may hold. */
  scratchBytes: 64_000_000,

  /**
   * Characters kept of an event's title, body, comment or inputs. GitHub itself caps bodies at 65,536;
   * a local `--event` file has no cap, and one payload must not fill the model's context.
   */
  triggerTextChars: 65_536,
  /**
   * Characters of earlier thread comments put in the first message; the oldest go first. The
   * triggering comment and the issue body are always shown: they are what the run is about.
   */
  contextCommentsChars: 30_000,
  /** Characters of one changed file's patch in the first message; the agent can read the file itself. */
  contextPatchChars: 20_000,

  /** Characters of a comment or review body posted; GitHub refuses more than 65,536. */
  commentChars: 60_000,
  /**
   * One markdown parse (src/markdown/parse.ts). micromark is slower than linear on some input (many
   * quotes or lazy lines, long runs of autolink-like text: minutes for 64 KB): a parse that takes
   * longer is abandoned, and the body is handled as hostile. A 60 KB README parses in about 150 ms.
   */
  markdownParseMs: 3_000,
  /**
   * Emphasis or strikethrough delimiters in one paragraph: micromark pairs them in time quadratic in
   * their number, in a step the clock cannot interrupt (4,000 take about half a second).
   */
  markdownDelimiters: 4_000,
  /** Containers (`>`, list items) opened on one line: micromark closes them in quadratic time. */
  markdownNesting: 100,
  /** Inline comments in one proposed review: past a few dozen, a review is noise the author will not read. */
  reviewComments: 50,
  /** Characters of a tool result kept in the session log (the model's copy is capped separately). */
  logToolResultChars: 100_000,
  /** Characters of one `ctx.log(...)` message, on the console and in the session log: a note, not a data dump. */
  logMessageChars: 10_000,
  /**
   * Characters of the job summary. GitHub takes 1 MiB per step, but a summary is read at a glance;
   * the HTML report and the session log hold the rest.
   */
  summaryChars: 20_000,

  /** `outputs: { add_comment: {} }` without `max`: one comment per run, the answer to the trigger. */
  defaultCommentsMax: 1,
  /** `add_labels` / `remove_labels` without `max`: enough for a type, an area and a priority. */
  defaultLabelsMax: 3,
  /** `submit_review` without `max`: one review per run, like a human reviewer's pass. */
  defaultReviewsMax: 1,
  /** Resource files `activate_skill` lists beside a SKILL.md: a skill that vendors a whole tree must not flood the model. */
  skillResources: 100,

  /**
   * Retries of one GitHub API call on a server error, a timeout or a rate limit. GitHub's 5xx and
   * secondary limits pass within seconds; a call still failing after this is reported, not retried forever.
   */
  githubRetries: 3,
  /**
   * Longest wait for one GitHub rate-limit retry. A secondary limit asks for about a minute; a
   * primary limit can be an hour away, and the job bills by the minute, so past this the call fails.
   */
  githubRateLimitWaitSeconds: 120,
  /** One GitHub API attempt, until its body is read. Octokit has no timeout: a stalled connection would hang the job. */
  githubRequestTimeoutMs: 30_000,
  /**
   * Retries of one GitLab API call on 429, 502, 503, 504, a reset connection or a timeout. GitLab's
   * rate limits reset within the minute; a call still failing after this is reported, not retried forever.
   */
  gitlabRetries: 3,
  /** Longest wait for one GitLab retry (`Retry-After`, `RateLimit-Reset`): past it the call fails, as on GitHub. */
  gitlabRateLimitWaitSeconds: 120,
  /** One GitLab API attempt, until its body is read: plain fetch has no timeout of its own. */
  gitlabRequestTimeoutMs: 30_000,
  /** Least time between two GitLab writes (notes, labels, draft notes): GitLab.com limits note creation per user and minute. */
  gitlabWriteIntervalMs: 300,
  /** Earlier thread comments fetched for the model, newest kept: the end of a thread is what the run answers. */
  contextComments: 30,
  /** Changed files listed to the model; past it the model is told how many were left out. */
  contextFiles: 300,
  /**
   * Characters of all patches put in the first message together (each is also capped by
   * `contextPatchChars`): a 300-file PR must not fill the context; later files are listed without patch.
   */
  contextPatchesChars: 100_000,
  /** Files fetched from the base ref for a PR run (.flue/, skill folders, AGENTS.md): definitions, not a checkout. */
  baseDefinitionFiles: 500,
  /** Bytes of those files together: skills may carry scripts and references, but not data sets. */
  baseDefinitionBytes: 20_000_000,
  /**
   * Of those files, blobs fetched at once. GitHub's secondary limit punishes many concurrent requests;
   * a few in flight keep a 50-file `.flue/` well under a second.
   */
  baseDefinitionConcurrentFetches: 6,
  /**
   * Least time between two edits of the progress comment while the agent works. Each edit counts
   * against GitHub's secondary rate limit on content writes; the final state is always written.
   */
  progressUpdateIntervalMs: 15_000,
} as const;
