import { describe, expect, test } from 'vitest';
import { decideGate } from '../../src/gate/gate.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import type { Trigger } from '../../src/trigger/types.js';
import { at, example } from '../trigger/examples.js';
import { commentEvent, commentKind, MARKER, options, permissions } from './helpers.js';

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

  test('the access the host already put on the trigger is used instead of a lookup', async () => {
    const { lookup, asked } = permissions({});
    const trigger: Trigger = { ...commentEvent('@flue'), actorAccess: { trust: 'writer', role: 'admin permission' } };
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
      reason: 'The comment was posted by github-actions[bot], the account this workflow writes as; the runner never answers its own comments.',
    });
  });

  test('a comment by the login the token writes as (learned from the host) is never answered, even from a writer', async () => {
    const { lookup, asked } = permissions({ 'release-user': 'admin' });
    const asks: string[] = [];
    const selfLogin = async () => {
      asks.push('viewer');
      return 'Release-User';
    };
    const decision = await decideGate(commentEvent('@flue ship it', 'release-user'), options({ selfLogin }), lookup);
    expect(decision).toEqual({
      run: false,
      reason: 'The comment was posted by release-user, the account this workflow writes as; the runner never answers its own comments.',
    });
    expect([asks, asked]).toEqual([['viewer'], []]);
    // With a learned login, github-actions[bot] is just another bot.
    const other = await decideGate(commentEvent('@flue', 'github-actions[bot]'), options({ selfLogin }), lookup);
    expect(other).toEqual({
      run: false,
      reason: "The event was caused by the bot 'github-actions[bot]', which is not in allowed-bots. Add it to allowed-bots to let it start runs.",
    });
  });

  test('the login is asked only for a comment that passed the cheap checks; a failed lookup means github-actions[bot]', async () => {
    const asks: string[] = [];
    const failing = async (): Promise<string | undefined> => {
      asks.push('viewer');
      throw new Error('POST /graphql failed: 502');
    };
    const { lookup } = permissions({ Codertocat: 'write' });
    expect((await decideGate(commentEvent('no phrase here'), options({ selfLogin: failing }), lookup)).run).toBe(false);
    expect(asks).toEqual([]);
    expect(await decideGate(commentEvent('@flue'), options({ selfLogin: failing }), lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    const own = await decideGate(
      commentEvent('@flue', 'github-actions[bot]'),
      options({ selfLogin: failing, allowedBots: ['github-actions'] }),
      lookup,
    );
    expect(own).toEqual({ run: false, reason: expect.stringContaining('posted by github-actions[bot], the account this workflow writes as') });
    expect(asks).toEqual(['viewer', 'viewer']);
  });

  test('a bot is refused unless allowed; an allowed bot counts as a writer', async () => {
    const payload = example('issues', 'opened');
    payload.sender = at(example('check_suite', 'rerequested', 1), 'sender');
    const trigger = triggerFromGitHubEvent('issues', payload);
    const { lookup, asked } = permissions({ Codertocat: 'write' });
    expect(await decideGate(trigger, options(), lookup)).toEqual({
      run: false,
      reason: "The event was caused by the bot 'octocoders-linter[bot]', which is not in allowed-bots. Add it to allowed-bots to let it start runs.",
    });
    expect(asked).toEqual([]);
    // The bot needs no lookup; the author (a writer here) is still asked about.
    const allowed = options({ allowedBots: ['Octocoders-Linter'] });
    expect(await decideGate(trigger, allowed, lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual(['Codertocat']);
  });

  test('a bot comment needs the phrase too', async () => {
    const trigger = commentEvent('LGTM', 'renovate[bot]');
    const decision = await decideGate(trigger, options({ allowedBots: ['renovate[bot]'] }), permissions({}).lookup);
    expect(decision).toEqual({ run: false, reason: expect.stringContaining("does not mention '@flue'") });
  });
});

describe('every event that carries a comment needs the phrase and a writer', () => {
  test.each(['discussion_comment', 'commit_comment', 'pull_request_review'] as const)(
    '%s without the phrase is skipped without a lookup',
    async (eventName) => {
      const { lookup, asked } = permissions({ Codertocat: 'admin' });
      const noun = eventName === 'pull_request_review' ? 'review' : 'comment';
      expect(await decideGate(commentKind(eventName, 'Thanks, looks great!'), options(), lookup)).toEqual({
        run: false,
        reason: `The ${noun} does not mention '@flue' (trigger-phrase), outside quotes and code; ${noun}s start a run only when they do.`,
      });
      expect(asked).toEqual([]);
    },
  );

  test.each(['discussion_comment', 'commit_comment', 'pull_request_review'] as const)(
    '%s with the phrase by a non-writer is refused',
    async (eventName) => {
      const { lookup } = permissions({ mallory: 'read' });
      const noun = eventName === 'pull_request_review' ? 'review' : 'comment';
      const action = eventName === 'pull_request_review' ? 'submitted' : 'created';
      expect(await decideGate(commentKind(eventName, '@flue run the deploy', 'mallory'), options(), lookup)).toEqual({
        run: false,
        reason:
          `@mallory (${noun} author, actor of this ${eventName}.${action} event) has read permission. A comment starts a run only for users ` +
          `with write, maintain or admin permission on ${eventName === 'discussion_comment' ? 'octo-org/octo-repo' : 'Codertocat/Hello-World'}, ` +
          'or users listed in allowed-users.',
      });
    },
  );

  test.each(['discussion_comment', 'commit_comment', 'pull_request_review'] as const)(
    '%s with the phrase by a writer runs trusted',
    async (eventName) => {
      const { lookup } = permissions({ Codertocat: 'write' });
      expect(await decideGate(commentKind(eventName, '@flue what do you think?'), options(), lookup)).toEqual({
        run: true,
        profile: 'trusted',
        notes: [],
      });
    },
  );

  test('an approval without text is no request; an unknown event with a comment is gated as one', async () => {
    const { lookup } = permissions({ Codertocat: 'admin' });
    const approval = triggerFromGitHubEvent('pull_request_review', example('pull_request_review', 'submitted'));
    expect((await decideGate(approval, options(), lookup)).run).toBe(false);
    const payload = example('discussion_comment', 'created');
    at(payload, 'comment').body = '@flue answer';
    const future = triggerFromGitHubEvent('discussion_comment_v2', payload);
    expect(await decideGate(future, options(), permissions({ Codertocat: 'read' }).lookup)).toEqual({
      run: false,
      reason: expect.stringMatching(/^@Codertocat \(comment author, actor of this discussion_comment_v2\.created event\) has read permission\./),
    });
  });
});

describe('events only writers can cause', () => {
  test('push, workflow_dispatch and schedule run trusted without a lookup', async () => {
    const { lookup, asked } = permissions({});
    const needy = options({ trustAuthorText: false });
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
