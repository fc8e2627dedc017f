// Outputs across a kill in the publish stage, at the pipeline level with a host that records each write
// (a local CLI run never posts): a run killed after some of its outputs were applied is resumed, and only
// the rest are applied, each under the OutputKey it would have had, so a host can find what it posted.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputKey } from '../../src/hosts/host.js';
import { ScriptedModelClient, type ScriptedTurn } from '../../src/harness/index.js';
import { runPipeline, type PipelineSettings } from '../../src/pipeline.js';
import { readSessionLog, type SessionEventOf } from '../../src/session-log/index.js';
import type { Trigger } from '../../src/trigger/types.js';
import { makeTempDir, onlyLog, removeTempDirs } from '../cli/helpers.js';
import { RecordingHost } from '../publish/fakes.js';
import { cutLog } from './session.js';

const AGENT = `---
description: Labels and comments twice
model: anthropic/claude-sonnet-4-6
tools: [read]
outputs:
  add_comment: { max: 2 }
  add_labels: { allowed: [bug], max: 1 }
---
Label, comment twice.
`;

const SCRIPT: ScriptedTurn[] = [
  { content: [{ type: 'tool_use', name: 'add_comment', input: { body: 'First look.' } }] },
  {
    content: [
      { type: 'tool_use', name: 'add_labels', input: { labels: ['bug'] } },
      { type: 'tool_use', name: 'add_comment', input: { body: 'Labelled.' } },
    ],
  },
  { content: 'Done.' },
];

const issue: Trigger = {
  kind: 'issue',
  eventName: 'issues',
  action: 'opened',
  repository: { owner: 'acme', name: 'widgets' },
  number: 12,
  isPullRequest: false,
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: {},
};

afterAll(removeTempDirs);

async function run(host: RecordingHost, workspace: string, logDir: string, resumeFrom?: string) {
  const resumed = resumeFrom === undefined ? undefined : readSessionLog(resumeFrom);
  const settings: PipelineSettings = {
    workspace,
    agent: 'worker',
    limits: {},
    profile: 'trusted',
    dryRun: false,
    logDir,
    secrets: [],
    resumeFrom: resumed,
  };
  return runPipeline(settings, {
    host,
    trigger: issue,
    createModelClient: () => {
      const model = new ScriptedModelClient(SCRIPT, 'script');
      model.skipTurns(resumed?.events.filter((event) => event.type === 'model_response').length ?? 0);
      return model;
    },
  });
}

const keyed = (host: RecordingHost): Array<[string, OutputKey | undefined]> =>
  host.calls.map((call) => [call.output.kind === 'add_comment' ? call.output.body : call.output.kind, call.key]);

describe('a run killed while its outputs were being applied', () => {
  it.each([
    [0, ['add_labels', 'First look.', 'Labelled.']],
    [1, ['First look.', 'Labelled.']],
    [2, ['Labelled.']],
  ])('after %i applied, the resume applies only the rest, under their own keys', async (appliedBefore, expected) => {
    const workspace = await makeTempDir({ '.flue/agents/worker.md': AGENT });
    const logDir = await makeTempDir();
    const first = new RecordingHost();
    const report = await run(first, workspace, logDir);
    expect(report.status).toBe('succeeded');
    const keys = new Map(keyed(first));
    expect([...keys.keys()]).toEqual(['add_labels', 'First look.', 'Labelled.']);

    // The log as a kill after `appliedBefore` outputs leaves it.
    const full = readSessionLog(onlyLog(logDir));
    const appliedEvents = full.events.filter((event) => event.type === 'output_applied');
    const cutAfter =
      appliedBefore === 0
        ? full.events.indexOf(appliedEvents[0] as SessionEventOf<'output_applied'>)
        : full.events.indexOf(appliedEvents[appliedBefore - 1] as SessionEventOf<'output_applied'>) + 1;
    const file = path.join(logDir, 'interrupted.jsonl');
    cutLog(onlyLog(logDir), file, cutAfter + 1);

    const second = new RecordingHost();
    const resumed = await run(second, workspace, logDir, file);
    expect(resumed.status).toBe('succeeded');
    expect(keyed(second)).toEqual(expected.map((name) => [name, keys.get(name)]));
    const log = readSessionLog(file);
    expect(
      log.events
        .filter((event) => event.type === 'output_applied')
        .map((event) => event.id)
        .sort(),
    ).toEqual(['output-1', 'output-2', 'output-3']);
    expect(log.events.filter((event) => event.type === 'end')).toHaveLength(1);
    // The resumed run's report lists what it applied; the log holds all of it.
    expect(resumed.publish.applied.map((entry) => entry.kind)).toEqual(second.calls.map((call) => call.output.kind));
  });
});
