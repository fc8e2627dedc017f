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
    expect([trigger.comment?.author, trigger.comment?.authorIsBot, trigger.actorIsBot]).toEqual([
      'flue-action[bot]',
      true,
      false,
    ]);
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
    const discussion = triggerFromGitHubEvent('discussion_comment', example('discussion_comment', 'created'));
    expect([discussion.kind, discussion.number, discussion.comment?.body]).toEqual([
      'unknown',
      90,
      'I have so many questions to ask you!',
    ]);
    const review = triggerFromGitHubEvent('pull_request_review', example('pull_request_review', 'submitted'));
    expect([review.kind, review.number, review.isPullRequest, review.refs.head]).toEqual(['unknown', 2, true, 'changes']);
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
