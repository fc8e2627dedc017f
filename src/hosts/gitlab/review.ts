/**
 * One MR review, as GitLab has it: the inline comments as draft notes (positioned on the diff from the
 * MR's `diff_refs`), published together with `bulk_publish`, then the review body as a note, and an
 * approval when the agent approves and the host may. Comments on lines the diff does not show go into
 * the body, as on GitHub. On a re-run, a review whose body note exists is only edited; one whose
 * inline notes were published without the body gets the body alone; drafts an interrupted attempt
 * left pending are deleted first, or `bulk_publish` would publish them a second time.
 */
import { LIMITS } from '../../limits.js';
import { capBody } from '../../publish/sanitize.js';
import { plural } from '../../text/index.js';
import type { ProposedOutput, ReviewComment } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';
import type { ProjectApi, Thread } from './api.js';
import { bodyWithOutsideComments, diffLines, placeComments, type PlacedComments } from './diff.js';
import { statusOf } from './errors.js';
import { markedBody } from '../markers.js';
import { noteUrl, type OutputOptions, UPDATED } from './applied.js';
import { createOnce } from '../create-once.js';
import { mayHaveLanded } from './errors.js';
import { findOwn, type EarlierAttempt } from './rerun.js';

type Review = Extract<ProposedOutput, { kind: 'submit_review' }>;

export async function submitReview(
  api: ProjectApi,
  iid: number,
  output: Review,
  trigger: Trigger,
  attempt: EarlierAttempt,
  options: OutputOptions,
): Promise<AppliedOutput> {
  const thread: Thread = { iid, isMergeRequest: true };
  const earlier = await findOwn(attempt, () => api.listNotes(thread));
  const body = earlier.find((note) => note.type !== 'DiffNote');
  if (body) {
    const updated = await api.updateNote(thread, body.id, markedBody(capBody(output.body, LIMITS.commentChars), attempt.marker));
    const kept =
      output.comments.length > 0 ? ` Its inline comments are the earlier attempt's; this attempt's ${output.comments.length} were not posted.` : '';
    return { ...noteUrl(trigger, updated.id), note: `${UPDATED}${kept}` };
  }
  const notes: string[] = [];
  let outside: ReviewComment[] = [];
  if (earlier.length > 0) notes.push('An earlier attempt of this pipeline had published its inline comments: only the review body was posted.');
  else {
    if (attempt.rerun && attempt.marker !== undefined) await deleteStaleDrafts(api, iid, attempt.marker);
    if (output.comments.length > 0) outside = await publishInline(api, iid, output.comments, attempt.marker);
  }
  if (outside.length > 0) notes.push(movedCommentsNote(outside));
  const summary = markedBody(capBody(bodyWithOutsideComments(output.body, outside), LIMITS.commentChars), attempt.marker);
  const posted = await createOnce(
    {
      create: () => api.createNote(thread, summary),
      find: async () => (await findOwn({ ...attempt, rerun: true }, () => api.listNotes(thread, true))).find((note) => note.type !== 'DiffNote'),
      mayHaveLanded,
    },
    api.client.resendWaitsMs,
  );
  if (output.event === 'APPROVE') notes.push(await approve(api, iid, options));
  if (output.event === 'REQUEST_CHANGES') notes.push('GitLab has no "request changes" verdict through this API: the review was posted as comments.');
  const note = notes.filter((line) => line !== '').join(' ');
  if (outside.length > 0) options.warn(`submit_review on !${iid}: ${movedCommentsNote(outside)}`);
  return note === '' ? noteUrl(trigger, posted.id) : { ...noteUrl(trigger, posted.id), note };
}

/** Posts the inline comments as draft notes and publishes them; returns the comments that could not go inline. */
async function publishInline(api: ProjectApi, iid: number, comments: readonly ReviewComment[], marker: string | undefined): Promise<ReviewComment[]> {
  const mr = await api.getMergeRequest(iid);
  // GitLab leaves diff_refs null while it still computes the diff: no position can be named then.
  if (mr.diff_refs === null) return [...comments];
  const placed: PlacedComments = placeComments(comments, diffLines(await api.listDiffs(iid)), mr.diff_refs);
  const outside = [...placed.outside];
  let drafted = 0;
  for (const { comment, position } of placed.inline) {
    try {
      // Marked like every body the runner posts, with the output's key: a re-run knows the review was published.
      await api.createDraftNote(iid, markedBody(comment.body, marker), position);
      drafted += 1;
    } catch (error) {
      // 400: GitLab refused the position (a line its own diff view does not show); the comment still reaches the author.
      if (statusOf(error) !== 400) throw error;
      outside.push(comment);
    }
  }
  if (drafted > 0) await api.publishDraftNotes(iid);
  return outside;
}

export async function deleteStaleDrafts(api: ProjectApi, iid: number, marker: string): Promise<void> {
  for (const draft of await api.listDraftNotes(iid)) {
    if (draft.note.includes(marker)) await api.deleteDraftNote(iid, draft.id);
  }
}

/** The sentence for the session log; approving is a courtesy the review does not fail over. */
async function approve(api: ProjectApi, iid: number, options: OutputOptions): Promise<string> {
  if (!options.approve) return 'The agent approved; the merge request was not approved in GitLab (approvals are not enabled for flue-action).';
  // The MR as the run read it when it started (read once a run): if its head moved since, GitLab refuses
  // (409) rather than approve commits the agent never saw.
  const mr = await api.getMergeRequest(iid);
  try {
    await api.approve(iid, mr.sha);
    return '';
  } catch (error) {
    const message = `The merge request was not approved: ${(error as Error).message}`;
    options.warn(`submit_review on !${iid}: ${message}`);
    return message;
  }
}

function movedCommentsNote(outside: readonly ReviewComment[]): string {
  const where = outside.map((comment) => `${comment.path}:${comment.line}`).join(', ');
  return `${outside.length} ${plural(outside.length, 'inline comment')} on lines outside the diff (${where}) moved into the review body.`;
}
