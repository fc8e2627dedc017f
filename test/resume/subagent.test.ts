// A run with a subagent, cut at every line and resumed. A cut inside the subagent resumes the parent at
// its `task` call, which had no result: the subagent runs again from its start (its calls too: README
// "Resuming a run"), and the proposals it made before the cut are rejected in the log and made again, so
// each output is still applied once. A cut after the `task` result keeps the subagent's work as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionLog, type SessionEventOf } from '../../src/session-log/index.js';
import { cli, makeTempDir, onlyLog, removeTempDirs } from '../cli/helpers.js';
import { startFakeAnthropic, textBlock, toolBlock, turn, type FakeTurn } from '../fakes/anthropic.js';
import { cutLog, modelEnv } from './session.js';

const LEAD = `---
description: Delegates the tally
model: anthropic/claude-sonnet-4-6
tools: [read, write]
subagents: [helper]
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug], max: 1 }
---
Ask helper to tally, then comment.
`;
const HELPER = `---
description: Tallies and labels
model: anthropic/claude-sonnet-4-6
tools: [read, write, bash]
outputs:
  add_labels: { allowed: [bug], max: 1 }
---
Tally, label, answer.
`;

const turns = (): FakeTurn[] => [
  turn([toolBlock('task', { prompt: 'Tally it.', agent: 'helper' }, 'L1')]),
  turn([toolBlock('bash', { command: 'echo h1 >> tally.txt' }, 'H1'), toolBlock('add_labels', { labels: ['bug'] }, 'H2')]),
  turn([textBlock('Tallied and labelled.')]),
  turn([toolBlock('add_comment', { body: 'Helper tallied.' }, 'L2')]),
  turn([textBlock('All done.')]),
];

const files = { '.flue/agents/lead.md': LEAD, '.flue/agents/helper.md': HELPER };
let source: string;
let lines: number;

beforeAll(async () => {
  const fake = await startFakeAnthropic({ turns: turns() });
  const repo = await makeTempDir({ ...files, 'tally.txt': '' });
  const logs = await makeTempDir();
  const result = await cli(['run', 'lead', '--cwd', repo, '--log-dir', logs], { env: modelEnv(fake.url), cwd: repo });
  await fake.close();
  expect(result.code, result.stderr).toBe(0);
  source = onlyLog(logs);
  lines = readFileSync(source, 'utf8')
    .split('\n')
    .filter((line) => line !== '').length;
  const subagentRequest = readSessionLog(source).events.find((event) => event.type === 'model_request' && event.agent === 'helper#1');
  // The subagent's first request names the call that started it: what tells a resume whose proposals to keep.
  expect(subagentRequest).toMatchObject({ call: 'L1' });
});
afterAll(removeTempDirs);

const resultOf = (file: string, id: string) =>
  readSessionLog(file).events.find((event): event is SessionEventOf<'tool_result'> => event.type === 'tool_result' && event.id === id);

describe('a run with a subagent, killed at any point and resumed', () => {
  it('has lines to cut', () => expect(lines).toBeGreaterThan(15));

  it('finishes from every cut: the cut-off subagent runs again, each output applied once', async () => {
    for (let count = 2; count < lines; count++) {
      const repo = await makeTempDir(files);
      const file = path.join(repo, 'interrupted.jsonl');
      cutLog(source, file, count);
      const h1Done = resultOf(file, 'H1') !== undefined;
      const taskDone = resultOf(file, 'L1') !== undefined;
      writeFileSync(path.join(repo, 'tally.txt'), h1Done ? 'h1\n' : '');
      const answered = readSessionLog(file).events.filter((event) => event.type === 'model_response').length;
      // The subagent's turns are asked for again when its task call had no result.
      const fake = await startFakeAnthropic({ turns: turns().slice(taskDone ? answered : Math.min(answered, 1)) });
      const result = await cli(['run', 'lead', '--resume', file, '--cwd', repo], { env: modelEnv(fake.url), cwd: repo });
      await fake.close();

      const where = `cut after line ${count}`;
      expect(result.code, `${where}: ${result.stderr}`).toBe(0);
      const log = readSessionLog(file);
      expect(log.problems, where).toEqual([]);
      expect(
        log.events.filter((event) => event.type === 'end').map((event) => (event as SessionEventOf<'end'>).status),
        where,
      ).toEqual(['succeeded']);
      const rerunSubagent = !taskDone && h1Done;
      expect(readFileSync(path.join(repo, 'tally.txt'), 'utf8'), where).toBe(rerunSubagent ? 'h1\nh1\n' : 'h1\n');
      const applied = log.events.filter((event) => event.type === 'output_applied').map((event) => event.kind);
      expect(applied, where).toEqual(['add_labels', 'add_comment']);
      const proposed = log.events.filter((event) => event.type === 'output_proposed').map((event) => event.id);
      const decided = log.events.filter((event) => event.type === 'output_applied' || event.type === 'output_rejected').map((event) => event.id);
      expect(decided.sort(), where).toEqual(proposed.sort());
    }
  });
});
