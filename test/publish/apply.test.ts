import { describe, expect, test } from 'vitest';
import type { OutputPolicy } from '../../src/definitions/types.js';
import { applySafeOutputs, type Proposal, type PublishInput } from '../../src/publish/apply.js';
import type { ProposedOutput } from '../../src/tools/types.js';
import type { Trigger } from '../../src/trigger/types.js';
import { checkProposal } from '../../src/tools/outputs.js';
import { EventList, RecordingHost } from './fakes.js';

const Z = '\u200b';
const pullRequest: Trigger = {
  kind: 'pull_request',
  eventName: 'pull_request',
  action: 'opened',
  repository: { owner: 'acme', name: 'widgets' },
  number: 7,
  isPullRequest: true,
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: {},
};
const policy: OutputPolicy = {
  add_comment: { max: 1 },
  add_labels: { allowed: ['bug', 'area/cli'], max: 3 },
  remove_labels: { allowed: ['needs-triage'], max: 1 },
  submit_review: { max: 1, events: ['COMMENT', 'REQUEST_CHANGES'] },
};
const review: Extract<ProposedOutput, { kind: 'submit_review' }> = {
  kind: 'submit_review',
  body: 'Two nits.',
  event: 'COMMENT',
  comments: [{ path: 'a.ts', line: 2, body: 'nit' }],
};

function publish(proposals: Proposal[], overrides: Partial<PublishInput> = {}) {
  const host = new RecordingHost();
  const recorder = new EventList();
  const input: PublishInput = { agent: 'triage', proposals, policy, trigger: pullRequest, host, recorder, dryRun: false, secrets: [] };
  return { ...input, ...overrides, recorder: overrides.recorder ?? recorder, host: overrides.host ?? host };
}

test('outputs are applied in the fixed order, whatever order they were proposed in', async () => {
  const input = publish([
    { id: 'p1', output: { kind: 'add_comment', body: 'Labelled and reviewed.' } },
    { id: 'p2', output: { ...review, comments: [...review.comments] } },
    { id: 'p3', output: { kind: 'add_labels', labels: ['bug'] } },
    { id: 'p4', output: { kind: 'remove_labels', labels: ['needs-triage'] } },
  ]);
  const report = await applySafeOutputs(input);
  const host = input.host as RecordingHost;
  expect(host.calls.map((call) => [call.output.kind, call.number])).toEqual([
    ['remove_labels', 7],
    ['add_labels', 7],
    ['submit_review', 7],
    ['add_comment', 7],
  ]);
  const url = (kind: string, n: number) => `https://github.com/acme/widgets/issues/7#${kind}-${n}`;
  expect(report).toEqual({
    applied: [
      { id: 'p4', kind: 'remove_labels', output: { kind: 'remove_labels', labels: ['needs-triage'] }, dryRun: false, url: url('remove_labels', 1) },
      { id: 'p3', kind: 'add_labels', output: { kind: 'add_labels', labels: ['bug'] }, dryRun: false, url: url('add_labels', 2) },
      { id: 'p2', kind: 'submit_review', output: review, dryRun: false, url: url('submit_review', 3) },
      { id: 'p1', kind: 'add_comment', output: { kind: 'add_comment', body: 'Labelled and reviewed.' }, dryRun: false, url: url('add_comment', 4) },
    ],
    rejected: [],
    failed: [],
  });
  expect((input.recorder as EventList).events).toEqual([
    {
      type: 'output_applied',
      id: 'p4',
      kind: 'remove_labels',
      url: url('remove_labels', 1),
      dryRun: false,
      output: { kind: 'remove_labels', labels: ['needs-triage'] },
    },
    { type: 'output_applied', id: 'p3', kind: 'add_labels', url: url('add_labels', 2), dryRun: false, output: { kind: 'add_labels', labels: ['bug'] } },
    { type: 'output_applied', id: 'p2', kind: 'submit_review', url: url('submit_review', 3), dryRun: false, output: review },
    {
      type: 'output_applied',
      id: 'p1',
      kind: 'add_comment',
      url: url('add_comment', 4),
      dryRun: false,
      output: { kind: 'add_comment', body: 'Labelled and reviewed.' },
    },
  ]);
});

test('each output reaches the host keyed by agent, kind and its index among the accepted outputs of its kind', async () => {
  const input = publish(
    [
      { id: 'c1', output: { kind: 'add_comment', body: 'first' } },
      { id: 'l1', output: { kind: 'add_labels', labels: ['wontfix'] } },
      { id: 'l2', output: { kind: 'add_labels', labels: ['bug'] } },
      { id: 'c2', output: { kind: 'add_comment', body: 'second' } },
    ],
    { policy: { add_comment: { max: 2 }, add_labels: { allowed: ['bug'], max: 2 } } },
  );
  await applySafeOutputs(input);
  // The refused `wontfix` takes no index: a re-run that proposes only `bug` keys it the same way.
  expect((input.host as RecordingHost).calls.map((call) => [call.output.kind, call.key])).toEqual([
    ['add_labels', { agent: 'triage', kind: 'add_labels', index: 1 }],
    ['add_comment', { agent: 'triage', kind: 'add_comment', index: 1 }],
    ['add_comment', { agent: 'triage', kind: 'add_comment', index: 2 }],
  ]);
});

describe('the policy is checked again', () => {
  test('rejections are recorded with their reasons and never reach the host', async () => {
    const input = publish(
      [
        { id: 'c1', output: { kind: 'add_comment', body: 'first' } },
        { id: 'c2', output: { kind: 'add_comment', body: 'second' } },
        { id: 'l1', output: { kind: 'add_labels', labels: ['bug', 'wontfix'] } },
        { id: 'r1', output: { ...review, event: 'APPROVE' } },
        { id: 'x1', output: { kind: 'remove_labels', labels: ['needs-triage'] } },
      ],
      { policy: { add_comment: policy.add_comment, add_labels: policy.add_labels, submit_review: policy.submit_review } },
    );
    const report = await applySafeOutputs(input);
    expect(report.rejected).toEqual([
      { id: 'c2', kind: 'add_comment', reason: 'add_comment: at most 1 comment per run, and 1 already proposed' },
      { id: 'l1', kind: 'add_labels', reason: "add_labels: label 'wontfix' is not allowed; allowed: bug, area/cli" },
      { id: 'r1', kind: 'submit_review', reason: 'submit_review: event APPROVE is not allowed; allowed: COMMENT, REQUEST_CHANGES' },
      {
        id: 'x1',
        kind: 'remove_labels',
        reason: "remove_labels is not allowed: the agent's outputs: policy does not declare it",
      },
    ]);
    expect((input.host as RecordingHost).calls.map((call) => call.output)).toEqual([{ kind: 'add_comment', body: 'first' }]);
    expect((input.recorder as EventList).events.filter((event) => event.type === 'output_rejected')).toEqual(
      report.rejected.map((item) => ({ type: 'output_rejected', ...item })),
    );
  });

  test('the check sees the sanitized output, what was accepted before it, and whether this is a PR', async () => {
    const seen: unknown[] = [];
    const input = publish(
      [
        { id: 'l1', output: { kind: 'add_labels', labels: [' bug ', 'BUG', 'area/cli'] } },
        { id: 'r1', output: { ...review } },
      ],
      {
        trigger: { ...pullRequest, isPullRequest: false },
        check: (policyArg, proposal, accepted, context) => {
          seen.push({ policy: policyArg === policy, proposal, accepted: [...accepted], context });
          return checkProposal(policyArg, proposal, accepted, context);
        },
      },
    );
    const report = await applySafeOutputs(input);
    expect(seen).toEqual([
      { policy: true, proposal: { kind: 'add_labels', labels: ['bug', 'area/cli'] }, accepted: [], context: { isPullRequest: false, trusted: false } },
      {
        policy: true,
        proposal: review,
        accepted: [{ kind: 'add_labels', labels: ['bug', 'area/cli'] }],
        context: { isPullRequest: false, trusted: false },
      },
    ]);
    expect(report.rejected).toEqual([
      {
        id: 'r1',
        kind: 'submit_review',
        reason: 'submit_review: this run was not triggered by a pull request, so there is nothing to review',
      },
    ]);
  });

  test('an output left empty by sanitizing is refused: what is checked is what is sent', async () => {
    const input = publish([
      { id: 'c1', output: { kind: 'add_comment', body: '\u0000\u0007 \r\n' } },
      { id: 'l1', output: { kind: 'add_labels', labels: ['  ', '\u0000'] } },
      { id: 'r1', output: { ...review, body: '\u0000' } },
    ]);
    expect((await applySafeOutputs(input)).rejected).toEqual([
      { id: 'c1', kind: 'add_comment', reason: 'comment body is empty' },
      { id: 'l1', kind: 'add_labels', reason: 'add_labels: give at least one label' },
      { id: 'r1', kind: 'submit_review', reason: 'review body is empty' },
    ]);
    expect((input.host as RecordingHost).calls).toEqual([]);
  });
});

test('the host receives the sanitized text (mentions neutralized, secrets redacted), and the log records it as sent', async () => {
  const input = publish([{ id: 'c1', output: { kind: 'add_comment', body: 'cc @alice, token s3cr3t-value-42 and `@types/node`' } }], {
    secrets: ['s3cr3t-value-42'],
  });
  await applySafeOutputs(input);
  const sent = { kind: 'add_comment', body: `cc @${Z}alice, token [REDACTED] and \`@types/node\`` };
  expect((input.host as RecordingHost).calls[0]?.output).toEqual(sent);
  expect((input.recorder as EventList).events).toEqual([
    {
      type: 'output_applied',
      id: 'c1',
      kind: 'add_comment',
      url: 'https://github.com/acme/widgets/issues/7#add_comment-1',
      dryRun: false,
      output: sent,
    },
  ]);
});

test('a label holding a secret refuses its whole proposal, and neither the host nor the log sees the label', async () => {
  const input = publish(
    [
      { id: 'l1', output: { kind: 'add_labels', labels: ['bug', 'area/ghs_0123456789abcdefghijklmn'] } },
      { id: 'l2', output: { kind: 'add_labels', labels: ['area/cli'] } },
    ],
    { policy: { ...policy, add_labels: { allowed: ['bug', 'area/*'], max: 3 } } },
  );
  const reason = 'add_labels: label 2 holds a secret; no label of this proposal was applied';
  expect((await applySafeOutputs(input)).rejected).toEqual([{ id: 'l1', kind: 'add_labels', reason }]);
  expect((input.host as RecordingHost).calls.map((call) => call.output)).toEqual([{ kind: 'add_labels', labels: ['area/cli'] }]);
  expect((input.recorder as EventList).events[0]).toEqual({ type: 'output_rejected', id: 'l1', kind: 'add_labels', reason });
});

test('what the host changed to get an output accepted is recorded as a note', async () => {
  const host = new RecordingHost();
  const note = '1 inline comment is on lines outside the diff (a.ts:2); moved into the review body.';
  const url = 'https://github.com/acme/widgets/pull/7#pullrequestreview-1';
  host.applyOutput = async () => ({ url, note });
  const input = publish([{ id: 'r1', output: review }], { host });
  await applySafeOutputs(input);
  expect((input.recorder as EventList).events).toEqual([
    { type: 'output_applied', id: 'r1', kind: 'submit_review', url, dryRun: false, output: review, note },
  ]);
});

test('one output failing to apply does not stop the others, and is recorded', async () => {
  const host = new RecordingHost(new Set(['add_labels']));
  const input = publish(
    [
      { id: 'l1', output: { kind: 'add_labels', labels: ['bug'] } },
      { id: 'c1', output: { kind: 'add_comment', body: 'Done.' } },
    ],
    { host },
  );
  const report = await applySafeOutputs(input);
  expect(host.calls.map((call) => call.output.kind)).toEqual(['add_labels', 'add_comment']);
  expect(report.failed).toEqual([{ id: 'l1', kind: 'add_labels', message: 'GitHub add_labels on acme/widgets#7 failed: 422 Validation Failed' }]);
  expect(report.applied.map((item) => item.id)).toEqual(['c1']);
  expect((input.recorder as EventList).events).toEqual([
    { type: 'error', message: 'add_labels l1 was not applied: GitHub add_labels on acme/widgets#7 failed: 422 Validation Failed' },
    {
      type: 'output_applied',
      id: 'c1',
      kind: 'add_comment',
      url: 'https://github.com/acme/widgets/issues/7#add_comment-2',
      dryRun: false,
      output: { kind: 'add_comment', body: 'Done.' },
    },
  ]);
});

test('a fatal error is not swallowed as one failed output', async () => {
  const host = new RecordingHost();
  host.applyOutput = async () => {
    throw new RangeError('Maximum call stack size exceeded');
  };
  const input = publish([{ id: 'c1', output: { kind: 'add_comment', body: 'x' } }], { host });
  await expect(applySafeOutputs(input)).rejects.toThrow('Maximum call stack size exceeded');
});

test('a dry run applies nothing and records what it would have applied', async () => {
  const input = publish(
    [
      { id: 'c1', output: { kind: 'add_comment', body: 'Hi @bob' } },
      { id: 'l1', output: { kind: 'add_labels', labels: ['bug'] } },
    ],
    { dryRun: true },
  );
  const report = await applySafeOutputs(input);
  expect((input.host as RecordingHost).calls).toEqual([]);
  expect(report).toEqual({
    applied: [
      { id: 'l1', kind: 'add_labels', output: { kind: 'add_labels', labels: ['bug'] }, dryRun: true },
      { id: 'c1', kind: 'add_comment', output: { kind: 'add_comment', body: `Hi @${Z}bob` }, dryRun: true },
    ],
    rejected: [],
    failed: [],
  });
  expect((input.recorder as EventList).events).toEqual([
    { type: 'output_applied', id: 'l1', kind: 'add_labels', dryRun: true, output: { kind: 'add_labels', labels: ['bug'] } },
    { type: 'output_applied', id: 'c1', kind: 'add_comment', dryRun: true, output: { kind: 'add_comment', body: `Hi @${Z}bob` } },
  ]);
});
