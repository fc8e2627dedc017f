/**
 * A GitLab webhook payload (Note, Issue or Merge Request Hook) that reached the job through the
 * pipeline trigger API (`TRIGGER_PAYLOAD`) into a Trigger. Anyone holding the trigger URL can post any
 * JSON there, so what this reads is only a claim: it says which note, issue or merge request to look
 * at, and verify.ts re-reads every word of it through the API before the gate or the model sees it.
 * What is checked here is what the API cannot check: that the payload is about this project.
 */
import { TriggerError } from '../../errors.js';
import { field, object, positiveInteger, string, text, withoutUndefined, type JsonObject } from '../payload.js';
import type { Trigger, TriggerComment } from '../types.js';
import { isGitLabBot } from './bots.js';

/** An event flue-action does not act on (a note on a commit, a system note, a wiki page): a skip to report, not a failure. */
export class UnsupportedGitLabEventError extends TriggerError {
  override name = 'UnsupportedGitLabEventError';
}

/** The project the job runs in, from CI_PROJECT_ID and CI_PROJECT_PATH. */
export interface GitLabProject {
  id?: string;
  path: string;
}

/** The `eventName` of each Trigger read from a payload: GitLab's `object_kind`. */
export const PAYLOAD_EVENTS = ['note', 'issue', 'merge_request'] as const;

const SUPPORTED = 'Note Hook (comments on issues and merge requests), Issue Hook and Merge Request Hook';

/** Actions GitLab documents for each hook; anything else in a payload is dropped rather than shown. */
const ACTIONS: Readonly<Record<string, readonly string[]>> = {
  note: ['create', 'update'],
  issue: ['open', 'close', 'reopen', 'update'],
  merge_request: ['open', 'close', 'reopen', 'update', 'approved', 'unapproved', 'approval', 'unapproval', 'merge'],
};

/** The unverified Trigger a webhook payload claims. `text` is the payload file's content. */
export function triggerFromGitLabPayload(text: string, project: GitLabProject, repository: Trigger['repository'], source: string): Trigger {
  const event = parsePayload(text, source);
  const kind = string(field(event, 'object_kind'));
  if (kind !== 'note' && kind !== 'issue' && kind !== 'merge_request') {
    throw new UnsupportedGitLabEventError(
      `${source}: a GitLab webhook with object_kind '${kind ?? '(none)'}' is not supported; flue-action answers ${SUPPORTED}. ` +
        `Send only those events to the pipeline trigger.`,
    );
  }
  checkProject(event, project, source);
  const attributes = need(event, 'object_attributes', source);
  const user = field(event, 'user');
  const action = string(field(attributes, 'action'));
  const base: Trigger = {
    kind: 'issue',
    eventName: kind,
    action: action !== undefined && ACTIONS[kind]?.includes(action) ? action : undefined,
    repository,
    isPullRequest: false,
    labels: [],
    actor: string(field(object(user), 'username')) ?? '',
    actorIsBot: isGitLabBot(user),
    refs: {},
    inputs: {},
  };
  if (kind === 'issue') return withoutUndefined({ ...base, ...claimedIssue(attributes) });
  if (kind === 'merge_request') return withoutUndefined({ ...base, kind: 'pull_request', ...claimedMergeRequest(attributes) });
  return withoutUndefined({ ...base, ...noteFields(event, attributes, user, source) });
}

function parsePayload(text: string, source: string): JsonObject {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new TriggerError(`${source}: not valid JSON (${(error as Error).message}). It should hold the webhook GitLab sent to the pipeline trigger.`);
  }
  const event = object(payload);
  if (event === undefined) {
    const got = payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload;
    throw new TriggerError(`${source}: expected a JSON object (a GitLab webhook payload), got ${got}.`);
  }
  return event;
}

/**
 * A payload about another project is refused: its numbers name another project's issues, and here they
 * would be read as this one's. Either a webhook of another project points at this trigger, or someone forged it.
 */
function checkProject(event: JsonObject, project: GitLabProject, source: string): void {
  const claimed = object(field(event, 'project'));
  const id = field(claimed, 'id') ?? field(event, 'project_id');
  const path = string(field(claimed, 'path_with_namespace'));
  const idMatches = project.id === undefined || (typeof id === 'number' && String(id) === project.id);
  // GitLab routes paths case-insensitively: `Group/App` and `group/app` are one project.
  const pathMatches = path !== undefined && path.toLowerCase() === project.path.toLowerCase();
  if (idMatches && pathMatches) return;
  const named = `${path ?? '(no project.path_with_namespace)'} (id ${typeof id === 'number' ? id : 'missing'})`;
  throw new TriggerError(
    `${source}: the webhook is about project ${named}, but this job runs in ${project.path}` +
      `${project.id === undefined ? '' : ` (id ${project.id})`}. Refused: point only this project's webhook at its pipeline trigger ` +
      `(a payload naming another project is misrouted or forged).`,
  );
}

function need(event: JsonObject, name: string, source: string): JsonObject {
  const value = object(field(event, name));
  if (value === undefined) {
    throw new TriggerError(
      `${source}: the '${string(field(event, 'object_kind'))}' webhook needs field '${name}' (an object), which is missing. Give the payload GitLab sent.`,
    );
  }
  return value;
}

function noteFields(event: JsonObject, note: JsonObject, user: unknown, source: string): Partial<Trigger> {
  const noteable = string(field(note, 'noteable_type'));
  if (noteable !== 'MergeRequest' && noteable !== 'Issue') {
    throw new UnsupportedGitLabEventError(
      `${source}: a note on a ${noteable ?? '(no noteable_type)'} is not supported; flue-action answers notes on issues and merge requests.`,
    );
  }
  if (field(note, 'system') === true) {
    throw new UnsupportedGitLabEventError(
      `${source}: note ${positiveInteger(field(note, 'id')) ?? ''} is a system note (GitLab wrote it); system notes never start a run.`,
    );
  }
  const subject = noteable === 'MergeRequest' ? claimedMergeRequest(need(event, 'merge_request', source)) : claimedIssue(need(event, 'issue', source));
  const comment: TriggerComment = withoutUndefined({
    id: positiveInteger(field(note, 'id')) ?? 0,
    body: text(field(note, 'note')) ?? '',
    author: string(field(object(user), 'username')) ?? '',
    authorIsBot: isGitLabBot(user),
    url: string(field(note, 'url')),
    ...diffPosition(field(note, 'position')),
  });
  return { ...subject, kind: 'issue_comment', comment };
}

/** What a payload claims of an issue: fields shared by the Issue Hook's `object_attributes` and a note's `issue`. */
function claimedIssue(issue: JsonObject): Partial<Trigger> {
  return {
    number: positiveInteger(field(issue, 'iid')),
    title: text(field(issue, 'title')),
    body: text(field(issue, 'description')),
    labels: gitLabLabels(field(issue, 'labels')),
    url: string(field(issue, 'url')),
  };
}

function claimedMergeRequest(mr: JsonObject): Partial<Trigger> {
  const source = field(mr, 'source_project_id');
  const target = field(mr, 'target_project_id');
  return {
    ...claimedIssue(mr),
    isPullRequest: true,
    refs: withoutUndefined({
      base: string(field(mr, 'target_branch')),
      head: string(field(mr, 'source_branch')),
      sha: string(field(object(field(mr, 'last_commit')), 'id')),
      // When in doubt it is a fork.
      fromFork: typeof source !== 'number' || source !== target,
    }),
  };
}

/** Label titles from `[{ title }]` (webhooks) or `["title"]` (the REST API). */
export function gitLabLabels(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const entry of value) {
    const name = typeof entry === 'string' ? entry : (string(field(object(entry), 'title')) ?? string(field(object(entry), 'name')));
    if (name !== undefined && name !== '') names.push(name);
  }
  return names;
}

/** File and line of a diff note: the new side when the line exists there, else the old side. */
export function diffPosition(value: unknown): Pick<TriggerComment, 'path' | 'line'> {
  const position = object(value);
  const newLine = positiveInteger(field(position, 'new_line'));
  if (newLine !== undefined) return withoutUndefined({ path: string(field(position, 'new_path')), line: newLine });
  const oldLine = positiveInteger(field(position, 'old_line'));
  return withoutUndefined({ path: string(field(position, 'old_path')) ?? string(field(position, 'new_path')), line: oldLine });
}
