/**
 * Safe outputs as GitLab REST calls. Each output reaching here already passed the agent's policy and
 * sanitizing; this file only maps it onto the API: notes on the MR or issue, labels through the MR's or
 * issue's `add_labels` / `remove_labels`, and the review (review.ts). On a re-run (rerun.ts) a note an
 * earlier attempt posted is edited, never posted twice, and only the labels that would change are sent.
 */
import { FlueError } from '../../errors.js';
import type { ProposedOutput } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';
import type { ProjectApi, Thread } from './api.js';
import { noteUrl, type OutputOptions, UPDATED } from './applied.js';
import { markedBody } from '../markers.js';
import { findOwn, type EarlierAttempt } from './rerun.js';
import { createOnce } from '../create-once.js';
import { mayHaveLanded } from './errors.js';
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
      const note = await createOnce(
        {
          create: () => api.createNote(thread, body),
          find: async () => (await findOwn({ ...attempt, rerun: true }, () => api.listNotes(thread, true)))[0],
          mayHaveLanded,
        },
        api.client.resendWaitsMs,
      );
      return noteUrl(trigger, note.id);
    }
    case 'add_labels': {
      // A re-run asks only for what the thread lacks now: adding a label it has is a no-op, but still a write.
      const labels = attempt.rerun ? splitLabels(output.labels, await currentLabels(api, thread)).missing : output.labels;
      if (labels.length > 0) await api.editLabels(thread, { add_labels: labels });
      return {};
    }
    case 'remove_labels': {
      const labels = attempt.rerun ? splitLabels(output.labels, await currentLabels(api, thread)).present : output.labels;
      if (labels.length > 0) await api.editLabels(thread, { remove_labels: labels });
      return {};
    }
    case 'submit_review':
      if (!thread.isMergeRequest) {
        throw new FlueError(
          `submit_review: event '${trigger.eventName}' is about issue #${iid}, and a review needs a merge request. ` +
            "Remove submit_review from the agent's outputs, or run it on merge request events.",
        );
      }
      return submitReview(api, iid, output, trigger, attempt, options);
    case 'propose_change':
      // host.ts sends a change set to change.ts, with the pipeline id its branch is named by.
      throw new FlueError('propose_change: internal error: a change set reached the note and label outputs');
  }
}

/** The thread's labels now, as GitLab answers the issue or merge request. */
async function currentLabels(api: ProjectApi, thread: Thread): Promise<string[]> {
  // Fresh: the merge request read at the start of the run shows the labels as they were then.
  const record = (thread.isMergeRequest ? await api.getMergeRequest(thread.iid, true) : await api.getIssue(thread.iid)) as { labels?: unknown };
  const labels = Array.isArray(record.labels) ? record.labels : [];
  return labels.flatMap((label) => (typeof label === 'string' ? [label] : isNamed(label) ? [label.name] : []));
}

function isNamed(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** The labels of `wanted` the thread has (`present`) or lacks (`missing`), compared as GitLab does: without case. */
function splitLabels(wanted: readonly string[], current: readonly string[]): { present: string[]; missing: string[] } {
  const have = new Set(current.map((label) => label.toLowerCase()));
  return { present: wanted.filter((label) => have.has(label.toLowerCase())), missing: wanted.filter((label) => !have.has(label.toLowerCase())) };
}
