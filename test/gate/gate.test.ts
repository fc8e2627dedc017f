import { describe, expect, test } from 'vitest';
import { decideGate, type GateOptions } from '../../src/gate/gate.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import type { Permission, Trigger } from '../../src/trigger/types.js';
import { at, example } from '../trigger/examples.js';

const MARKER = '<!-- flue-action -->';
const options = (extra: Partial<GateOptions> = {}): GateOptions => ({
  allowedUsers: [],
  allowedBots: [],
  selfMarker: MARKER,
  agentNeeds: [],
  ...extra,
});

/** A permission table that records every lookup, so tests can assert the API calls not made. */
function permissions(table: Record<string, Permission>) {
  const asked: string[] = [];
  const lookup = async (login: string): Promise<Permission> => {
    asked.push(login);
    const found = table[login];
    if (found === undefined) throw new Error(`GET /repos/.../collaborators/${login}/permission: 404 Not Found`);
    return found;
  };
  return { lookup, asked };
}

function commentEvent(body: string, author = 'Codertocat'): Trigger {
  const payload = example('issue_comment', 'created');
  at(payload, 'comment').body = body;
  at(payload, 'comment', 'user').login = author;
  at(payload, 'sender').login = author;
  return triggerFromGitHubEvent('issue_comment', payload);
}

function forkPullRequest(eventName = 'pull_request', action = 'opened'): Trigger {
  const payload = example('pull_request', action);
  at(payload, 'pull_request', 'head', 'repo').full_name = 'stranger/Hello-World';
  return triggerFromGitHubEvent(eventName, payload);
}

describe('comment events', () => {
  test('a writer mentioning the phrase runs trusted, after one permission lookup', async () => {
    const { lookup, asked } = permissions({ Codertocat: 'write' });
    const decision = await decideGate(commentEvent('@flue label this please'), options(), lookup);
    expect(decision).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual(['Codertocat']);
  });

  test('maintain and admin are writers too; a pull_request_review_comment works the same', async () => {
    const payload = example('pull_request_review_comment', 'created');
    at(payload, 'comment').body = 'hey @flue, is this line right?';
    const trigger = triggerFromGitHubEvent('pull_request_review_comment', payload);
    for (const permission of ['maintain', 'admin'] as const) {
      expect(await decideGate(trigger, options(), permissions({ Codertocat: permission }).lookup)).toEqual({
        run: true,
        profile: 'trusted',
        notes: [],
      });
    }
  });

  test('no trigger phrase: skipped without asking for any permission', async () => {
    const { lookup, asked } = permissions({ Codertocat: 'admin' });
    expect(await decideGate(commentEvent('You are totally right! @fluent'), options(), lookup)).toEqual({
      run: false,
      reason: "The comment does not mention '@flue' (trigger-phrase), outside quotes and code; comments start a run only when they do.",
    });
    expect(asked).toEqual([]);
  });

  test('a custom trigger phrase replaces @flue', async () => {
    const { lookup } = permissions({ Codertocat: 'write' });
    const custom = options({ triggerPhrase: '/triage' });
    expect((await decideGate(commentEvent('/triage'), custom, lookup)).run).toBe(true);
    expect(await decideGate(commentEvent('@flue'), custom, lookup)).toEqual({
      run: false,
      reason: "The comment does not mention '/triage' (trigger-phrase), outside quotes and code; comments start a run only when they do.",
    });
  });

  test.each(['read', 'triage', 'none'] as const)('a user with %s permission is refused, with the reason', async (permission) => {
    const { lookup } = permissions({ Codertocat: permission });
    expect(await decideGate(commentEvent('@flue delete the repo'), options(), lookup)).toEqual({
      run: false,
      reason:
        `@Codertocat (comment author, actor of this issue_comment.created event) has ${permission} permission. ` +
        'A comment starts a run only for users with write, maintain or admin permission on Codertocat/Hello-World, ' +
        'or users listed in allowed-users.',
    });
  });

  test('a failed permission lookup refuses, and says the permission could not be read', async () => {
    const { lookup, asked } = permissions({});
    const decision = await decideGate(commentEvent('@flue'), options(), lookup);
    expect(decision).toEqual({
      run: false,
      reason:
        '@Codertocat (comment author, actor of this issue_comment.created event) has a permission that could not be read. ' +
        'A comment starts a run only for users with write, maintain or admin permission on Codertocat/Hello-World, ' +
        'or users listed in allowed-users.',
    });
    expect(asked).toEqual(['Codertocat']);
  });

  test('allowed-users run without a lookup, matched case-insensitively', async () => {
    const { lookup, asked } = permissions({});
    const decision = await decideGate(commentEvent('@flue'), options({ allowedUsers: ['codertocat'] }), lookup);
    expect(decision).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual([]);
  });

  test('an edit by a writer of a non-writer’s comment is refused: both must be writers', async () => {
    const payload = example('issue_comment', 'edited');
    at(payload, 'comment').body = '@flue close every issue';
    at(payload, 'comment', 'user').login = 'stranger';
    const { lookup, asked } = permissions({ Codertocat: 'admin', stranger: 'read' });
    const decision = await decideGate(triggerFromGitHubEvent('issue_comment', payload), options(), lookup);
    expect(decision).toEqual({
      run: false,
      reason:
        '@stranger (comment author) has read permission. A comment starts a run only for users with write, ' +
        'maintain or admin permission on Codertocat/Hello-World, or users listed in allowed-users.',
    });
    expect(asked).toEqual(['stranger', 'Codertocat']);
  });

  test('the permission the host already put on the trigger is used instead of a lookup', async () => {
    const { lookup, asked } = permissions({});
    const trigger = { ...commentEvent('@flue'), actorPermission: 'admin' as const };
    expect(await decideGate(trigger, options(), lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual([]);
  });
});

describe('the runner’s own comments and bots', () => {
  test('a comment carrying the hidden marker is never answered, even from an admin', async () => {
    const { lookup, asked } = permissions({ Codertocat: 'admin' });
    expect(await decideGate(commentEvent(`@flue is working…\n${MARKER}`), options(), lookup)).toEqual({
      run: false,
      reason: 'The comment was posted by flue-action itself (it carries the hidden marker); the runner never answers its own comments.',
    });
    expect(asked).toEqual([]);
  });

  test('a comment by the token’s own account is never answered, even when that bot is allowed', async () => {
    const trigger = commentEvent('Done. @flue', 'github-actions[bot]');
    const decision = await decideGate(trigger, options({ allowedBots: ['github-actions'] }), permissions({}).lookup);
    expect(decision).toEqual({
      run: false,
      reason:
        'The comment was posted by github-actions[bot], the account this workflow writes as; the runner never answers its own comments.',
    });
    const app = await decideGate(commentEvent('@flue', 'my-app[bot]'), options({ selfLogin: 'my-app[bot]' }), permissions({}).lookup);
    expect(app).toEqual({ run: false, reason: expect.stringContaining('posted by my-app[bot], the account this workflow writes as') });
  });

  test('a bot is refused unless allowed; an allowed bot counts as a writer', async () => {
    const payload = example('issues', 'opened');
    payload.sender = at(example('check_suite', 'rerequested', 1), 'sender');
    const trigger = triggerFromGitHubEvent('issues', payload);
    const { lookup, asked } = permissions({});
    expect(await decideGate(trigger, options(), lookup)).toEqual({
      run: false,
      reason: "The event was caused by the bot 'octocoders-linter[bot]', which is not in allowed-bots. Add it to allowed-bots to let it start runs.",
    });
    const allowed = options({ allowedBots: ['Octocoders-Linter'], agentNeeds: ['tools: write'] });
    expect(await decideGate(trigger, allowed, lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual([]);
  });

  test('a bot comment needs the phrase too', async () => {
    const trigger = commentEvent('LGTM', 'renovate[bot]');
    const decision = await decideGate(trigger, options({ allowedBots: ['renovate[bot]'] }), permissions({}).lookup);
    expect(decision).toEqual({ run: false, reason: expect.stringContaining("does not mention '@flue'") });
  });
});

describe('events a stranger can cause', () => {
  const issueOpened = () => triggerFromGitHubEvent('issues', example('issues', 'opened'));

  test.each(['opened', 'edited', 'labeled'])('issues.%s by a writer runs trusted', async (action) => {
    const trigger = triggerFromGitHubEvent('issues', example('issues', action));
    const decision = await decideGate(trigger, options({ agentNeeds: ['network'] }), permissions({ Codertocat: 'write' }).lookup);
    expect(decision).toEqual({ run: true, profile: 'trusted', notes: [] });
  });

  test('an issue opened by a non-writer runs untrusted, and says why', async () => {
    const decision = await decideGate(issueOpened(), options(), permissions({ Codertocat: 'read' }).lookup);
    expect(decision).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [
        'Running with the untrusted profile (read-only tools, no commands, no network): ' +
          '@Codertocat (actor of this issues.opened event) has read permission.',
      ],
    });
  });

  test('an agent that needs more than the untrusted profile is refused, naming what it needs', async () => {
    const needs = ['tools: write', 'commands: npm test', 'network'];
    const decision = await decideGate(issueOpened(), options({ agentNeeds: needs }), permissions({ Codertocat: 'none' }).lookup);
    expect(decision).toEqual({
      run: false,
      reason:
        '@Codertocat (actor of this issues.opened event) has none permission, so the run would get the untrusted profile ' +
        '(read-only tools, no commands, no network), but the agent needs tools: write; commands: npm test; network. ' +
        'Such an agent runs only for events caused by writers (write, maintain or admin permission, or allowed-users).',
    });
  });

  test('a failed lookup on an issue event runs untrusted, with a note naming the failure', async () => {
    const decision = await decideGate(issueOpened(), options(), permissions({}).lookup);
    expect(decision).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [
        "Could not read @Codertocat's permission (GET /repos/.../collaborators/Codertocat/permission: 404 Not Found); treated as no permission.",
        'Running with the untrusted profile (read-only tools, no commands, no network): ' +
          '@Codertocat (actor of this issues.opened event) has a permission that could not be read.',
      ],
    });
  });

  test('a same-repository pull request by a writer runs trusted; only the actor is looked up', async () => {
    const { lookup, asked } = permissions({ Codertocat: 'write' });
    const trigger = triggerFromGitHubEvent('pull_request', example('pull_request', 'synchronize'));
    expect(trigger.refs.fromFork).toBe(false);
    expect(await decideGate(trigger, options({ agentNeeds: ['commands: npm test'] }), lookup)).toEqual({
      run: true,
      profile: 'trusted',
      notes: [],
    });
    expect(asked).toEqual(['Codertocat']);
  });

  test.each(['pull_request', 'pull_request_target'])('%s from a fork by a non-writer runs untrusted', async (eventName) => {
    const decision = await decideGate(forkPullRequest(eventName), options(), permissions({ Codertocat: 'read' }).lookup);
    expect(decision).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [
        'Running with the untrusted profile (read-only tools, no commands, no network): ' +
          `@Codertocat (actor of this ${eventName}.opened event, author of the pull request from a fork) has read permission.`,
      ],
    });
  });

  test('a fork pull request reopened by a maintainer is still its author’s code', async () => {
    const trigger = { ...forkPullRequest('pull_request_target', 'reopened'), actor: 'maintainer' };
    const { lookup, asked } = permissions({ maintainer: 'maintain', Codertocat: 'read' });
    expect(await decideGate(trigger, options({ agentNeeds: ['commands: npm test'] }), lookup)).toEqual({
      run: false,
      reason: expect.stringMatching(/^@Codertocat \(author of the pull request from a fork\) has read permission, so the run would get/),
    });
    expect(asked).toEqual(['maintainer', 'Codertocat']);
    const bothWriters = permissions({ maintainer: 'maintain', Codertocat: 'write' });
    expect(await decideGate(trigger, options(), bothWriters.lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
  });

  test('workflow_run checks the upstream run’s actor as well as the re-runner', async () => {
    const payload = example('workflow_run', 'completed', 2);
    at(payload, 'workflow_run').triggering_actor = { login: 'maintainer', type: 'User' };
    const trigger = triggerFromGitHubEvent('workflow_run', payload);
    const { lookup, asked } = permissions({ maintainer: 'admin', Codertocat: 'read' });
    expect(await decideGate(trigger, options(), lookup)).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [
        'Running with the untrusted profile (read-only tools, no commands, no network): ' +
          '@Codertocat (actor of the upstream run) has read permission.',
      ],
    });
    expect(asked).toEqual(['maintainer', 'Codertocat']);
  });

  test('an unknown event runs trusted for a writer, untrusted otherwise, and untrusted without an actor', async () => {
    const trigger = triggerFromGitHubEvent('discussion_comment', example('discussion_comment', 'created'));
    expect(await decideGate(trigger, options(), permissions({ Codertocat: 'write' }).lookup)).toEqual({
      run: true,
      profile: 'trusted',
      notes: [],
    });
    expect((await decideGate(trigger, options(), permissions({ Codertocat: 'read' }).lookup)).run).toBe(true);
    const anonymous = await decideGate({ ...trigger, actor: '' }, options(), permissions({}).lookup);
    expect(anonymous).toEqual({
      run: true,
      profile: 'untrusted',
      notes: ['Running with the untrusted profile (read-only tools, no commands, no network): the event names no actor.'],
    });
  });
});

describe('events only writers can cause', () => {
  test('push, workflow_dispatch and schedule run trusted without a lookup', async () => {
    const { lookup, asked } = permissions({});
    const needy = options({ agentNeeds: ['tools: write'] });
    const push = triggerFromGitHubEvent('push', example('push'));
    const dispatch = triggerFromGitHubEvent('workflow_dispatch', example('workflow_dispatch'));
    // The package has no schedule example; this is the shape Actions writes for one.
    const schedule = triggerFromGitHubEvent('schedule', { schedule: '0 3 * * *', repository: example('push').repository });
    for (const trigger of [push, dispatch, schedule]) {
      expect(await decideGate(trigger, needy, lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    }
    expect(asked).toEqual([]);
  });
});
