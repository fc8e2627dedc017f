// The gate simulation of a local `--event` run against the action's own decision, on every webhook
// example GitHub documents (@octokit/webhooks-examples): the local host (src/hosts/local-ci.ts, built as
// src/cli/local-event.ts builds it) and the action's GitHub host (against the fake GitHub, where the
// sender has the permission simulated locally and nobody else has any) must make the CI stage decide
// the same: run or skip, the profile, and every word of the reason and notes.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedPermission } from '../../src/cli/args.js';
import { asSender, simulatedAccess } from '../../src/cli/local-event.js';
import { decideGate, DEFAULT_TRIGGER_PHRASE, type GateDecision } from '../../src/gate/gate.js';
import type { CiHost } from '../../src/hosts/host.js';
import { LocalCiHost } from '../../src/hosts/local-ci.js';
import { FLUE_COMMENT_MARKER } from '../../src/hosts/markers.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import type { Trigger } from '../../src/trigger/types.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { hostOn } from './github/helpers.js';

type Payload = Record<string, unknown>;
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Payload[] }>;

interface GateSettings {
  triggerPhrase: string;
  allowedUsers: string[];
  allowedBots: string[];
  trustAuthorText: boolean;
}

const SETTINGS: Record<string, GateSettings> = {
  defaults: { triggerPhrase: DEFAULT_TRIGGER_PHRASE, allowedUsers: [], allowedBots: [], trustAuthorText: false },
  'allowed-users and bots, trust-author-text': {
    triggerPhrase: '/flue',
    allowedUsers: ['Codertocat', 'octocat'],
    allowedBots: ['dependabot', 'github-actions'],
    trustAuthorText: true,
  },
};

/** decideGate exactly as src/ci/stage.ts calls it, with `host`'s answers. */
function asTheStageDecides(trigger: Trigger, host: CiHost, settings: GateSettings): Promise<GateDecision> {
  return decideGate(
    trigger,
    {
      writers: host.platform.writers,
      triggerPhrase: settings.triggerPhrase,
      allowedUsers: settings.allowedUsers,
      allowedBots: settings.allowedBots,
      selfMarker: FLUE_COMMENT_MARKER,
      selfLogin: () => host.selfLogin(),
      defaultSelfLogin: host.platform.defaultSelfLogin,
      trustAuthorText: settings.trustAuthorText,
    },
    (login) => host.accessOf(login, trigger),
  );
}

function localHost(trigger: Trigger, permission: SimulatedPermission): LocalCiHost {
  return new LocalCiHost({ workspace: '.', sender: { login: trigger.actor, access: simulatedAccess(permission) }, say: () => {} });
}

/**
 * The Trigger of every example as GitHub sends it and, for one carrying a comment, the same comment
 * calling the runner (both phrases). Examples that read as the same Trigger are decided once: the gate
 * decides on the Trigger alone, and the table stays fast enough to run on every change.
 */
function events(): Array<{ name: string; trigger: Trigger }> {
  const all = new Map<string, { name: string; trigger: Trigger }>();
  const add = (name: string, trigger: Trigger) => {
    const key = JSON.stringify(trigger);
    if (!all.has(key)) all.set(key, { name, trigger });
  };
  for (const definition of definitions) {
    definition.examples.forEach((payload, index) => {
      const name = `${definition.name}${typeof payload.action === 'string' ? `.${payload.action}` : ''} #${index}`;
      const trigger = triggerFromGitHubEvent(definition.name, structuredClone(payload));
      add(name, trigger);
      if (trigger.comment !== undefined) {
        const body = `${trigger.comment.body}\n\n@flue and /flue, please look.`;
        add(`${name} calling the runner`, { ...trigger, comment: { ...trigger.comment, body } });
      }
    });
  }
  return [...all.values()];
}

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub({ token: 'ghs_test' });
});
afterAll(() => github.close());

/** The action's host for the event's repository: one a repository, as one a run (it asks its own login once). */
const actionHosts = new Map<string, CiHost>();
function actionHost(trigger: Trigger): CiHost {
  const key = `${trigger.repository.owner}/${trigger.repository.name}`;
  let host = actionHosts.get(key);
  if (host === undefined) actionHosts.set(key, (host = hostOn(github, { repository: trigger.repository })));
  return host;
}

describe('the local gate decides as the action does, on every webhook example', () => {
  const all = events();

  it('reads every example (329 payloads in the version pinned; 184 distinct Triggers, some with a comment)', () => {
    expect(definitions.reduce((sum, definition) => sum + definition.examples.length, 0)).toBeGreaterThanOrEqual(329);
    expect(all.length).toBeGreaterThan(184);
  });

  const outcomes = new Set<string>();
  for (const [label, settings] of Object.entries(SETTINGS)) {
    for (const permission of ['write', 'read', 'none'] as const) {
      it(`${label}, a sender with ${permission} permission`, async () => {
        for (const { name, trigger } of all) {
          const repository = github.repo(`${trigger.repository.owner}/${trigger.repository.name}`);
          repository.permissions.clear();
          if (permission !== 'none' && trigger.actor !== '') repository.permission(trigger.actor, permission);
          const expected = await asTheStageDecides(trigger, actionHost(trigger), settings);
          const local = await asTheStageDecides(trigger, localHost(trigger, permission), settings);
          expect(local, name).toEqual(expected);
          outcomes.add(expected.run ? expected.profile : 'skipped');
        }
      });
    }
  }

  it('the table exercises every decision, not one of them a thousand times', () => {
    expect([...outcomes].sort()).toEqual(['skipped', 'trusted', 'untrusted']);
  });

  it('--as: the simulated event decides as the action decides an event that login sent', async () => {
    for (const { name, trigger } of all) {
      if (trigger.actor === '') continue;
      const simulated = asSender(trigger, 'maintainer-amy');
      const repository = github.repo(`${trigger.repository.owner}/${trigger.repository.name}`);
      repository.permissions.clear();
      repository.permission('maintainer-amy', 'write');
      const expected = await asTheStageDecides(simulated, actionHost(trigger), SETTINGS.defaults as GateSettings);
      const local = new LocalCiHost({ workspace: '.', sender: { login: 'maintainer-amy', access: simulatedAccess('write') }, say: () => {} });
      expect(await asTheStageDecides(simulated, local, SETTINGS.defaults as GateSettings), name).toEqual(expected);
    }
  });
});

describe('asSender', () => {
  it('renames the sender wherever the payload names them, and no one else', () => {
    const opened = triggerFromGitHubEvent('issues', exampleOf('issues', 'opened'));
    const labeled = { ...opened, actor: 'labeler-lee' };
    expect(asSender(opened, 'amy')).toMatchObject({ actor: 'amy', author: 'amy', actorIsBot: false });
    expect(asSender(labeled, 'amy')).toMatchObject({ actor: 'amy', author: 'Codertocat' });
    const comment = triggerFromGitHubEvent('issue_comment', exampleOf('issue_comment', 'created'));
    expect(asSender(comment, 'dependabot[bot]')).toMatchObject({
      actor: 'dependabot[bot]',
      actorIsBot: true,
      comment: { author: 'dependabot[bot]', authorIsBot: true },
    });
  });
});

function exampleOf(event: string, action: string): Payload {
  const found = definitions.find((definition) => definition.name === event)?.examples.find((payload) => payload.action === action);
  if (found === undefined) throw new Error(`no example ${event}.${action}`);
  return structuredClone(found);
}

describe('LocalCiHost answers what CI asks GitHub, locally', () => {
  const said: string[] = [];
  const host = new LocalCiHost({
    workspace: '/checkout',
    sender: { login: 'Amy', access: simulatedAccess('read') },
    say: (line) => void said.push(line),
  });
  const issue = triggerFromGitHubEvent('issues', exampleOf('issues', 'opened'));

  it('the sender has the simulated access (any case of their login); anyone else none; the runner is nobody it knows', async () => {
    expect(await host.accessOf('amy', issue)).toEqual({ trust: 'reader', role: 'read permission' });
    expect(await host.accessOf('Codertocat', issue)).toEqual({ trust: 'none', role: 'none permission' });
    expect(await host.selfLogin()).toBeUndefined();
    expect(host.platform.defaultSelfLogin).toBe('github-actions[bot]');
  });

  it('posts nothing and starts no progress comment', async () => {
    expect(await host.startProgress(issue, 'triage')).toBeUndefined();
    expect(host.resumeProgress('comment:1')).toBeUndefined();
    expect(await host.applyOutput({ kind: 'add_comment', body: 'hi' }, issue)).toEqual({});
  });

  it('definitions at any commit are the working tree, and it says so', async () => {
    said.length = 0;
    expect(await host.definitionsAt('f95f852bd8fca8fcc58a9a2d6c842781e32a215e', '')).toBe('/checkout');
    expect(said).toEqual([
      "Agent definitions read from the working tree (--cwd), as in every local run; CI reads them from the pull request's base commit " +
        'f95f852bd8fca8fcc58a9a2d6c842781e32a215e, so that what a stranger pushed cannot change the agent.',
    ]);
  });

  it('an event that is not about a pull request is complete as it is', async () => {
    said.length = 0;
    expect(await host.completeTrigger(issue)).toBe(issue);
    expect(said).toEqual([]);
  });
});
