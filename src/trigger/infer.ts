import { TriggerError } from '../errors.js';
import { field, object, type JsonObject } from './payload.js';
import { plainLine } from './text.js';

/**
 * Shapes checked in order, most specific first: a comment payload also carries its issue, a review
 * payload its pull request, so `issue` alone must not win over `comment` + `issue`.
 */
const SHAPES: ReadonlyArray<{ fields: string[]; event: string }> = [
  { fields: ['comment', 'issue'], event: 'issue_comment' },
  { fields: ['comment', 'pull_request'], event: 'pull_request_review_comment' },
  { fields: ['comment', 'discussion'], event: 'discussion_comment' },
  { fields: ['review', 'pull_request'], event: 'pull_request_review' },
  { fields: ['pull_request'], event: 'pull_request' },
  { fields: ['issue'], event: 'issues' },
  { fields: ['discussion'], event: 'discussion' },
  // Only a commit comment carries a comment and no thread.
  { fields: ['comment'], event: 'commit_comment' },
  { fields: ['commits', 'ref'], event: 'push' },
  { fields: ['workflow_run'], event: 'workflow_run' },
  { fields: ['inputs', 'ref'], event: 'workflow_dispatch' },
  { fields: ['schedule'], event: 'schedule' },
];

/**
 * The GitHub event name a payload was sent for, from its shape: for `--event FILE` without
 * `--event-name`. Throws a TriggerError that lists what it looked for when no shape matches.
 */
export function inferGitHubEventName(payload: unknown, source = 'event payload'): string {
  const event = object(payload);
  if (event !== undefined) {
    for (const shape of SHAPES) {
      if (shape.fields.every((name) => field(event, name) !== undefined && field(event, name) !== null)) {
        return shape.event;
      }
    }
  }
  const looked = SHAPES.map((shape) => `${shape.fields.join('+')} → ${shape.event}`).join(', ');
  throw new TriggerError(
    `${source}: cannot tell which GitHub event this payload is (top-level fields: ${describeFields(event)}). ` +
      `Looked for ${looked}. Pass --event-name NAME (issues, issue_comment, pull_request, ...).`,
  );
}

function describeFields(event: JsonObject | undefined): string {
  if (event === undefined) return 'none, not an object';
  const keys = Object.keys(event);
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, 12).map((key) => plainLine(key, 40));
  return keys.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}
