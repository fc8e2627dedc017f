import type { PlatformRules } from '../publish/sanitize.js';
import type { ProposedOutput } from '../tools/types.js';
import type { TriggerContextExtras } from '../trigger/prompt.js';
import type { Access, Trigger } from '../trigger/types.js';

/** Where an applied output landed (a comment URL, say); empty when the host has no address for it. */
export interface AppliedOutput {
  url?: string;
  /**
   * What the host changed to make the platform accept the output, in one sentence for the session log
   * (GitHub: inline review comments on lines outside the diff, moved into the review body).
   */
  note?: string;
}

/**
 * Names one applied output across the attempts of one run: the `index`-th output of its `kind` (from 1, in
 * proposal order) that `agent` had applied. A host writes it, with its own run id (GitHub's run id, GitLab's
 * pipeline id), into the hidden marker of what it posts; a re-run proposes again, finds that marker on what
 * the runner itself posted, and updates it instead of posting a second one.
 */
export interface OutputKey {
  agent: string;
  kind: ProposedOutput['kind'];
  index: number;
}

/** What a progress comment shows while the agent works and when it is done. */
export interface ProgressState {
  phase: 'working' | 'finished';
  /** One line: the current turn and tool while working, the status and reason when finished. */
  line: string;
  /** Markdown body shown under the line when finished (result, usage, cost, outputs). */
  details?: string;
}

/** The live comment on the issue or PR; every method must swallow its own failures (it is a courtesy). */
export interface ProgressReporter {
  /**
   * Plain text that finds this comment again in another process (`CiHost.resumeProgress`): the action
   * saves it, so its post step can finish the comment when the main step was killed mid-run.
   */
  readonly handle: string;
  update(state: ProgressState): Promise<void>;
}

/**
 * Everything that differs between GitHub, GitLab and a local run. No stage above the hosts asks which
 * platform it is on; it calls these.
 */
export interface Host {
  readonly name: 'github' | 'gitlab' | 'local';
  /**
   * What this platform acts on in a body beyond what every platform does (mentions, hidden text,
   * secrets): GitLab runs `/quick actions` at a line start and reads label parameters as
   * comma-separated lists. The publish stage sanitizes every output by these rules before the policy
   * checks it (src/publish/sanitize.ts); data, not code, so the sanitizer loads only when a run publishes.
   */
  readonly sanitizeRules: PlatformRules;
  /**
   * Applies one output that already passed policy and sanitizing; with a `key`, what an earlier attempt of
   * the same run applied under that key is updated, not applied twice. Throws a FlueError naming the API call on failure.
   */
  applyOutput(output: ProposedOutput, trigger: Trigger, key?: OutputKey): Promise<AppliedOutput>;
}

/** How the stages name what differs in words only: in reasons, notices and errors. */
export interface PlatformWords {
  /** Who counts as a writer: `write, maintain or admin permission`, `the Developer role or above`. */
  writers: string;
  /** The variable naming the commit the CI configuration runs from: `GITHUB_SHA`, `CI_COMMIT_SHA`. */
  workflowCommitVariable: string;
  /** The account the runner writes as when the platform does not say (GitHub's workflow token: `github-actions[bot]`). */
  defaultSelfLogin?: string;
  /** A pull request or a merge request, in the platform's own word. */
  change: 'pull request' | 'merge request';
}

/** What a CI host adds to `Host`: the platform's access model, context, progress and artifacts. */
export interface CiHost extends Host {
  readonly platform: PlatformWords;
  /**
   * The account's trust on the repository, with the platform's name for its level. Must not throw for
   * an account the platform does not know (`none`); a failed lookup is `unknown`, with a warning.
   */
  accessOf(login: string, trigger: Trigger): Promise<Access>;
  /**
   * Completes a trigger the event payload leaves thin: a comment on a PR gets the PR's refs and fork
   * status, so the gate and the sandbox can tell a fork PR from a branch.
   */
  completeTrigger(trigger: Trigger): Promise<Trigger>;
  /** Recent comments and, for PRs, the changed files with patches (capped; the cap is stated). */
  fetchContext(trigger: Trigger): Promise<TriggerContextExtras>;
  /**
   * A new folder holding `.flue/`, the skill folders and AGENTS.md/CLAUDE.md as they are on `commit`,
   * read through the API: for runs whose checkout may hold someone else's definitions (a PR's head, a
   * fork's run), from a commit writers chose (see `definitionsSource`).
   */
  definitionsAt(commit: string, folder: string): Promise<string>;
  /**
   * True when definitions are always the checkout's, whatever commit CI would read (a local run of an
   * event): the stage then asks `definitionsAt` even when the commit is unknown (''), and the host says where
   * CI would have read them.
   */
  readonly checkoutDefinitions?: boolean;
  /**
   * The login the runner's token writes as, so the gate never answers the runner's own comments;
   * undefined when the platform does not tell (the gate then assumes the default workflow token's).
   * Must not throw.
   */
  selfLogin(): Promise<string | undefined>;
  /** Starts the progress comment, or undefined when there is nothing to comment on or it is turned off. */
  startProgress(trigger: Trigger, agent: string): Promise<ProgressReporter | undefined>;
  /** The comment a `ProgressReporter.handle` names, to finish it; undefined when the handle is not one this host made. */
  resumeProgress(handle: string): ProgressReporter | undefined;
}
