/**
 * The GitLab CI host: every GitLab REST call the runner makes goes through here, on the project the
 * pipeline runs for (CI_PROJECT_ID), with the runner's token.
 */
import { rethrowIfFatal } from '../../errors.js';
import type { Redactor } from '../../session-log/redact.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { TriggerContextExtras } from '../../trigger/prompt.js';
import { type GitLabRecords, mergeRequestFields } from '../../trigger/gitlab.js';
import type { Access, Trigger } from '../../trigger/types.js';
import type { AppliedOutput, CiHost, OutputKey, PlatformWords, ProgressReporter } from '../host.js';
import { outputMarker } from '../markers.js';
import { accessOf, DEFAULT_WRITER_LEVEL } from './access.js';
import { ProjectApi } from './api.js';
import { GitLabClient, type GitLabClientOptions } from './client.js';
import { fetchGitLabContext } from './context.js';
import { fetchDefinitionsAt } from './definitions.js';
import type { TokenKind } from './errors.js';
import { applyGitLabChange } from './change.js';
import { suggestGitLabChange } from './suggestions.js';
import { asSuggestions } from '../change-target.js';
import { applyGitLabOutput } from './outputs.js';
import { resumeProgressNote, startProgressNote } from './progress.js';
import { GITLAB_RULES } from './rules.js';
import type { EarlierAttempt } from './rerun.js';

export interface GitLabHostOptions {
  /** CI_API_V4_URL: `https://gitlab.com/api/v4`. */
  baseUrl: string;
  token: string;
  /** 'private': a project, group or personal access token; 'job': CI_JOB_TOKEN, which reads a little and writes nothing. */
  tokenKind: TokenKind;
  /** CI_PROJECT_ID (or the project's path `group/project`): every call goes to it. */
  project: string;
  /** CI_PIPELINE_ID: a retried job keeps it, so its progress note and applied outputs are found again. */
  runId: string;
  /** True when this job is a retry (the front end decides): outputs an earlier attempt applied are looked up first. */
  rerun: boolean;
  /** CI_PIPELINE_URL, linked from the progress note. */
  runUrl: string;
  /** Whether the progress note is posted. */
  progressNote: boolean;
  /** The run's redactor: the progress note is redacted with it (outputs arrive already sanitized). */
  redactor: Redactor;
  /** Where definitions from another commit are written. */
  tmpDir: string;
  /** Problems that do not fail the run (a progress edit refused, comments moved out of a review). */
  warn(message: string): void;
  /** Least access level of a writer; default 30 (Developer). */
  writerLevel?: number;
  /** Whether an APPROVE review approves the MR in GitLab too; default false. */
  approve?: boolean;
  progressIntervalMs?: number;
  now?: () => number;
  /** Client tuning for tests (retry unit, timeout). */
  client?: Pick<GitLabClientOptions, 'retries' | 'retryUnitMs' | 'requestTimeoutMs'>;
}

/** What the stages say of GitLab in their messages. No default self login: without GET /user the runner's account is not known. */
export const GITLAB_PLATFORM: PlatformWords = {
  writers: 'the Developer role or above',
  workflowCommitVariable: 'CI_COMMIT_SHA',
  change: 'merge request',
};

export class GitLabHost implements CiHost {
  readonly name = 'gitlab' as const;
  readonly platform = GITLAB_PLATFORM;
  /** GitLab runs `/quick actions` at a line start and reads label parameters as comma-separated lists. */
  readonly sanitizeRules = GITLAB_RULES;
  readonly api: ProjectApi;
  /** The REST answers the re-read of a forgeable webhook needs (src/trigger/gitlab/verify.ts), raw, read once a run. */
  readonly records: GitLabRecords = {
    issue: (iid) => this.api.getIssue(iid),
    mergeRequest: (iid) => this.api.getMergeRequest(iid),
    note: (noteable, iid, noteId) => this.api.getNote({ iid, isMergeRequest: noteable === 'merge_request' }, noteId),
  };
  private login: Promise<string | undefined> | undefined;

  constructor(private readonly options: GitLabHostOptions) {
    const client = new GitLabClient({
      baseUrl: options.baseUrl,
      token: options.token,
      tokenKind: options.tokenKind,
      warn: options.warn,
      ...options.client,
    });
    this.api = new ProjectApi(client, options.project);
  }

  applyOutput(output: ProposedOutput, trigger: Trigger, key?: OutputKey): Promise<AppliedOutput> {
    const attempt: EarlierAttempt = {
      marker: key === undefined ? undefined : outputMarker(key, this.options.runId),
      rerun: this.options.rerun,
      isSelf: (username) => this.isSelf(username),
    };
    if (output.kind === 'propose_change') {
      if (asSuggestions(output, trigger)) return suggestGitLabChange(this.api, output, trigger, attempt);
      return applyGitLabChange(this.api, output, trigger, { runId: this.options.runId, key, attempt });
    }
    return applyGitLabOutput(this.api, output, trigger, attempt, { approve: this.options.approve ?? false, warn: this.options.warn });
  }

  /** Only the user `selfLogin` names; when GitLab does not say, nobody (a re-run then posts anew rather than edit a stranger's note). */
  private async isSelf(username: string | undefined): Promise<boolean> {
    const self = await this.selfLogin();
    return username !== undefined && self !== undefined && username.toLowerCase() === self.toLowerCase();
  }

  /** GET /user, once a run (a project access token's bot user, a person's PAT); undefined when GitLab refuses (CI_JOB_TOKEN). */
  selfLogin(): Promise<string | undefined> {
    this.login ??= this.api.currentUser().then(
      (user) => user.username,
      (error: unknown) => {
        rethrowIfFatal(error);
        return undefined;
      },
    );
    return this.login;
  }

  accessOf(login: string, _trigger: Trigger): Promise<Access> {
    return accessOf(this.api, login, this.options.writerLevel ?? DEFAULT_WRITER_LEVEL, this.options.warn);
  }

  /**
   * An MR's refs from the MR itself, read on every run: a note event or a trigger payload names the MR
   * but not (or not trustworthily: anyone holding the trigger URL can write TRIGGER_PAYLOAD) its
   * commits. What decides trust comes from the API whatever the trigger says: the base commit the
   * definitions are read from, and fork status (a fork by either account counts as one). The rest the
   * trigger already says wins, as on GitHub: a merge request pipeline's commit is CI_COMMIT_SHA.
   */
  async completeTrigger(trigger: Trigger): Promise<Trigger> {
    if (!trigger.isPullRequest || trigger.number === undefined) return trigger;
    const iid = trigger.number;
    // Read as the trigger stage reads an MR (checked, one reader for both), then the trust rule above.
    const fromApi =
      mergeRequestFields(await this.api.getMergeRequest(iid), `merge request !${iid} (GET ${this.api.path}/merge_requests/${iid})`).refs ?? {};
    const baseSha = fromApi.baseSha ?? trigger.refs.baseSha;
    const fromFork = fromApi.fromFork === true || trigger.refs.fromFork === true;
    return { ...trigger, refs: { ...fromApi, ...definedOnly(trigger.refs), ...(baseSha ? { baseSha } : {}), fromFork } };
  }

  fetchContext(trigger: Trigger): Promise<TriggerContextExtras> {
    return fetchGitLabContext(this.api, trigger);
  }

  definitionsAt(commit: string, folder: string): Promise<string> {
    return fetchDefinitionsAt(this.api, commit, folder, this.options.tmpDir, this.options.warn);
  }

  async startProgress(trigger: Trigger, agent: string): Promise<ProgressReporter | undefined> {
    if (!this.options.progressNote || trigger.number === undefined) return undefined;
    const { runId, runUrl, redactor, warn, progressIntervalMs, now } = this.options;
    const thread = { iid: trigger.number, isMergeRequest: trigger.isPullRequest };
    const options = { api: this.api, thread, agent, runId, runUrl, redactor, warn, intervalMs: progressIntervalMs, now };
    return startProgressNote(options, (username) => this.isSelf(username));
  }

  resumeProgress(handle: string): ProgressReporter | undefined {
    const { runId, runUrl, redactor, warn, progressIntervalMs, now } = this.options;
    return resumeProgressNote({ api: this.api, runId, runUrl, redactor, warn, intervalMs: progressIntervalMs, now }, handle);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
