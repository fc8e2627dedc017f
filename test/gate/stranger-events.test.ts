// Events a stranger can cause or shape: the profile is the lowest trust of everyone whose words or code
// the run reads, decided once; what the agent needs is checked after loading, against that profile.
import { describe, expect, test } from 'vitest';
import { admitAgent, decideGate, type RunDecision } from '../../src/gate/gate.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { at, example } from '../trigger/examples.js';
import { forkPullRequest, issueBy, options, permissions } from './helpers.js';

const UNTRUSTED = 'Running with the untrusted profile (read-only tools, no commands, no network): ';
const issueOpened = () => triggerFromGitHubEvent('issues', example('issues', 'opened'));

describe('issues and discussions', () => {
  test.each(['opened', 'edited', 'labeled'])('issues.%s by a writer on a writer’s issue runs trusted', async (action) => {
    const trigger = triggerFromGitHubEvent('issues', example('issues', action));
    expect(await decideGate(trigger, options(), permissions({ Codertocat: 'write' }).lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
  });

  test('an issue opened by a non-writer runs untrusted, and says why (actor and author are one person)', async () => {
    const decision = await decideGate(issueOpened(), options(), permissions({ Codertocat: 'read' }).lookup);
    const because = '@Codertocat (actor of this issues.opened event, author of the issue) has read permission';
    expect(decision).toEqual({ run: true, profile: 'untrusted', notes: [`${UNTRUSTED}${because}.`], because });
  });

  test.each(['labeled', 'edited'])('issues.%s by an admin on a stranger’s issue runs untrusted: the run reads the stranger’s text', async (action) => {
    const { lookup, asked } = permissions({ Codertocat: 'admin', mallory: 'none' });
    const because = '@mallory (author of the issue) has none permission';
    expect(await decideGate(issueBy('mallory', action), options(), lookup)).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [`${UNTRUSTED}${because}.`],
      because,
    });
    expect(asked).toEqual(['Codertocat', 'mallory']);
  });

  test('trust-author-text lets the writer’s action vouch for the stranger’s text, and says so', async () => {
    const decision = await decideGate(
      issueBy('mallory'),
      options({ trustAuthorText: true }),
      permissions({ Codertocat: 'admin', mallory: 'read' }).lookup,
    );
    expect(decision).toEqual({
      run: true,
      profile: 'trusted',
      notes: ['Running trusted although @mallory (author of the issue) has read permission: trust-author-text is on and a writer caused the event.'],
    });
  });

  test('trust-author-text does not help when the actor is not a writer', async () => {
    const decision = await decideGate(issueOpened(), options({ trustAuthorText: true }), permissions({ Codertocat: 'read' }).lookup);
    expect(decision).toMatchObject({ run: true, profile: 'untrusted' });
  });

  test('a discussion a stranger wrote, labeled by a writer, runs untrusted like an issue', async () => {
    const payload = example('discussion', 'labeled');
    at(payload, 'discussion', 'user').login = 'mallory';
    const decision = await decideGate(
      triggerFromGitHubEvent('discussion', payload),
      options(),
      permissions({ Codertocat: 'admin', mallory: 'read' }).lookup,
    );
    const because = '@mallory (author of the discussion) has read permission';
    expect(decision).toEqual({ run: true, profile: 'untrusted', notes: [`${UNTRUSTED}${because}.`], because });
  });

  test('a failed lookup runs untrusted, with a note naming the failure', async () => {
    const decision = await decideGate(issueOpened(), options(), permissions({}).lookup);
    const because = '@Codertocat (actor of this issues.opened event, author of the issue) has a permission that could not be read';
    expect(decision).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [
        "Could not read @Codertocat's permission (GET /repos/.../collaborators/Codertocat/permission: 404 Not Found); treated as no permission.",
        `${UNTRUSTED}${because}.`,
      ],
      because,
    });
  });
});

describe('pull requests and workflow runs', () => {
  test('a same-repository pull request by a writer runs trusted; one lookup for actor and author', async () => {
    const { lookup, asked } = permissions({ Codertocat: 'write' });
    const trigger = triggerFromGitHubEvent('pull_request', example('pull_request', 'synchronize'));
    expect(trigger.refs.fromFork).toBe(false);
    expect(await decideGate(trigger, options(), lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect(asked).toEqual(['Codertocat']);
  });

  test.each(['pull_request', 'pull_request_target'])('%s from a fork by a non-writer runs untrusted', async (eventName) => {
    const decision = await decideGate(forkPullRequest(eventName), options(), permissions({ Codertocat: 'read' }).lookup);
    const because = `@Codertocat (actor of this ${eventName}.opened event, author of the pull request from a fork) has read permission`;
    expect(decision).toEqual({ run: true, profile: 'untrusted', notes: [`${UNTRUSTED}${because}.`], because });
  });

  test('a fork pull request reopened by a maintainer is still its author’s code, trust-author-text or not', async () => {
    const trigger = { ...forkPullRequest('pull_request_target', 'reopened'), actor: 'maintainer' };
    const { lookup, asked } = permissions({ maintainer: 'maintain', Codertocat: 'read' });
    expect(await decideGate(trigger, options({ trustAuthorText: true }), lookup)).toMatchObject({
      run: true,
      profile: 'untrusted',
      because: '@Codertocat (author of the pull request from a fork) has read permission',
    });
    expect(asked).toEqual(['maintainer', 'Codertocat']);
    const bothWriters = permissions({ maintainer: 'maintain', Codertocat: 'write' });
    expect(await decideGate(trigger, options(), bothWriters.lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
  });

  test('workflow_run checks the upstream run’s actor as well as the re-runner', async () => {
    const payload = example('workflow_run', 'completed', 2);
    at(payload, 'workflow_run').triggering_actor = { login: 'maintainer', type: 'User' };
    const { lookup, asked } = permissions({ maintainer: 'admin', Codertocat: 'read' });
    const because = '@Codertocat (actor of the upstream run) has read permission';
    expect(await decideGate(triggerFromGitHubEvent('workflow_run', payload), options({ trustAuthorText: true }), lookup)).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [`${UNTRUSTED}${because}.`],
      because,
    });
    expect(asked).toEqual(['maintainer', 'Codertocat']);
  });

  test('an unknown event runs trusted for writers, untrusted otherwise, and untrusted without an actor', async () => {
    const trigger = triggerFromGitHubEvent('check_run', example('check_run', 'completed'));
    expect(trigger.kind).toBe('unknown');
    const writer = { ...trigger, actor: 'Codertocat', actorIsBot: false };
    expect(await decideGate(writer, options(), permissions({ Codertocat: 'write' }).lookup)).toEqual({ run: true, profile: 'trusted', notes: [] });
    expect((await decideGate(writer, options(), permissions({ Codertocat: 'read' }).lookup)).run).toBe(true);
    const because = 'the event names no actor';
    expect(await decideGate({ ...writer, actor: '' }, options(), permissions({}).lookup)).toEqual({
      run: true,
      profile: 'untrusted',
      notes: [`${UNTRUSTED}${because}.`],
      because,
    });
  });
});

describe('admitAgent: the loaded agent against the decided profile', () => {
  test('an agent that needs more than the untrusted profile is refused, naming what it needs', async () => {
    const decision = (await decideGate(issueOpened(), options(), permissions({ Codertocat: 'none' }).lookup)) as RunDecision;
    expect(admitAgent(decision, ['tools: write', 'commands: npm test', 'network'], options().writers)).toEqual({
      run: false,
      reason:
        '@Codertocat (actor of this issues.opened event, author of the issue) has none permission, so the run would get the untrusted profile ' +
        '(read-only tools, no commands, no network), but the agent needs tools: write; commands: npm test; network. ' +
        'Such an agent runs only for events caused by writers (write, maintain or admin permission, or allowed-users).',
    });
  });

  test('a trusted run, or an agent that needs nothing more, is the decision unchanged', async () => {
    const trusted: RunDecision = { run: true, profile: 'trusted', notes: ['x'] };
    expect(admitAgent(trusted, ['tools: write'], options().writers)).toBe(trusted);
    const untrusted: RunDecision = { run: true, profile: 'untrusted', notes: [], because: 'y' };
    expect(admitAgent(untrusted, [], options().writers)).toBe(untrusted);
  });
});
