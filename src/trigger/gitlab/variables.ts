/**
 * A GitLab CI job's predefined variables into one Trigger. GitLab sets them, so what they say is the
 * platform's word (the text in them is still whoever wrote the merge request's); a webhook delivered
 * through the pipeline trigger API is only a claim, read by webhook.ts and re-read by verify.ts.
 *
 * CI_PIPELINE_SOURCE decides the kind: merge_request_event → pull_request; schedule; web and api →
 * workflow_dispatch (inputs come from the CLI's `--input`); push; trigger and pipeline with a payload →
 * what the webhook is about; anything else → unknown, with the source as the event name.
 */
import { TriggerError } from '../../errors.js';
import { positiveInteger, text, withoutUndefined } from '../payload.js';
import type { Trigger } from '../types.js';
import { isGitLabBot } from './bots.js';
import { triggerFromGitLabPayload } from './webhook.js';

export type GitLabEnv = Record<string, string | undefined>;

export interface GitLabTriggerOptions {
  /** The content of the TRIGGER_PAYLOAD file, already read; undefined when the job has none. */
  payloadFile?: string;
  /** Where the payload came from, named in errors (`TRIGGER_PAYLOAD (/builds/…/TRIGGER_PAYLOAD)`). */
  source: string;
}

/** The Trigger of this GitLab CI job. Pure: reads `env` and the payload text, nothing else. */
export function readGitLabTrigger(env: GitLabEnv, options: GitLabTriggerOptions): Trigger {
  const source = value(env, 'CI_PIPELINE_SOURCE');
  const project = { id: value(env, 'CI_PROJECT_ID'), path: required(env, 'CI_PROJECT_PATH') };
  if (options.payloadFile !== undefined) {
    if (source !== 'trigger' && source !== 'pipeline') {
      throw new TriggerError(
        `${options.source} is set in a pipeline whose CI_PIPELINE_SOURCE is '${source ?? '(unset)'}'. GitLab sets TRIGGER_PAYLOAD only in ` +
          `pipelines started through the trigger API ('trigger'); remove the variable, or start the pipeline through the trigger.`,
      );
    }
    return triggerFromGitLabPayload(options.payloadFile, project, parseProjectPath(project.path, 'CI_PROJECT_PATH'), options.source);
  }
  if (source === 'merge_request_event') return mergeRequestTrigger(env);
  const branch = value(env, 'CI_COMMIT_BRANCH');
  const base: Trigger = {
    kind: 'unknown',
    eventName: source ?? 'unknown',
    repository: parseProjectPath(project.path, 'CI_PROJECT_PATH'),
    isPullRequest: false,
    labels: [],
    actor: value(env, 'GITLAB_USER_LOGIN') ?? '',
    actorIsBot: isGitLabBot(value(env, 'GITLAB_USER_LOGIN')),
    refs: withoutUndefined({ base: branch ?? value(env, 'CI_COMMIT_TAG'), sha: value(env, 'CI_COMMIT_SHA') }),
    inputs: {},
  };
  switch (source) {
    case 'schedule':
      return { ...base, kind: 'schedule' };
    case 'web':
    case 'api':
      return { ...base, kind: 'workflow_dispatch' };
    case 'push':
      return withoutUndefined({ ...base, kind: 'push', body: text(value(env, 'CI_COMMIT_MESSAGE')) });
    case 'trigger':
    case 'pipeline':
      // GITLAB_USER_LOGIN is the trigger token's owner (or the upstream pipeline's user), not whoever
      // posted to the trigger URL: nobody vouches for this run, so it names no actor and runs untrusted.
      return { ...base, actor: '', actorIsBot: false };
    default:
      return base;
  }
}

/**
 * A merge request pipeline. Its project is the merge request's (CI_MERGE_REQUEST_PROJECT_PATH), where its
 * IID and notes live, also when a fork's pipeline runs in the fork. No variable names the merge request's
 * author: `author` stays unset (the gate then runs untrusted) until the host reads it (`mergeRequestFields`).
 */
function mergeRequestTrigger(env: GitLabEnv): Trigger {
  const iidText = required(env, 'CI_MERGE_REQUEST_IID');
  const iid = positiveInteger(Number(iidText));
  if (iid === undefined || !/^\d+$/.test(iidText)) {
    throw new TriggerError(
      `CI_MERGE_REQUEST_IID is '${iidText}', not a merge request number. GitLab sets it in merge request pipelines; do not override it.`,
    );
  }
  const path = value(env, 'CI_MERGE_REQUEST_PROJECT_PATH') ?? required(env, 'CI_PROJECT_PATH');
  const targetProject = value(env, 'CI_MERGE_REQUEST_PROJECT_ID');
  const sourceProject = value(env, 'CI_MERGE_REQUEST_SOURCE_PROJECT_ID');
  const projectUrl = value(env, 'CI_MERGE_REQUEST_PROJECT_URL');
  const actor = value(env, 'GITLAB_USER_LOGIN') ?? '';
  let body = text(value(env, 'CI_MERGE_REQUEST_DESCRIPTION'));
  if (body !== undefined && value(env, 'CI_MERGE_REQUEST_DESCRIPTION_IS_TRUNCATED') === 'true') {
    body += '\n[… description cut by GitLab (CI_MERGE_REQUEST_DESCRIPTION holds its first 2700 characters)]';
  }
  return withoutUndefined({
    kind: 'pull_request',
    eventName: 'merge_request_event',
    repository: parseProjectPath(path, value(env, 'CI_MERGE_REQUEST_PROJECT_PATH') ? 'CI_MERGE_REQUEST_PROJECT_PATH' : 'CI_PROJECT_PATH'),
    number: iid,
    isPullRequest: true,
    title: text(value(env, 'CI_MERGE_REQUEST_TITLE')),
    body,
    labels: (value(env, 'CI_MERGE_REQUEST_LABELS') ?? '').split(',').filter((label) => label !== ''),
    url: projectUrl === undefined ? undefined : `${projectUrl}/-/merge_requests/${iid}`,
    actor,
    actorIsBot: isGitLabBot(actor),
    refs: withoutUndefined({
      base: value(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
      head: value(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME'),
      // Set in merged results pipelines only, where CI_COMMIT_SHA is a merge commit GitLab made.
      sha: value(env, 'CI_MERGE_REQUEST_SOURCE_BRANCH_SHA') ?? value(env, 'CI_COMMIT_SHA'),
      // Until the host reads the merge request's own start_sha (records.ts): the target's head when GitLab
      // says it (merged results pipelines), else the merge base, which the author picks.
      baseSha: value(env, 'CI_MERGE_REQUEST_TARGET_BRANCH_SHA') ?? value(env, 'CI_MERGE_REQUEST_DIFF_BASE_SHA'),
      // When in doubt it is a fork: its author controls the head.
      fromFork: targetProject === undefined || sourceProject !== targetProject,
    }),
    inputs: {},
  });
}

/** `group/subgroup/project` → owner `group/subgroup`, name `project`. */
export function parseProjectPath(path: string, variable: string): Trigger['repository'] {
  const match = /^([\w.-]+(?:\/[\w.-]+)*)\/([\w.-]+)$/.exec(path.trim());
  if (!match?.[1] || !match[2]) {
    throw new TriggerError(`Invalid ${variable} '${path}'. Expected a project path such as group/project or group/subgroup/project.`);
  }
  return { owner: match[1], name: match[2] };
}

/** A variable's value; GitLab leaves unset variables empty in some contexts, so '' reads as unset. */
function value(env: GitLabEnv, name: string): string | undefined {
  const found = env[name];
  return found === undefined || found === '' ? undefined : found;
}

function required(env: GitLabEnv, name: string): string {
  const found = value(env, name);
  if (found === undefined) {
    throw new TriggerError(`${name} is not set. GitLab sets it in every CI job; run flue-action inside a GitLab CI job, or set it for a local test.`);
  }
  return found;
}
