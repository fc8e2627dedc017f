/**
 * GitLab's REST answers for a note, an issue and a merge request, checked before a word of them is used,
 * and turned into Trigger fields. These are what a webhook payload is re-read from (verify.ts) and what
 * the GitLab host completes a merge request pipeline's Trigger with.
 */
import * as v from 'valibot';
import { TriggerError } from '../../errors.js';
import { object, text, withoutUndefined } from '../payload.js';
import type { Trigger, TriggerComment } from '../types.js';
import { isGitLabBot } from './bots.js';
import { diffPosition, gitLabLabels } from './webhook.js';

/** What the re-read needs from GitLab's REST API; the GitLab host's API client implements it. Each returns the raw JSON object GitLab answers, or throws (a 404 is an error that names what was not found). */
export interface GitLabRecords {
  /** GET /projects/:id/issues/:iid */
  issue(iid: number): Promise<unknown>;
  /** GET /projects/:id/merge_requests/:iid */
  mergeRequest(iid: number): Promise<unknown>;
  /** GET /projects/:id/(issues|merge_requests)/:iid/notes/:note_id */
  note(noteable: 'issue' | 'merge_request', iid: number, noteId: number): Promise<unknown>;
}

const id = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
const user = v.looseObject({ username: v.pipe(v.string(), v.minLength(1)), bot: v.optional(v.boolean()) });
const labels = v.array(v.union([v.string(), v.looseObject({ name: v.string() })]));
const sha = v.optional(v.nullable(v.string()));

const issueRecord = v.looseObject({
  id,
  iid: id,
  title: v.string(),
  description: v.nullish(v.string()),
  author: user,
  labels,
  state: v.string(),
  web_url: v.optional(v.string()),
});

const mergeRequestRecord = v.looseObject({
  ...issueRecord.entries,
  source_branch: v.string(),
  target_branch: v.string(),
  source_project_id: id,
  target_project_id: id,
  sha,
  diff_refs: v.nullish(v.looseObject({ base_sha: sha, head_sha: sha, start_sha: sha })),
});

const noteRecord = v.looseObject({
  id,
  body: v.string(),
  author: user,
  system: v.boolean(),
  noteable_type: v.string(),
  noteable_id: v.nullish(v.number()),
  noteable_iid: v.nullish(v.number()),
  position: v.nullish(v.looseObject({})),
  internal: v.nullish(v.boolean()),
  confidential: v.nullish(v.boolean()),
});

export type IssueRecord = v.InferOutput<typeof issueRecord>;
export type MergeRequestRecord = v.InferOutput<typeof mergeRequestRecord>;
export type NoteRecord = v.InferOutput<typeof noteRecord>;

/** `what` names the API record in errors: `merge request !12 (GET /projects/:id/merge_requests/12)`. */
export function readIssueRecord(value: unknown, what: string): IssueRecord {
  return check(issueRecord, value, what);
}

export function readMergeRequestRecord(value: unknown, what: string): MergeRequestRecord {
  return check(mergeRequestRecord, value, what);
}

export function readNoteRecord(value: unknown, what: string): NoteRecord {
  return check(noteRecord, value, what);
}

/** The Trigger fields of an issue, as the REST API answers it (`GET /projects/:id/issues/:iid`). */
export function issueFields(raw: unknown, what = 'issue'): Partial<Trigger> {
  return issueRecordFields(readIssueRecord(raw, what));
}

/** issueFields of an answer already checked. */
export function issueRecordFields(issue: IssueRecord): Partial<Trigger> {
  return withoutUndefined({
    number: issue.iid,
    isPullRequest: false,
    title: text(issue.title),
    body: text(issue.description ?? undefined),
    labels: gitLabLabels(issue.labels),
    url: issue.web_url,
    author: issue.author.username,
  });
}

/**
 * The Trigger fields of a merge request, as the REST API answers it (`GET /projects/:id/merge_requests/:iid`):
 * number, title, description, labels, author, and the refs from `diff_refs`. A merge request whose source
 * project is not its target project comes from a fork.
 *
 * The base commit (where the definitions are read from) is `start_sha`, the target branch's head the diff
 * was made against, as GitHub's `base.sha` is the base branch's. Not `base_sha`: that is the merge base,
 * which the author picks by branching from any old commit of the target, and with it which of the
 * agent's past definitions reviews their change (one from before writers tightened it).
 */
export function mergeRequestFields(raw: unknown, what = 'merge request'): Partial<Trigger> {
  return mergeRequestRecordFields(readMergeRequestRecord(raw, what));
}

/** mergeRequestFields of an answer already checked. */
export function mergeRequestRecordFields(mr: MergeRequestRecord): Partial<Trigger> {
  return {
    ...issueRecordFields(mr),
    isPullRequest: true,
    refs: withoutUndefined({
      base: mr.target_branch,
      head: mr.source_branch,
      sha: mr.diff_refs?.head_sha ?? mr.sha ?? undefined,
      baseSha: mr.diff_refs?.start_sha ?? mr.diff_refs?.base_sha ?? undefined,
      fromFork: mr.source_project_id !== mr.target_project_id,
    }),
  };
}

/** The triggering comment, from the note as the REST API answers it. */
export function noteComment(note: NoteRecord, subjectUrl: string | undefined): TriggerComment {
  return withoutUndefined({
    id: note.id,
    body: text(note.body) ?? '',
    author: note.author.username,
    authorIsBot: isGitLabBot(note.author),
    url: subjectUrl === undefined ? undefined : `${subjectUrl}#note_${note.id}`,
    ...diffPosition(note.position),
  });
}

function check<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  if (object(value) === undefined) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new TriggerError(`GitLab API ${what}: unexpected answer, expected a JSON object, got ${got}. Is CI_API_V4_URL a GitLab API?`);
  }
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
    return issue.input === undefined ? `'${path}' is missing` : `'${path}': ${issue.message}`;
  });
  const unique = [...new Set(problems)];
  const more = unique.length > 5 ? ` (and ${unique.length - 5} more)` : '';
  throw new TriggerError(`GitLab API ${what}: unexpected answer, ${unique.slice(0, 5).join('; ')}${more}. Is CI_API_V4_URL a GitLab API?`);
}
