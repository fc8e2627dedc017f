/**
 * Safe outputs as GitHub REST calls. Each output reaching here already passed the agent's policy
 * and sanitizing; this file only maps it onto the API, and onto what the API will accept. On a
 * re-run (see rerun.ts) what an earlier attempt applied is updated or left, never applied twice.
 */
import { FlueError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { capBody } from '../../publish/sanitize.js';
import { plural } from '../../text/index.js';
import type { ProposedOutput, ReviewComment } from '../../tools/types.js';
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';
import type { GraphQLApi, RepoApi } from './api.js';
import { bodyWithOutsideComments, diffLines, placeComments } from './diff.js';
import { createOnce } from '../create-once.js';
import { markedBody } from '../markers.js';
import { mayHaveLanded } from './errors.js';
import { findOwn, splitLabels, type EarlierAttempt } from './rerun.js';

const UPDATED = 'An earlier attempt of this workflow run had posted it: updated in place.';

export async function applyGitHubOutput(
  apis: { rest: RepoApi; graphql: GraphQLApi },
  output: ProposedOutput,
  trigger: Trigger,
  attempt: EarlierAttempt,
  warn: (message: string) => void,
): Promise<AppliedOutput> {
  if (trigger.discussion !== undefined) return applyOnDiscussion(apis.graphql, output, trigger.discussion, trigger.eventName, attempt);
  const api = apis.rest;
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
      const body = markedBody(output.body, attempt.marker);
      const earlier = await findOwn(attempt, () => api.listComments(number, isPullRequest));
      if (earlier) return { url: (await api.updateComment(earlier.id, isPullRequest, body)).html_url, note: UPDATED };
      const comment = await createOnce(
        {
          create: () => api.createComment(number, isPullRequest, body),
          find: () => findOwn({ ...attempt, rerun: true }, () => api.listComments(number, isPullRequest, true)),
          mayHaveLanded,
        },
        api.resendWaitsMs,
      );
      return { url: comment.html_url };
    }
    case 'add_labels': {
      // A re-run asks for the labels the thread lacks now: adding one it has is a no-op on GitHub, but still a request.
      const labels = attempt.rerun ? splitLabels(output.labels, await api.listLabels(number, isPullRequest)).missing : output.labels;
      if (labels.length > 0) await api.addLabels(number, isPullRequest, labels);
      return {};
    }
    case 'remove_labels': {
      const labels = attempt.rerun ? splitLabels(output.labels, await api.listLabels(number, isPullRequest)).present : output.labels;
      // One call per label: the API has no bulk removal (PUT would replace every other label too).
      for (const label of labels) await api.removeLabel(number, isPullRequest, label);
      return {};
    }
    case 'submit_review':
      return submitReview(api, number, output, trigger, attempt, warn);
    case 'propose_change':
      // host.ts sends a change set to change.ts, with the run id its branch is named by.
      throw new FlueError('propose_change: internal error: a change set reached the comment and label outputs');
  }
}

async function submitReview(
  api: RepoApi,
  number: number,
  output: Extract<ProposedOutput, { kind: 'submit_review' }>,
  trigger: Trigger,
  attempt: EarlierAttempt,
  warn: (message: string) => void,
): Promise<AppliedOutput> {
  const earlier = await findOwn(attempt, () => api.listReviews(number));
  if (earlier) {
    // A submitted review keeps its verdict and inline comments; only its body can change.
    const review = await api.updateReview(number, earlier.id, markedBody(capBody(output.body, LIMITS.commentChars), attempt.marker));
    const kept =
      output.comments.length > 0 ? ` Its inline comments are the earlier attempt's; this attempt's ${output.comments.length} were not posted.` : '';
    return { url: review.html_url, note: `${UPDATED}${kept}` };
  }
  const { inline, outside } =
    output.comments.length > 0 ? placeComments(output.comments, diffLines(await api.listPullFiles(number))) : { inline: [], outside: [] };
  const note = outside.length > 0 ? movedCommentsNote(outside) : undefined;
  if (note !== undefined) warn(`submit_review on #${number}: ${note}`);
  const body = markedBody(capBody(bodyWithOutsideComments(output.body, outside), LIMITS.commentChars), attempt.marker);
  const review = await createOnce(
    {
      create: () =>
        api.createReview(number, {
          body,
          event: output.event,
          // Marked like every body the runner posts: with a token whose comments start workflows, each inline
          // comment is a pull_request_review_comment event of its own, which the gate must know as the runner's.
          comments: inline.map((comment) => ({ path: comment.path, line: comment.line, side: 'RIGHT', body: markedBody(comment.body) })),
          ...(trigger.refs.sha ? { commit_id: trigger.refs.sha } : {}),
        }),
      find: () => findOwn({ ...attempt, rerun: true }, () => api.listReviews(number)),
      mayHaveLanded,
    },
    api.resendWaitsMs,
  );
  return note === undefined ? { url: review.html_url } : { url: review.html_url, note };
}

/**
 * A discussion takes comments through GraphQL only; its number names no issue (`/issues/<n>` is another
 * thread, or nothing). Labels and reviews are refused: a review needs a pull request, and labelling a
 * discussion is left out on purpose rather than half done.
 */
async function applyOnDiscussion(
  graphql: GraphQLApi,
  output: ProposedOutput,
  discussion: NonNullable<Trigger['discussion']>,
  eventName: string,
  attempt: EarlierAttempt,
): Promise<AppliedOutput> {
  if (output.kind !== 'add_comment') {
    throw new FlueError(
      `${output.kind}: event '${eventName}' is about discussion #${discussion.number}, and on a discussion flue-action ` +
        `posts only comments (add_comment). Remove ${output.kind} from the agent's outputs, or run it on issue and pull request events.`,
    );
  }
  if (discussion.nodeId === undefined) {
    throw new FlueError(
      `add_comment: event '${eventName}' names discussion #${discussion.number} without its node_id, which GraphQL needs to comment on it. ` +
        'Give the payload GitHub sent.',
    );
  }
  const { nodeId } = discussion;
  const body = markedBody(output.body, attempt.marker);
  const earlier = await findOwn(attempt, () => graphql.discussionComments(nodeId));
  if (earlier) return { ...(await graphql.updateDiscussionComment(earlier.id, body)), note: UPDATED };
  return graphql.addDiscussionComment(nodeId, body);
}

/** Said in the job log and recorded in the session log: the review as posted differs from the one proposed. */
function movedCommentsNote(outside: readonly ReviewComment[]): string {
  const where = outside.map((comment) => `${comment.path}:${comment.line}`).join(', ');
  return `${outside.length} ${plural(outside.length, 'inline comment')} on lines outside the diff (${where}) moved into the review body.`;
}
