/**
 * Safe outputs as GitHub REST calls. Each output reaching here already passed the agent's policy
 * and sanitizing; this file only maps it onto the API, and onto what the API will accept.
 */
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { capBody } from '../../publish/sanitize.js';
import type { ProposedOutput, ReviewComment } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';
import type { RepoApi } from './api.js';
import { bodyWithOutsideComments, diffLines, placeComments } from './diff.js';
import { markedBody } from './markers.js';

export async function applyGitHubOutput(
  api: RepoApi,
  output: ProposedOutput,
  trigger: Trigger,
  warn: (message: string) => void,
): Promise<AppliedOutput> {
  const number = trigger.number;
  if (number === undefined) {
    throw new FlueError(
      `${output.kind}: event '${trigger.eventName}' names no issue or pull request, so there is nothing to post on. ` +
        `Run the agent on an issue, pull request or comment event, or remove ${output.kind} from its outputs.`,
    );
  }
  const { isPullRequest } = trigger;
  switch (output.kind) {
    case 'add_comment': {
      const comment = await api.createComment(number, isPullRequest, markedBody(output.body));
      return { url: comment.html_url };
    }
    case 'add_labels':
      await api.addLabels(number, isPullRequest, output.labels);
      return {};
    case 'remove_labels':
      // One call per label: the API has no bulk removal (PUT would replace every other label too).
      for (const label of output.labels) await api.removeLabel(number, isPullRequest, label);
      return {};
    case 'submit_review':
      return submitReview(api, number, output, trigger, warn);
  }
}

async function submitReview(
  api: RepoApi,
  number: number,
  output: Extract<ProposedOutput, { kind: 'submit_review' }>,
  trigger: Trigger,
  warn: (message: string) => void,
): Promise<AppliedOutput> {
  const { inline, outside } = output.comments.length > 0
    ? placeComments(output.comments, diffLines(await api.listPullFiles(number)))
    : { inline: [], outside: [] };
  const note = outside.length > 0 ? movedCommentsNote(outside) : undefined;
  if (note !== undefined) warn(`submit_review on #${number}: ${note}`);
  const body = markedBody(capBody(bodyWithOutsideComments(output.body, outside), LIMITS.commentChars));
  const review = await api.createReview(number, {
    body,
    event: output.event,
    comments: inline.map((comment) => ({ path: comment.path, line: comment.line, side: 'RIGHT', body: comment.body })),
    ...(trigger.refs.sha ? { commit_id: trigger.refs.sha } : {}),
  });
  return note === undefined ? { url: review.html_url } : { url: review.html_url, note };
}

/** Said in the job log and recorded in the session log: the review as posted differs from the one proposed. */
function movedCommentsNote(outside: readonly ReviewComment[]): string {
  const where = outside.map((comment) => `${comment.path}:${comment.line}`).join(', ');
  const count = outside.length === 1 ? '1 inline comment' : `${outside.length} inline comments`;
  return `${count} on lines outside the diff (${where}) moved into the review body.`;
}
