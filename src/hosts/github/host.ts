import type { Octokit } from '@octokit/rest';
import { rethrowIfFatal } from '../../errors.js';
import type { Redactor } from '../../session-log/redact.js';
import type { ProposedOutput } from '../../tools/types.js';
import { triggerFromGitHubEvent } from '../../trigger/github.js';
import type { TriggerContextExtras } from '../../trigger/prompt.js';
import type { Access, Trigger } from '../../trigger/types.js';
import type { AppliedOutput, CiHost, OutputKey, PlatformWords, ProgressReporter } from '../host.js';
import { GraphQLApi, RepoApi, type CollaboratorPermission, type Repository } from './api.js';
import { fetchBaseDefinitions } from './base-definitions.js';
import { fetchGitHubContext } from './context.js';
import { statusOf } from './errors.js';
import { outputMarker } from '../markers.js';
import { accessOfPermission, GITHUB_PERMISSIONS, type Permission } from './permission.js';
import { applyGitHubChange } from './change.js';
import { suggestGitHubChange } from './suggestions.js';
import { asSuggestions } from '../change-target.js';
import { applyGitHubOutput } from './outputs.js';
import { resumeProgressComment, startProgressComment } from './progress.js';
import type { EarlierAttempt } from './rerun.js';

export interface GitHubHostOptions {
  /** From createGitHubClient (any Octokit with the REST methods and paginate works). */
  octokit: Octokit;
  /** GITHUB_REPOSITORY: the repository the token is for and every call goes to. */
  repository: Repository;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`, linked from the progress comment. */
  runUrl: string;
  /** GITHUB_RUN_ID: a re-run keeps it, so its progress comment and applied outputs are found again. */
  runId: string;
  /** GITHUB_RUN_ATTEMPT as a number; default 1. From 2 on, outputs an earlier attempt applied are looked up before applying. */
  runAttempt?: number;
  /** The `progress-comment` input. */
  progressComment: boolean;
  /** RUNNER_TEMP: where the base ref's definitions are written on PR runs. */
  tmpDir: string;
  /** Problems that do not fail the run (a progress edit refused, comments moved out of a review). */
  warn(message: string): void;
  /** The run's redactor: the progress comment is redacted with it (outputs arrive already sanitized). */
  redactor: Redactor;
  /** Least time between progress edits while working; default LIMITS.progressUpdateIntervalMs. */
  progressIntervalMs?: number;
  /** Milliseconds clock for the progress throttle; tests pass a controllable one. */
  now?: () => number;
}

/** The account the default workflow token (`GITHUB_TOKEN`) writes as. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

const PLATFORM: PlatformWords = {
  writers: 'write, maintain or admin permission',
  workflowCommitVariable: 'GITHUB_SHA',
  defaultSelfLogin: WORKFLOW_TOKEN_LOGIN,
  change: 'pull request',
};

/** The GitHub Actions host: every GitHub REST call the runner makes goes through here. */
export class GitHubHost implements CiHost {
  readonly name = 'github' as const;
  readonly platform = PLATFORM;
  /** GitHub acts on nothing in a body beyond what every platform does (mentions). */
  readonly sanitizeRules = {};
  private readonly api: RepoApi;
  private readonly graphql: GraphQLApi;
  private login: Promise<string | undefined> | undefined;

  constructor(private readonly options: GitHubHostOptions) {
    this.api = new RepoApi(options.octokit, options.repository);
    this.graphql = new GraphQLApi(options.octokit);
  }

  applyOutput(output: ProposedOutput, trigger: Trigger, key?: OutputKey): Promise<AppliedOutput> {
    const attempt: EarlierAttempt = {
      marker: key === undefined ? undefined : outputMarker(key, this.options.runId),
      rerun: (this.options.runAttempt ?? 1) > 1,
      isSelf: (login) => this.isSelf(login),
    };
    if (output.kind === 'propose_change') {
      if (asSuggestions(output, trigger)) return suggestGitHubChange(this.api, output, trigger, attempt);
      return applyGitHubChange(this.api, output, trigger, { runId: this.options.runId, key, attempt });
    }
    return applyGitHubOutput({ rest: this.api, graphql: this.graphql }, output, trigger, attempt, this.options.warn);
  }

  /** As the gate decides it: the login `selfLogin` names, or the default workflow token's when GitHub does not say. */
  private async isSelf(login: string | undefined): Promise<boolean> {
    const self = (await this.selfLogin()) ?? WORKFLOW_TOKEN_LOGIN;
    return login !== undefined && login.toLowerCase() === self.toLowerCase();
  }

  /**
   * Asked once a run, through GraphQL `viewer` (a personal token's user, an app's `<slug>[bot]`). When
   * GitHub does not answer, undefined: the gate then assumes `github-actions[bot]`, and the marker every
   * posted body carries still keeps the runner from answering itself.
   */
  selfLogin(): Promise<string | undefined> {
    this.login ??= this.graphql.viewerLogin().catch((error: unknown) => {
      rethrowIfFatal(error);
      return undefined;
    });
    return this.login;
  }

  /**
   * `role_name` first: it tells `maintain` and `triage` apart, which `permission` folds into `write`
   * and `read`. A custom role falls back to `permission`, its base role. A 404 means GitHub knows no
   * such user here; any other failure is `unknown`, which the gate treats as not a writer.
   */
  async accessOf(login: string, _trigger: Trigger): Promise<Access> {
    if (login === '') return accessOfPermission('none');
    let data: CollaboratorPermission;
    try {
      data = await this.api.collaboratorPermission(login);
    } catch (error) {
      if (statusOf(error) === 404) return accessOfPermission('none');
      this.options.warn(`The permission of ${login} is unknown, so they are treated as a non-writer: ${(error as Error).message}`);
      return accessOfPermission('unknown');
    }
    const role = [data.role_name, data.permission].find((name): name is Permission => GITHUB_PERMISSIONS.includes(name as Permission));
    return accessOfPermission(role ?? 'unknown');
  }

  /**
   * A comment on a PR (and a workflow_run naming one) arrives without the PR's refs. They are read
   * from the PR itself, through the same code that reads a pull_request payload.
   */
  async completeTrigger(trigger: Trigger): Promise<Trigger> {
    if (!trigger.isPullRequest || trigger.number === undefined) return trigger;
    if (trigger.refs.sha && trigger.refs.baseSha) return trigger;
    const pr = await this.api.getPull(trigger.number);
    const { owner, name } = this.options.repository;
    const fromPr = triggerFromGitHubEvent('pull_request', { pull_request: pr, repository: { full_name: `${owner}/${name}` } });
    // What the event already said wins: a workflow_run's sha is the commit that run tested.
    return { ...trigger, refs: { ...fromPr.refs, ...definedOnly(trigger.refs) } };
  }

  fetchContext(trigger: Trigger): Promise<TriggerContextExtras> {
    return fetchGitHubContext(this.api, trigger);
  }

  definitionsAt(commit: string, folder: string): Promise<string> {
    return fetchBaseDefinitions(this.api, commit, folder, this.options.tmpDir, this.options.warn);
  }

  async startProgress(trigger: Trigger, agent: string): Promise<ProgressReporter | undefined> {
    if (!this.options.progressComment || trigger.number === undefined) return undefined;
    return startProgressComment(
      {
        api: this.api,
        number: trigger.number,
        isPullRequest: trigger.isPullRequest,
        agent,
        runId: this.options.runId,
        runUrl: this.options.runUrl,
        redactor: this.options.redactor,
        warn: this.options.warn,
        intervalMs: this.options.progressIntervalMs,
        now: this.options.now,
      },
      (login) => this.isSelf(login),
    );
  }

  resumeProgress(handle: string): ProgressReporter | undefined {
    const { runId, runUrl, redactor, warn, progressIntervalMs, now } = this.options;
    return resumeProgressComment({ api: this.api, runId, runUrl, redactor, warn, intervalMs: progressIntervalMs, now }, handle);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
