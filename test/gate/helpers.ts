/** What the gate tests share: options, a recording permission table, and real payloads with a twist. */
import type { GateOptions } from '../../src/gate/gate.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { accessOfPermission, type Permission } from '../../src/hosts/github/index.js';
import type { Access, Trigger } from '../../src/trigger/types.js';
import { at, example } from '../trigger/examples.js';

export const MARKER = '<!-- flue-action -->';

export const options = (extra: Partial<GateOptions> = {}): GateOptions => ({
  writers: 'write, maintain or admin permission',
  defaultSelfLogin: 'github-actions[bot]',
  allowedUsers: [],
  allowedBots: [],
  selfMarker: MARKER,
  ...extra,
});

/** A GitHub permission table that records every lookup, so tests can assert the API calls not made. */
export function permissions(table: Record<string, Permission>) {
  const asked: string[] = [];
  const lookup = async (login: string): Promise<Access> => {
    asked.push(login);
    const found = table[login];
    if (found === undefined) throw new Error(`GET /repos/.../collaborators/${login}/permission: 404 Not Found`);
    return accessOfPermission(found);
  };
  return { lookup, asked };
}

export function commentEvent(body: string, author = 'Codertocat'): Trigger {
  const payload = example('issue_comment', 'created');
  at(payload, 'comment').body = body;
  at(payload, 'comment', 'user').login = author;
  at(payload, 'sender').login = author;
  return triggerFromGitHubEvent('issue_comment', payload);
}

export function forkPullRequest(eventName = 'pull_request', action = 'opened'): Trigger {
  const payload = example('pull_request', action);
  at(payload, 'pull_request', 'head', 'repo').full_name = 'stranger/Hello-World';
  return triggerFromGitHubEvent(eventName, payload);
}

/** The issue of a real `issues` payload written by `author`; the event caused by Codertocat. */
export function issueBy(author: string, action = 'labeled'): Trigger {
  const payload = example('issues', action);
  at(payload, 'issue', 'user').login = author;
  return triggerFromGitHubEvent('issues', payload);
}

/** A real payload of a comment-carrying event with `body` as its text, posted by `author` (also the sender). */
export function commentKind(eventName: 'discussion_comment' | 'commit_comment' | 'pull_request_review', body: string, author = 'Codertocat'): Trigger {
  const [action, field] = eventName === 'pull_request_review' ? ['submitted', 'review'] : ['created', 'comment'];
  const payload = example(eventName, action);
  at(payload, field).body = body;
  at(payload, field, 'user').login = author;
  at(payload, 'sender').login = author;
  return triggerFromGitHubEvent(eventName, payload);
}
