import { describe, expect, test } from 'vitest';
import { TriggerError } from '../../src/errors.js';
import { LIMITS } from '../../src/limits.js';
import { inferGitHubEventName, triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { triggerFromInput } from '../../src/trigger/input.js';
import { at, example, examples } from './examples.js';

describe('inferGitHubEventName', () => {
  test.each([
    'issues',
    'issue_comment',
    'pull_request',
    'pull_request_review_comment',
    'pull_request_review',
    'discussion',
    'discussion_comment',
    'commit_comment',
    'push',
    'workflow_run',
    'workflow_dispatch',
  ])('every real %s example is recognised by its shape', (event) => {
    const payloads = examples(event);
    expect(payloads.length).toBeGreaterThan(0);
    expect(payloads.map((payload) => inferGitHubEventName(payload))).toEqual(payloads.map(() => event));
  });

  test('a schedule payload is recognised by its cron', () => {
    const { repository } = example('workflow_dispatch');
    expect(inferGitHubEventName({ schedule: '0 3 * * *', repository })).toBe('schedule');
  });

  test('triggerFromGitHubEvent infers the name when none is given', () => {
    const trigger = triggerFromGitHubEvent(undefined, example('issue_comment', 'created'));
    expect([trigger.kind, trigger.eventName]).toEqual(['issue_comment', 'issue_comment']);
  });

  test('an unrecognisable payload lists what was looked for', () => {
    expect(() => inferGitHubEventName(example('check_suite', 'completed'), 'event.json')).toThrow(
      new TriggerError(
        'event.json: cannot tell which GitHub event this payload is (top-level fields: action, check_suite, ' +
          'repository, sender). Looked for comment+issue → issue_comment, comment+pull_request → ' +
          'pull_request_review_comment, comment+discussion → discussion_comment, review+pull_request → pull_request_review, ' +
          'pull_request → pull_request, issue → issues, discussion → discussion, comment → commit_comment, commits+ref → push, workflow_run → workflow_run, inputs+ref → workflow_dispatch, ' +
          'schedule → schedule. Pass --event-name NAME (issues, issue_comment, pull_request, ...).',
      ),
    );
    expect(() => triggerFromGitHubEvent(undefined, {})).toThrow(/event payload: cannot tell .*top-level fields: none\)/);
  });
});

describe('hostile payloads', () => {
  test.each([
    [null, 'null'],
    [[example('issues', 'opened')], 'an array'],
    ['{"issue": {}}', 'string'],
    [42, 'number'],
  ])('%j is refused in one line', (payload, got) => {
    expect(() => triggerFromGitHubEvent('issues', payload, { source: 'event.json' })).toThrow(
      new TriggerError(`event.json: expected a JSON object (a GitHub webhook payload), got ${got}.`),
    );
  });

  test('a huge body is cut with a marker', () => {
    const payload = example('issues', 'opened');
    at(payload, 'issue').body = 'A'.repeat(5_000_000);
    at(payload, 'issue').title = '\u{1F600}'.repeat(LIMITS.triggerTextChars);
    const trigger = triggerFromGitHubEvent('issues', payload);
    expect(trigger.body).toBe(`${'A'.repeat(LIMITS.triggerTextChars)}\n[… ${5_000_000 - LIMITS.triggerTextChars} more characters cut]`);
    // Never half an emoji: the cut moves back to the start of the surrogate pair.
    expect(trigger.title?.startsWith('\u{1F600}'.repeat(LIMITS.triggerTextChars / 2) + '\n[… ')).toBe(true);
  });

  test('__proto__ in workflow_dispatch inputs stays data', () => {
    const payload = JSON.parse(
      '{"ref":"refs/heads/main","repository":{"full_name":"acme/widgets"},' +
        '"inputs":{"__proto__":{"polluted":"yes"},"constructor":"x","nested":{"__proto__":{"deep":1}}}}',
    ) as unknown;
    const trigger = triggerFromGitHubEvent('workflow_dispatch', payload);
    expect(Object.getPrototypeOf(trigger.inputs)).toBeNull();
    expect(Object.hasOwn(trigger.inputs, '__proto__')).toBe(true);
    expect(JSON.stringify(trigger.inputs)).toBe('{"__proto__":{"polluted":"yes"},"constructor":"x","nested":{"__proto__":{"deep":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(trigger.inputs.nested)).toBeNull();
  });

  test('inherited fields are not read: only own properties count', () => {
    const inherited = Object.create({ repository: { full_name: 'acme/widgets' }, issue: { number: 3 } }) as object;
    expect(() => triggerFromGitHubEvent('issues', inherited)).toThrow(/field 'repository.full_name' is missing/);
    expect(() => triggerFromGitHubEvent('issues', inherited, { repository: 'a/b' })).toThrow(/needs field 'issue'/);
  });

  test('fields of the wrong type read as absent', () => {
    const payload = example('issues', 'opened');
    const issue = at(payload, 'issue');
    Object.assign(issue, { number: '1', title: 7, labels: 'bug', user: null, html_url: { href: 'x' } });
    payload.sender = 'Codertocat';
    expect(triggerFromGitHubEvent('issues', payload)).toEqual({
      kind: 'issue',
      eventName: 'issues',
      action: 'opened',
      repository: { owner: 'Codertocat', name: 'Hello-World' },
      isPullRequest: false,
      body: "It looks like you accidently spelled 'commit' with two 't's.",
      labels: [],
      actor: '',
      actorIsBot: false,
      refs: {},
      inputs: {},
    });
  });

  test('nesting deeper than any real input is cut, not recursed into', () => {
    let deep: unknown = 'bottom';
    for (let index = 0; index < 10_000; index += 1) deep = { next: deep };
    const trigger = triggerFromInput({ deep });
    expect(JSON.stringify(trigger.inputs)).toContain('"[nested too deep]"');
  });
});

describe('triggerFromInput', () => {
  test('a manual trigger with the inputs as data', () => {
    const input = JSON.parse('{"issue": 12, "__proto__": {"admin": true}}') as Record<string, unknown>;
    const trigger = triggerFromInput(input, 'acme/widgets');
    expect(trigger).toEqual({
      kind: 'manual',
      eventName: 'manual',
      repository: { owner: 'acme', name: 'widgets' },
      isPullRequest: false,
      labels: [],
      actor: 'local',
      actorIsBot: false,
      refs: {},
      inputs: JSON.parse('{"issue": 12, "__proto__": {"admin": true}}'),
    });
    expect(Object.getPrototypeOf(trigger.inputs)).toBeNull();
    expect((trigger.inputs as { admin?: unknown }).admin).toBeUndefined();
    expect(triggerFromInput({}).repository).toEqual({ owner: '', name: '' });
  });

  test('a non-object is refused', () => {
    expect(() => triggerFromInput([1] as unknown as Record<string, unknown>)).toThrow(
      new TriggerError('--input: expected a JSON object, got an array.'),
    );
    expect(() => triggerFromInput(null as unknown as Record<string, unknown>)).toThrow(new TriggerError('--input: expected a JSON object, got null.'));
  });
});
