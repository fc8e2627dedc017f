// One scripted session the resume tests interrupt at every point: shell side effects (a line appended to
// tally.txt per call), parallel calls, two outputs and a finish, against the fake Anthropic API.
import { readFileSync, writeFileSync } from 'node:fs';
import { cli, HELLO_AGENT, makeTempDir, onlyLog } from '../cli/helpers.js';
import { startFakeAnthropic, textBlock, toolBlock, turn, type FakeTurn, type RecordedRequest } from '../fakes/anthropic.js';

export const WORKER_AGENT = `---
description: Tally, label and comment
model: anthropic/claude-sonnet-4-6
tools: [read, write, bash]
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug, question], max: 2 }
result:
  type: object
  properties: { done: { type: boolean } }
  required: [done]
---
Append to tally.txt with bash, label the issue, comment once, then finish.
`;

/** Each bash call appends its own line: the tally shows how often each call's side effect happened. */
export const TALLY_CALLS: Record<string, string> = { t1: 'c1', t2a: 'c2', t2b: 'c3' };

const tally = (id: string) => toolBlock('bash', { command: `echo ${TALLY_CALLS[id]} >> tally.txt` }, id);

/** The model's turns, with fixed tool ids: a resumed run's fake must not reuse an id of the history. */
export function workerTurns(): FakeTurn[] {
  return [
    turn([textBlock('Starting.'), tally('t1')]),
    turn([tally('t2a'), tally('t2b'), toolBlock('add_labels', { labels: ['bug'] }, 't2c')]),
    turn([toolBlock('add_comment', { body: 'Tallied three times.' }, 't3')]),
    turn([toolBlock('finish', { done: true }, 't4')]),
  ];
}

/** The first `count` lines of a log, and optionally half of the next: the file a kill at that point leaves. */
export function cutLog(source: string, target: string, count: number, tornNext = false): void {
  const lines = readFileSync(source, 'utf8').split('\n');
  const kept = `${lines.slice(0, count).join('\n')}\n`;
  const next = lines[count] ?? '';
  writeFileSync(target, tornNext ? kept + next.slice(0, Math.max(1, Math.floor(next.length / 2))) : kept);
}

/** Runs the whole session once, in process, against a fake model; returns its log and checkout. */
export async function recordWorkerRun(): Promise<{ log: string; repo: string; requests: RecordedRequest[] }> {
  const fake = await startFakeAnthropic({ turns: workerTurns() });
  const repo = await makeTempDir({ '.flue/agents/worker.md': WORKER_AGENT, '.flue/agents/other.md': HELLO_AGENT, 'tally.txt': '' });
  const logs = await makeTempDir();
  const result = await cli(['run', 'worker', '--cwd', repo, '--log-dir', logs], { env: modelEnv(fake.url), cwd: repo });
  await fake.close();
  if (result.code !== 0) throw new Error(`the session to interrupt failed: ${result.stderr}`);
  return { log: onlyLog(logs), repo, requests: fake.requests };
}

export const modelEnv = (url: string): NodeJS.ProcessEnv => ({ ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: url });
