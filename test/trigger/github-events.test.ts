import { describe, expect, test } from 'vitest';
import { InputError, TriggerError } from '../../src/errors.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { at, example, examples } from './examples.js';

const helloWorld = { owner: 'Codertocat', name: 'Hello-World' };

describe('workflow_dispatch, schedule, push', () => {
  test('workflow_dispatch: the full trigger', () => {
    expect(triggerFromGitHubEvent('workflow_dispatch', example('workflow_dispatch'))).toEqual({
      kind: 'workflow_dispatch',
      eventName: 'workflow_dispatch',
      repository: { owner: 'octo-org', name: 'octo-repo' },
      isPullRequest: false,
      labels: [],
      actor: 'octocat',
      actorIsBot: false,
      refs: { base: 'main' },
      inputs: {},
    });
  });

  test('workflow_dispatch inputs become the trigger inputs', () => {
    const payload = example('workflow_dispatch', undefined, 1);
    payload.inputs = { severity: 'high', dry: true };
    const trigger = triggerFromGitHubEvent('workflow_dispatch', payload);
    expect([trigger.inputs, trigger.refs]).toEqual([{ severity: 'high', dry: true }, { base: 'master' }]);
  });

  test('schedule: GitHub sends the cron, the repository and no sender', () => {
    // The package has no schedule example; this is the shape Actions writes for one.
    const { repository } = example('workflow_dispatch');
    const payload = { schedule: '*/15 * * * *', repository, workflow: '.github/workflows/nightly.yml' };
    expect(triggerFromGitHubEvent('schedule', payload)).toEqual({
      kind: 'schedule',
      eventName: 'schedule',
      repository: { owner: 'octo-org', name: 'octo-repo' },
      isPullRequest: false,
      labels: [],
      actor: '',
      actorIsBot: false,
      refs: {},
      inputs: {},
    });
  });

  test('push to a branch: the full trigger', () => {
    const payload = example('push', undefined, 4);
    expect(triggerFromGitHubEvent('push', payload)).toEqual({
      kind: 'push',
      eventName: 'push',
      repository: helloWorld,
      isPullRequest: false,
      body: 'Initial commit',
      labels: [],
      url: 'https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      actor: 'Codertocat',
      actorIsBot: false,
      refs: { base: 'master', sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' },
      inputs: {},
    });
  });

  test('push of a tag keeps the whole ref, so a tag never reads as a branch', () => {
    const trigger = triggerFromGitHubEvent('push', example('push'));
    expect(trigger.refs).toEqual({ base: 'refs/tags/simple-tag', sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' });
  });
});

describe('workflow_run', () => {
  test('completed with a pull request: the full trigger', () => {
    expect(triggerFromGitHubEvent('workflow_run', example('workflow_run', 'completed', 2))).toEqual({
      kind: 'workflow_run',
      eventName: 'workflow_run',
      action: 'completed',
      repository: { owner: 'octo-org', name: 'octo-repo' },
      number: 2,
      isPullRequest: true,
      title: 'ci(action): update actions/setup-node digest to 8c91899',
      body: 'Workflow "workflow" run #163 (event repository_dispatch, branch master): completed, conclusion success.',
      labels: [],
      url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
      actor: 'Codertocat',
      actorIsBot: false,
      author: 'Codertocat',
      refs: { head: 'master', sha: '3484a3fb816e0859fd6e1cea078d76385ff50625', fromFork: false },
      inputs: {},
    });
  });

  test('the actor is the triggering actor, then the run actor, then the sender', () => {
    const payload = example('workflow_run', 'requested');
    const renovate = examples('workflow_job').find((job) => at(job, 'sender').login === 'renovate[bot]');
    at(payload, 'workflow_run').triggering_actor = at(renovate ?? {}, 'sender');
    const rerun = triggerFromGitHubEvent('workflow_run', payload);
    // The upstream run's own actor stays the author: the gate checks both.
    expect([rerun.actor, rerun.actorIsBot, rerun.author]).toEqual(['renovate[bot]', true, 'Codertocat']);
    delete at(payload, 'workflow_run').triggering_actor;
    expect(triggerFromGitHubEvent('workflow_run', payload).actor).toBe('Codertocat');
    const old = triggerFromGitHubEvent('workflow_run', example('workflow_run', 'completed'));
    expect([old.actor, old.body]).toEqual([
      'Codertocat',
      'Workflow "Manually triggered workflow" run #36 (event workflow_dispatch, branch main): queued, conclusion none yet.',
    ]);
  });
});

describe('bots and unknown events', () => {
  test('a Bot sender from a real payload is a bot actor', () => {
    const payload = example('issues', 'opened');
    payload.sender = at(example('check_suite', 'rerequested', 1), 'sender');
    const trigger = triggerFromGitHubEvent('issues', payload);
    expect([trigger.actor, trigger.actorIsBot]).toEqual(['octocoders-linter[bot]', true]);
  });

  test('a [bot] login is a bot even when its type says User', () => {
    const payload = example('issue_comment', 'created');
    at(payload, 'comment', 'user').login = 'flue-action[bot]';
    const trigger = triggerFromGitHubEvent('issue_comment', payload);
    expect([trigger.comment?.author, trigger.comment?.authorIsBot, trigger.actorIsBot]).toEqual(['flue-action[bot]', true, false]);
  });

  test('an unknown event keeps what context it has', () => {
    const trigger = triggerFromGitHubEvent('check_suite', example('check_suite', 'rerequested', 1));
    expect(trigger).toEqual({
      kind: 'unknown',
      eventName: 'check_suite',
      action: 'rerequested',
      repository: helloWorld,
      isPullRequest: false,
      labels: [],
      actor: 'octocoders-linter[bot]',
      actorIsBot: true,
      refs: {},
      inputs: {},
    });
  });

  test('any comment or review an unknown event carries is kept, so the gate treats the event as a comment', () => {
    const payload = example('discussion_comment', 'created');
    const future = triggerFromGitHubEvent('discussion_comment_v2', payload);
    expect([future.kind, future.number, future.discussion, future.comment?.body]).toEqual([
      'unknown',
      undefined,
      { number: 90, nodeId: 'MDEwOkRpc2N1c3Npb24zMjk3NDQy' },
      'I have so many questions to ask you!',
    ]);
    // A body GitHub sends as null is still a comment: the gate then finds no phrase in it.
    const review = triggerFromGitHubEvent('pull_request_review_v2', example('pull_request_review', 'submitted'));
    expect([review.kind, review.number, review.comment?.body, review.comment?.author]).toEqual(['unknown', 2, '', 'Codertocat']);
  });
});

describe('other events that carry a comment', () => {
  test('discussion_comment: the discussion apart from `number` (it names no issue), and the comment', () => {
    expect(triggerFromGitHubEvent('discussion_comment', example('discussion_comment', 'created'))).toEqual({
      kind: 'discussion_comment',
      eventName: 'discussion_comment',
      action: 'created',
      repository: { owner: 'octo-org', name: 'octo-repo' },
      isPullRequest: false,
      labels: [],
      actor: 'Codertocat',
      actorIsBot: false,
      refs: {},
      inputs: {},
      title: 'Welcome to discussions!',
      body: "We're glad to have you here!",
      url: 'https://github.com/octo-org/octo-repo/discussions/90',
      author: 'Codertocat',
      discussion: { number: 90, nodeId: 'MDEwOkRpc2N1c3Npb24zMjk3NDQy' },
      comment: {
        id: 544078,
        body: 'I have so many questions to ask you!',
        author: 'Codertocat',
        authorIsBot: false,
        url: 'https://github.com/octo-org/octo-repo/discussions/90#discussioncomment-544078',
      },
    });
  });

  test('discussion: like an issue, without a number', () => {
    const trigger = triggerFromGitHubEvent('discussion', example('discussion', 'labeled'));
    expect([trigger.kind, trigger.number, trigger.discussion, trigger.author, trigger.comment]).toEqual([
      'discussion',
      undefined,
      { number: 4, nodeId: 'MDEwOkRpc2N1c3Npb24zMjk5NjE0' },
      'Codertocat',
      undefined,
    ]);
  });

  test('commit_comment: the comment and its commit, and nothing to post on', () => {
    expect(triggerFromGitHubEvent('commit_comment', example('commit_comment', 'created'))).toEqual({
      kind: 'commit_comment',
      eventName: 'commit_comment',
      action: 'created',
      repository: helloWorld,
      isPullRequest: false,
      labels: [],
      actor: 'Codertocat',
      actorIsBot: false,
      refs: { sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' },
      inputs: {},
      url: 'https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246#commitcomment-33548674',
      comment: {
        id: 33548674,
        body: 'This is a really good change! :+1:',
        author: 'Codertocat',
        authorIsBot: false,
        url: 'https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246#commitcomment-33548674',
      },
    });
  });

  test('pull_request_review: the pull request, and the review body as the comment (empty for an approval without text)', () => {
    const trigger = triggerFromGitHubEvent('pull_request_review', example('pull_request_review', 'submitted'));
    expect([trigger.kind, trigger.number, trigger.isPullRequest, trigger.refs.baseSha]).toEqual([
      'pull_request_review',
      2,
      true,
      'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    ]);
    expect(trigger.comment).toEqual({
      id: 237895671,
      body: '',
      author: 'Codertocat',
      authorIsBot: false,
      url: 'https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-237895671',
    });
  });
});

describe('malformed payloads', () => {
  test('an event without the object it is about names the field', () => {
    const payload = example('issue_comment', 'created');
    delete payload.comment;
    expect(() => triggerFromGitHubEvent('issue_comment', payload, { source: 'event.json' })).toThrow(
      new TriggerError(
        "event.json: event 'issue_comment' needs field 'comment' (an object), which is missing. " +
          'Give the payload GitHub sent, or the right --event-name.',
      ),
    );
  });

  test('a missing repository is an error unless one is given', () => {
    const payload = example('issues', 'opened');
    delete payload.repository;
    expect(() => triggerFromGitHubEvent('issues', payload, { source: 'event.json' })).toThrow(
      new TriggerError(
        "event.json: field 'repository.full_name' is missing, so the run has no repository. " +
          'Give the payload GitHub sent, or set GITHUB_REPOSITORY=owner/name.',
      ),
    );
    expect(triggerFromGitHubEvent('issues', payload, { repository: 'acme/widgets' }).repository).toEqual({
      owner: 'acme',
      name: 'widgets',
    });
    expect(() => triggerFromGitHubEvent('issues', payload, { repository: 'widgets' })).toThrow(
      new InputError("Invalid repository 'widgets'. Expected format {owner}/{repo}."),
    );
    expect(triggerFromGitHubEvent('ping', { zen: 'Keep it logically awesome.' }).repository).toEqual({ owner: '', name: '' });
  });
});
