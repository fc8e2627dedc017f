/**
 * `propose_change` with `on-pull-request: suggestions` on a merge request event: one review, as review.ts
 * posts one. Each suggestion is a draft note positioned (from the MR's `diff_refs`) on the first line it
 * replaces, holding ```` ```suggestion:-0+N ```` (GitLab's multi-line syntax: this line and N below, at most
 * 100), the drafts published together, then the change's title and body as the review's note. Nothing is
 * committed, so a fork's merge request takes them too. The old side of every file is the file on the head
 * commit (GET repository/files/:path/raw) once checkOnHead found the checkout's the same. All or nothing:
 * a file suggestions cannot express, a line off the diff, or a position GitLab refuses (400; the drafts
 * made so far are deleted) refuses the whole change set, nothing published. A retried job edits its body
 * note, posts the body alone after drafts an earlier attempt published, and deletes drafts one left pending.
 */
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import { checkOnHead, suggestionTarget } from '../change-target.js';
import { createOnce } from '../create-once.js';
import type { AppliedOutput } from '../host.js';
import { markedBody } from '../markers.js';
import {
  type FileVersions,
  offTheDiff,
  planSuggestions,
  type Suggestion,
  suggestionBlock,
  suggestionsRefused,
  suggestionsReviewBody,
  unsuggestable,
  where,
} from '../suggestions.js';
import type { DiffPosition, ProjectApi, Thread } from './api.js';
import { noteUrl, UPDATED } from './applied.js';
import { blobsOn, WORDS } from './change.js';
import { diffLines, placeComments } from './diff.js';
import { mayHaveLanded, statusOf } from './errors.js';
import { findOwn, type EarlierAttempt } from './rerun.js';
import { deleteStaleDrafts } from './review.js';

type Change = Extract<ProposedOutput, { kind: 'propose_change' }>;

/** Lines below the commented one a GitLab suggestion may replace (its docs: 100 above and 100 below). */
const MOST_LINES_BELOW = 100;

export async function suggestGitLabChange(api: ProjectApi, output: Change, trigger: Trigger, attempt: EarlierAttempt): Promise<AppliedOutput> {
  const iid = trigger.number;
  if (iid === undefined) throw new FlueError('propose_change: internal error: suggestions reached an event without a merge request');
  const target = suggestionTarget(trigger, WORDS);
  const kinds = unsuggestable(output.changes.files);
  if (kinds.length > 0) throw suggestionsRefused(target.request, WORDS, kinds);
  await checkOnHead(output.changes, target, WORDS, (commit, paths) => blobsOn(api, commit, paths));
  const thread: Thread = { iid, isMergeRequest: true };
  const body = markedBody(suggestionsReviewBody(output), attempt.marker);
  const earlier = await findOwn(attempt, () => api.listNotes(thread));
  const bodyNote = earlier.find((note) => note.type !== 'DiffNote');
  if (bodyNote) {
    const updated = await api.updateNote(thread, bodyNote.id, body);
    return { ...noteUrl(trigger, updated.id), note: `${UPDATED} Its suggestions are the earlier attempt's.` };
  }
  let note = '';
  if (earlier.length > 0) note = 'An earlier attempt of this pipeline had published the suggestions: only the review body was posted.';
  else {
    if (attempt.rerun && attempt.marker !== undefined) await deleteStaleDrafts(api, iid, attempt.marker);
    const count = await publishSuggestions(api, iid, output, target.parent, target.request, attempt.marker);
    note = `Posted as ${count} suggestion${count === 1 ? '' : 's'} in one review.`;
  }
  const posted = await createOnce(
    {
      create: () => api.createNote(thread, body),
      find: async () => (await findOwn({ ...attempt, rerun: true }, () => api.listNotes(thread, true))).find((found) => found.type !== 'DiffNote'),
      mayHaveLanded,
    },
    api.client.resendWaitsMs,
  );
  return { ...noteUrl(trigger, posted.id), note };
}

/** Every suggestion as a draft note, then all published together; the number of them. Nothing stays published or pending on a refusal. */
async function publishSuggestions(
  api: ProjectApi,
  iid: number,
  output: Change,
  head: string,
  request: string,
  marker: string | undefined,
): Promise<number> {
  const { suggestions, problems } = planSuggestions(await versions(api, output, head));
  const mr = await api.getMergeRequest(iid);
  // GitLab leaves diff_refs null while it still computes the diff: no position can be named then.
  if (mr.diff_refs === null) throw suggestionsRefused(request, WORDS, ['GitLab has not computed the diff yet (its diff_refs are null)']);
  const refs = mr.diff_refs;
  const shown = diffLines(await api.listDiffs(iid));
  problems.push(...offTheDiff(suggestions, (path, line) => shown.get(path)?.lines.has(line) ?? false));
  problems.push(...suggestions.filter((suggestion) => suggestion.end - suggestion.start > MOST_LINES_BELOW).map(tooLong));
  problems.push(...suggestions.flatMap(quickActions));
  if (problems.length > 0) throw suggestionsRefused(request, WORDS, problems);
  const drafts: number[] = [];
  for (const suggestion of suggestions) {
    const [placed] = placeComments([{ path: suggestion.path, line: suggestion.start, body: '' }], shown, refs).inline;
    const position: DiffPosition | undefined = placed?.position;
    const text = markedBody(suggestionBlock(suggestion.lines, `:-0+${suggestion.end - suggestion.start}`), marker);
    try {
      if (position === undefined) throw new FlueError(`propose_change: internal error: ${where(suggestion)} was on the diff, then not`);
      drafts.push((await api.createDraftNote(iid, text, position)).id);
    } catch (error) {
      // Pending drafts are the token's user's alone, but the next review it publishes would carry them: they go.
      for (const id of drafts) await api.deleteDraftNote(iid, id);
      if (statusOf(error) !== 400) throw error;
      throw suggestionsRefused(request, WORDS, [`GitLab refused a note on ${where(suggestion)} (${(error as Error).message})`]);
    }
  }
  await api.publishDraftNotes(iid);
  return suggestions.length;
}

const tooLong = (suggestion: Suggestion): string =>
  `${where(suggestion)} replaces more than ${MOST_LINES_BELOW + 1} lines, which one GitLab suggestion cannot`;

/**
 * A line GitLab's quick action extractor could run: after it deletes every `\r`, `/` and a name at the start
 * of a line. Its code blocks end at the first line that is exactly ```` ``` ````, not at the longer fence a
 * suggestion holding one gets, so inside a suggestion such a line is no safer than in prose: the runner's
 * token would `/merge` or `/approve` when the drafts are published. The sanitizer shifts such a line one space
 * right (src/markdown/quick-actions.ts), which a suggestion would apply to the file: it is refused instead.
 */
const QUICK_ACTION = /^\/\w/;

const quickActions = (suggestion: Suggestion): string[] => {
  const commands = suggestion.lines.map((line) => line.replaceAll('\r', '')).filter((line) => QUICK_ACTION.test(line));
  if (commands.length === 0) return [];
  const named = commands.map((line) => line.split(/\s/)[0]).join(', ');
  return [`${where(suggestion)} holds a line GitLab reads as a quick action (${named}), which a suggestion cannot carry unchanged`];
};

/** Each file's content on the head commit and the agent's. */
async function versions(api: ProjectApi, output: Change, head: string): Promise<FileVersions[]> {
  const files: FileVersions[] = [];
  for (const file of output.changes.files) {
    const old = await api.rawFile(head, file.path, LIMITS.changeSetBytes);
    if (old === undefined) throw new FlueError(`propose_change: ${file.path} on the head commit ${head} is larger than a change set may be`);
    files.push({ path: file.path, old, next: Buffer.from(file.content ?? '', 'base64') });
  }
  return files;
}
