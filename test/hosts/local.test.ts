import { expect, test } from 'vitest';
import { LocalHost } from '../../src/hosts/local.js';
import { applySafeOutputs } from '../../src/publish/apply.js';
import { triggerFromInput } from '../../src/trigger/input.js';
import { EventList } from '../publish/fakes.js';

test('a local run posts nowhere: applyOutput returns no address', async () => {
  const host = new LocalHost();
  expect(host.name).toBe('local');
  await expect(host.applyOutput({ kind: 'add_comment', body: 'hi' }, triggerFromInput({}))).resolves.toEqual({});
});

test('outputs published through the local host are still recorded and reported', async () => {
  const recorder = new EventList();
  const report = await applySafeOutputs({
    agent: 'triage',
    proposals: [{ id: 'c1', output: { kind: 'add_comment', body: 'hi' } }],
    policy: { add_comment: { max: 1 } },
    trigger: triggerFromInput({}),
    host: new LocalHost(),
    recorder,
    dryRun: false,
    secrets: [],
  });
  expect(report).toEqual({
    applied: [{ id: 'c1', kind: 'add_comment', output: { kind: 'add_comment', body: 'hi' }, dryRun: false }],
    rejected: [],
    failed: [],
  });
  expect(recorder.events).toEqual([
    { type: 'output_applied', id: 'c1', kind: 'add_comment', dryRun: false, output: { kind: 'add_comment', body: 'hi' } },
  ]);
});
