import { describe, expect, test } from 'vitest';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { at, example } from './examples.js';

const helloWorld = { owner: 'Codertocat', name: 'Hello-World' };
const issueBody = "It looks like you accidently spelled 'commit' with two 't's.";
const prRefs = {
  base: 'master',
  head: 'changes',
  sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
  baseSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
  fromFork: false,
};

describe('issues', () => {
  test('opened: the full trigger', () => {
    expect(triggerFromGitHubEvent('issues', example('issues', 'opened'))).toEqual({
      kind: 'issue',
      eventName: 'issues',
      action: 'opened',
      repository: helloWorld,
      number: 1,
      isPullRequest: false,
      title: 'Spelling error in the README file',
      body: issueBody,
      labels: ['bug'],
      url: 'https://github.com/Codertocat/Hello-World/issues/1',
      actor: 'Codertocat',
      actorIsBot: false,
      author: 'Codertocat',
      refs: {},
      inputs: {},
    });
  });

  test('opened with a null body has no body', () => {
    const trigger = triggerFromGitHubEvent('issues', example('issues', 'opened', 1));
    expect(trigger.body).toBeUndefined();
    expect('body' in trigger).toBe(false);
  });

  test.each(['edited', 'labeled'])('%s', (action) => {
    const trigger = triggerFromGitHubEvent('issues', example('issues', action));
    expect([trigger.kind, trigger.action, trigger.number, trigger.labels, trigger.isPullRequest]).toEqual(['issue', action, 1, ['bug'], false]);
  });

  test('an issues event about a pull request says so', () => {
    const trigger = triggerFromGitHubEvent('issues', example('issues', 'milestoned'));
    expect([trigger.number, trigger.isPullRequest]).toEqual([2, true]);
  });
});

describe('issue_comment', () => {
  test('created on an issue: the full trigger', () => {
    expect(triggerFromGitHubEvent('issue_comment', example('issue_comment', 'created'))).toEqual({
      kind: 'issue_comment',
      eventName: 'issue_comment',
      action: 'created',
      repository: helloWorld,
      number: 1,
      isPullRequest: false,
      title: 'Spelling error in the README file',
      body: issueBody,
      labels: ['bug'],
      url: 'https://github.com/Codertocat/Hello-World/issues/1',
      actor: 'Codertocat',
      actorIsBot: false,
      author: 'Codertocat',
      comment: {
        id: 492700400,
        body: "You are totally right! I'll get this fixed right away.",
        author: 'Codertocat',
        authorIsBot: false,
        url: 'https://github.com/Codertocat/Hello-World/issues/1#issuecomment-492700400',
      },
      refs: {},
      inputs: {},
    });
  });

  test('created on a pull request: issue.pull_request present', () => {
    const payload = example('issue_comment', 'created');
    // The `pull_request` stub of a real issues payload about PR #2.
    at(payload, 'issue').pull_request = at(example('issues', 'milestoned'), 'issue', 'pull_request');
    const trigger = triggerFromGitHubEvent('issue_comment', payload);
    expect([trigger.kind, trigger.isPullRequest, trigger.comment?.id]).toEqual(['issue_comment', true, 492700400]);
  });
});

describe('pull_request and pull_request_target', () => {
  test('opened: the full trigger', () => {
    expect(triggerFromGitHubEvent('pull_request', example('pull_request', 'opened'))).toEqual({
      kind: 'pull_request',
      eventName: 'pull_request',
      action: 'opened',
      repository: helloWorld,
      number: 2,
      isPullRequest: true,
      title: 'Update the README with new information.',
      body: 'This is a pretty simple change that we need to pull into master.',
      labels: [],
      url: 'https://github.com/Codertocat/Hello-World/pull/2',
      actor: 'Codertocat',
      actorIsBot: false,
      author: 'Codertocat',
      refs: prRefs,
      inputs: {},
    });
  });

  test.each(['synchronize', 'reopened', 'ready_for_review'])('%s', (action) => {
    const trigger = triggerFromGitHubEvent('pull_request', example('pull_request', action));
    expect([trigger.kind, trigger.action, trigger.number, trigger.refs]).toEqual(['pull_request', action, 2, prRefs]);
  });

  test('pull_request_target reads the same payload and keeps its own event name', () => {
    const trigger = triggerFromGitHubEvent('pull_request_target', example('pull_request', 'opened'));
    expect([trigger.kind, trigger.eventName, trigger.refs.fromFork]).toEqual(['pull_request', 'pull_request_target', false]);
  });

  test('a head repository other than the base is a fork', () => {
    const payload = example('pull_request', 'opened');
    at(payload, 'pull_request', 'head', 'repo').full_name = 'mallory/Hello-World';
    expect(triggerFromGitHubEvent('pull_request_target', payload).refs.fromFork).toBe(true);
  });

  test('a deleted head repository (head.repo null) counts as a fork', () => {
    const payload = example('pull_request', 'reopened');
    at(payload, 'pull_request', 'head').repo = null;
    expect(triggerFromGitHubEvent('pull_request', payload).refs.fromFork).toBe(true);
  });
});

test('pull_request_review_comment: the full trigger, with the line the comment is on', () => {
  expect(triggerFromGitHubEvent('pull_request_review_comment', example('pull_request_review_comment', 'created', 1))).toEqual({
    kind: 'pull_request_review_comment',
    eventName: 'pull_request_review_comment',
    action: 'created',
    repository: helloWorld,
    number: 2,
    isPullRequest: true,
    title: 'Update the README with new information.',
    body: 'This is a pretty simple change that we need to pull into master.',
    labels: ['bug'],
    url: 'https://github.com/Codertocat/Hello-World/pull/2',
    actor: 'Codertocat',
    actorIsBot: false,
    author: 'Codertocat',
    comment: {
      id: 284312630,
      body: 'Maybe you should use more emoji on this line.',
      author: 'Codertocat',
      authorIsBot: false,
      url: 'https://github.com/Codertocat/Hello-World/pull/2#discussion_r284312630',
      path: 'README.md',
      line: 265,
    },
    refs: prRefs,
    inputs: {},
  });
});
