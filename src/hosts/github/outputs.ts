/**
 * Safe outputs as GitHub REST calls. Each output reaching here already passed the agent's policy
 * and sanitizing; this file only maps it onto the API, and onto what the API will accept.
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
import { markedBody } from './markers.js';

export async function applyGitHubOutput(
  apis: { rest: RepoApi; graphql: GraphQLApi },
  output: ProposedOutput,
  trigger: Trigger,
  warn: (message: string) => void,
): Promise<AppliedOutput> {
  if (trigger.discussion !== undefined) return applyOnDiscussion(apis.graphql, output, trigger.discussion, trigger.eventName);
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
  const { inline, outside } =
    output.comments.length > 0 ? placeComments(output.comments, diffLines(await api.listPullFiles(number))) : { inline: [], outside: [] };
  const note = outside.length > 0 ? movedCommentsNote(outside) : undefined;
  if (note !== undefined) warn(`submit_review on #${number}: ${note}`);
  const body = markedBody(capBody(bodyWithOutsideComments(output.body, outside), LIMITS.commentChars));
  const review = await api.createReview(number, {
    body,
    event: output.event,
    // Marked like every body the runner posts: with a token whose comments start workflows, each inline
    // comment is a pull_request_review_comment event of its own, which the gate must know as the runner's.
    comments: inline.map((comment) => ({ path: comment.path, line: comment.line, side: 'RIGHT', body: markedBody(comment.body) })),
    ...(trigger.refs.sha ? { commit_id: trigger.refs.sha } : {}),
  });
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
  return graphql.addDiscussionComment(discussion.nodeId, markedBody(output.body));
}

/** Said in the job log and recorded in the session log: the review as posted differs from the one proposed. */
function movedCommentsNote(outside: readonly ReviewComment[]): string {
  const where = outside.map((comment) => `${comment.path}:${comment.line}`).join(', ');
  return `${outside.length} ${plural(outside.length, 'inline comment')} on lines outside the diff (${where}) moved into the review body.`;
}
