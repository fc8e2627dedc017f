/**
 * `propose_change` with `on-pull-request: suggestions` on a pull request event: one review (event COMMENT)
 * whose body is the change's title and body, and whose inline comments are ```` ```suggestion ```` blocks on the
 * RIGHT side (`start_line` to `line`), which the author applies with a click. Nothing is committed, so a
 * fork's pull request takes them too. The old side of every file is its blob on the head, read by id
 * once checkOnHead found the checkout's the same (GET git/blobs). All or nothing: a file suggestions
 * cannot express, or a line off the pull request's diff, refuses the whole change set before anything
 * is posted (src/hosts/suggestions.ts). A re-run finds its review by the output's marker and updates the
 * body only, as submit_review does: GitHub keeps a submitted review's comments.
 */
import { FlueError } from '../../errors.js';
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
} from '../suggestions.js';
import type { RepoApi } from './api.js';
import { blobsOn, WORDS } from './change.js';
import { diffLines } from './diff.js';
import { mayHaveLanded } from './errors.js';
import { type EarlierAttempt, findOwn } from './rerun.js';

type Change = Extract<ProposedOutput, { kind: 'propose_change' }>;

export async function suggestGitHubChange(api: RepoApi, output: Change, trigger: Trigger, attempt: EarlierAttempt): Promise<AppliedOutput> {
  const number = trigger.number;
  if (number === undefined) throw new FlueError('propose_change: internal error: suggestions reached an event without a pull request');
  const target = suggestionTarget(trigger, WORDS);
  const kinds = unsuggestable(output.changes.files);
  if (kinds.length > 0) throw suggestionsRefused(target.request, WORDS, kinds);
  await checkOnHead(output.changes, target, WORDS, (commit, paths) => blobsOn(api, commit, paths));
  const body = markedBody(suggestionsReviewBody(output), attempt.marker);
  const earlier = await findOwn(attempt, () => api.listReviews(number));
  if (earlier) {
    const review = await api.updateReview(number, earlier.id, body);
    return {
      url: review.html_url,
      note: 'An earlier attempt of this workflow run had posted the suggestions: its review body updated, its suggestions kept.',
    };
  }
  const { suggestions, problems } = planSuggestions(await versions(api, output));
  const shown = diffLines(await api.listPullFiles(number));
  problems.push(...offTheDiff(suggestions, (path, line) => shown.get(path)?.has(line) ?? false));
  if (problems.length > 0) throw suggestionsRefused(target.request, WORDS, problems);
  const review = await createOnce(
    {
      create: () =>
        api.createReview(number, {
          body,
          event: 'COMMENT',
          // Marked like every body the runner posts: each is a review comment event the gate must know as the runner's.
          comments: suggestions.map(comment),
          commit_id: target.parent,
        }),
      find: () => findOwn({ ...attempt, rerun: true }, () => api.listReviews(number)),
      mayHaveLanded,
    },
    api.resendWaitsMs,
  );
  return { url: review.html_url, note: `Posted as ${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'} in one review.` };
}

/** One review comment: a line, or `start_line` to `line`, on the RIGHT side. */
function comment(suggestion: Suggestion) {
  const range = suggestion.start === suggestion.end ? {} : { start_line: suggestion.start, start_side: 'RIGHT' };
  return { path: suggestion.path, line: suggestion.end, side: 'RIGHT', ...range, body: markedBody(suggestionBlock(suggestion.lines)) };
}

/** Each file's content on the head (its blob, by the id the checkout and the head share) and the agent's. */
async function versions(api: RepoApi, output: Change): Promise<FileVersions[]> {
  const files: FileVersions[] = [];
  for (const file of output.changes.files) {
    if (file.blob === undefined) continue;
    const blob = await api.getBlob(file.blob);
    files.push({ path: file.path, old: Buffer.from(blob.content, 'base64'), next: Buffer.from(file.content ?? '', 'base64') });
  }
  return files;
}
