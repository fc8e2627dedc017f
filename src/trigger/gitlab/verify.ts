/**
 * The re-read of a forgeable webhook. Anyone holding a pipeline trigger URL can post any JSON as
 * TRIGGER_PAYLOAD: a note "by a maintainer" saying `@flue`, an issue "edited by the owner". So a
 * Trigger read from a payload keeps only the numbers it names (which note, which issue or merge
 * request) and the kind of event; everything the gate and the model read (bodies, titles, labels,
 * authors, refs, the fork flag) is read again from the API, and nothing of the payload's text survives.
 */
import { TriggerError } from '../../errors.js';
import { withoutUndefined } from '../payload.js';
import type { Trigger } from '../types.js';
import { isGitLabBot } from './bots.js';
import {
  issueRecordFields,
  mergeRequestRecordFields,
  noteComment,
  readIssueRecord,
  readMergeRequestRecord,
  readNoteRecord,
  type GitLabRecords,
  type IssueRecord,
  type NoteRecord,
} from './records.js';
import { PAYLOAD_EVENTS, UnsupportedGitLabEventError } from './webhook.js';

/** True for a Trigger read from a webhook payload, which verifyGitLabPayloadTrigger must re-read. */
export function isGitLabPayloadTrigger(trigger: Trigger): boolean {
  return (PAYLOAD_EVENTS as readonly string[]).includes(trigger.eventName);
}

/**
 * The payload's Trigger with every word re-read through `records`; any other Trigger (GitLab's own CI
 * variables) is returned as it is.
 *
 * The actor comes from what was re-read, never from the payload's `user`:
 * - a note's actor is the note's author (only they can write or edit it);
 * - an issue or merge request event's actor cannot be verified (the API keeps no record of who caused a
 *   webhook), so it is the author of the issue or merge request. A forged `user` then cannot raise trust:
 *   a stranger's issue "labeled by a maintainer" has the stranger as its actor, so trust-author-text,
 *   which needs a writer to have caused the event, never applies to it.
 *
 * What stays of the payload: the kind of event and its action (one of the values GitLab documents, see
 * webhook.ts), and the numbers naming what to re-read, which the API answers must match.
 */
export async function verifyGitLabPayloadTrigger(trigger: Trigger, records: GitLabRecords): Promise<Trigger> {
  if (!isGitLabPayloadTrigger(trigger)) return trigger;
  const iid = trigger.number;
  if (iid === undefined) {
    throw new TriggerError(
      `The '${trigger.eventName}' webhook names no issue or merge request (iid), so there is nothing to re-read and nothing to answer.`,
    );
  }
  const noteable = trigger.isPullRequest ? 'merge_request' : 'issue';
  const subjectName = trigger.isPullRequest ? `merge request !${iid}` : `issue #${iid}`;
  const subjectPath = `GET /projects/:id/${noteable}s/${iid}`;
  const what = `${subjectName} (${subjectPath})`;
  let record: IssueRecord;
  let subject: Partial<Trigger>;
  if (trigger.isPullRequest) {
    const mr = readMergeRequestRecord(await records.mergeRequest(iid), what);
    [record, subject] = [mr, mergeRequestRecordFields(mr)];
  } else {
    const issue = readIssueRecord(await records.issue(iid), what);
    [record, subject] = [issue, issueRecordFields(issue)];
  }
  checkIid(record, iid, what);
  const verified: Trigger = {
    kind: trigger.kind,
    eventName: trigger.eventName,
    action: trigger.action,
    repository: trigger.repository,
    isPullRequest: trigger.isPullRequest,
    labels: [],
    refs: {},
    ...subject,
    actor: record.author.username,
    actorIsBot: isGitLabBot(record.author),
    inputs: trigger.inputs,
  };
  if (trigger.eventName !== 'note') return withoutUndefined(verified);
  const noteId = trigger.comment?.id;
  if (noteId === undefined || noteId <= 0) {
    throw new TriggerError('The note webhook names no note id (object_attributes.id), so the note cannot be re-read.');
  }
  const notePath = `note ${noteId} on ${subjectName} (${subjectPath}/notes/${noteId})`;
  const note = readNoteRecord(await records.note(noteable, iid, noteId), notePath);
  checkNoteable(note, trigger.isPullRequest, record, notePath);
  if (note.system) {
    throw new UnsupportedGitLabEventError(`GitLab API ${notePath}: a system note (GitLab wrote it); system notes never start a run.`);
  }
  // The answer would be a note anyone who sees the thread reads: an internal note's words must not be quoted there.
  if (note.internal === true || note.confidential === true) {
    throw new UnsupportedGitLabEventError(
      `GitLab API ${notePath}: an internal note. flue-action answers only public notes: its answer, a public note, could quote it.`,
    );
  }
  const comment = noteComment(note, subject.url);
  return withoutUndefined({ ...verified, actor: comment.author, actorIsBot: comment.authorIsBot, comment });
}

/** The API answered for the iid it was asked about: a client or proxy mixing answers up must not go unnoticed. */
function checkIid(record: IssueRecord, iid: number, what: string): void {
  if (record.iid === iid) return;
  throw new TriggerError(`GitLab API ${what}: the answer is about iid ${record.iid}, not ${iid}.`);
}

/**
 * The note must be on the issue or merge request the payload named: a note id alone could be anyone's.
 * GitLab before 11.x answers no `noteable_iid`; then the noteable's global `id` must be the record's.
 */
function checkNoteable(note: NoteRecord, isPullRequest: boolean, record: IssueRecord, what: string): void {
  const wanted = isPullRequest ? 'MergeRequest' : 'Issue';
  const same = note.noteable_iid === undefined || note.noteable_iid === null ? note.noteable_id === record.id : note.noteable_iid === record.iid;
  if (note.noteable_type === wanted && same) return;
  throw new TriggerError(
    `GitLab API ${what}: the note belongs to ${note.noteable_type} iid ${note.noteable_iid ?? 'unknown'} (id ${note.noteable_id ?? 'unknown'}), ` +
      `not on ${isPullRequest ? 'merge request !' : 'issue #'}${record.iid} as the webhook said. Refused: the payload does not describe a real note.`,
  );
}
