// Where definitions come from: a commit writers chose whenever the checkout may hold someone else's.
import { expect, test } from 'vitest';
import { definitionsSource } from '../../src/gate/definitions-source.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { at, example } from '../trigger/examples.js';
import { commentEvent, forkPullRequest } from './helpers.js';

const WORKFLOW_SHA = 'c0ffee'.padEnd(40, '0');
const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

test('a pull request, fork or not, trusted or not: its base commit', () => {
  const pr = triggerFromGitHubEvent('pull_request', example('pull_request', 'opened'));
  expect(definitionsSource(pr, 'trusted', WORKFLOW_SHA)).toEqual({ from: 'pull-request-base', commit: BASE_SHA });
  expect(definitionsSource(forkPullRequest(), 'untrusted', WORKFLOW_SHA)).toEqual({ from: 'pull-request-base', commit: BASE_SHA });
  const review = triggerFromGitHubEvent('pull_request_review', example('pull_request_review', 'submitted'));
  expect(definitionsSource(review, 'trusted', WORKFLOW_SHA)).toEqual({ from: 'pull-request-base', commit: BASE_SHA });
});

test('a comment on a PR before completeTrigger: the base, still unknown (the runner then refuses, never reads the checkout)', () => {
  const payload = example('issue_comment', 'created');
  at(payload, 'issue').pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
  expect(definitionsSource(triggerFromGitHubEvent('issue_comment', payload), 'trusted', WORKFLOW_SHA)).toEqual({
    from: 'pull-request-base',
    commit: undefined,
  });
});

test('a workflow_run from a fork (no pull request listed), even trusted: the workflow’s own commit', () => {
  const payload = example('workflow_run', 'completed');
  at(payload, 'workflow_run').pull_requests = [];
  at(payload, 'workflow_run', 'head_repository').full_name = 'stranger/Hello-World';
  const trigger = triggerFromGitHubEvent('workflow_run', payload);
  expect(definitionsSource(trigger, 'trusted', WORKFLOW_SHA)).toEqual({ from: 'workflow-commit', commit: WORKFLOW_SHA });
  expect(definitionsSource(trigger, 'trusted', undefined)).toEqual({ from: 'workflow-commit', commit: undefined });
});

test('any untrusted run: the workflow’s own commit; a trusted issue, comment, push or dispatch: the checkout', () => {
  const issue = triggerFromGitHubEvent('issues', example('issues', 'opened'));
  expect(definitionsSource(issue, 'untrusted', WORKFLOW_SHA)).toEqual({ from: 'workflow-commit', commit: WORKFLOW_SHA });
  expect(definitionsSource(issue, 'trusted', WORKFLOW_SHA)).toEqual({ from: 'checkout' });
  expect(definitionsSource(commentEvent('@flue'), 'trusted', WORKFLOW_SHA)).toEqual({ from: 'checkout' });
  expect(definitionsSource(triggerFromGitHubEvent('push', example('push')), 'trusted', WORKFLOW_SHA)).toEqual({ from: 'checkout' });
  const dispatch = triggerFromGitHubEvent('workflow_dispatch', example('workflow_dispatch'));
  expect(definitionsSource(dispatch, 'trusted', undefined)).toEqual({ from: 'checkout' });
});
