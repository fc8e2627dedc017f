/**
 * Safe outputs as GitLab REST calls. Each output reaching here already passed the agent's policy and
 * sanitizing; this file only maps it onto the API: notes on the MR or issue, labels through the MR's or
 * issue's `add_labels` / `remove_labels` (idempotent by nature: GitLab ignores a label already there or
 * already gone), and the review (review.ts). On a re-run (rerun.ts) a note an earlier attempt posted is
 * edited, never posted twice.
 */
import { FlueError } from '../../errors.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';
import type { ProjectApi, Thread } from './api.js';
import { noteUrl, type OutputOptions, UPDATED } from './applied.js';
import { markedBody } from '../markers.js';
import { findOwn, type EarlierAttempt } from './rerun.js';
import { submitReview } from './review.js';

export async function applyGitLabOutput(
  api: ProjectApi,
  output: ProposedOutput,
  trigger: Trigger,
  attempt: EarlierAttempt,
  options: OutputOptions,
): Promise<AppliedOutput> {
  const iid = trigger.number;
  if (iid === undefined) {
    throw new FlueError(
      `${output.kind}: event '${trigger.eventName}' names no issue or merge request, so there is nothing to post on. ` +
        `Run the agent on a merge request pipeline or a note, issue or merge request event, or remove ${output.kind} from its outputs.`,
    );
  }
  const thread: Thread = { iid, isMergeRequest: trigger.isPullRequest };
  switch (output.kind) {
    case 'add_comment': {
      const body = markedBody(output.body, attempt.marker);
      const [earlier] = await findOwn(attempt, () => api.listNotes(thread));
      if (earlier) return { ...noteUrl(trigger, (await api.updateNote(thread, earlier.id, body)).id), note: UPDATED };
      return noteUrl(trigger, (await api.createNote(thread, body)).id);
    }
    case 'add_labels':
      await api.editLabels(thread, { add_labels: output.labels });
      return {};
    case 'remove_labels':
      await api.editLabels(thread, { remove_labels: output.labels });
      return {};
    case 'submit_review':
      if (!thread.isMergeRequest) {
        throw new FlueError(
          `submit_review: event '${trigger.eventName}' is about issue #${iid}, and a review needs a merge request. ` +
            "Remove submit_review from the agent's outputs, or run it on merge request events.",
        );
      }
      return submitReview(api, iid, output, trigger, attempt, options);
  }
}
