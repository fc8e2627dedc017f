// What `flue-action run --resume` refuses, each with one line naming the log and the fix, before any
// model call or tool: a finished run, another agent's log, changed definitions, a log with unreadable
// lines, a missing file, flags that would change what the log already decided. And what it tolerates: a
// last line torn by the kill, removed and said so.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import { cli, makeTempDir, onlyLog, removeTempDirs } from '../cli/helpers.js';
import { hang, startFakeAnthropic, type FakeAnthropic, type FakeTurn, type RecordedRequest } from '../fakes/anthropic.js';
import { cutLog, modelEnv, recordWorkerRun, WORKER_AGENT, workerTurns } from './session.js';

let source: string;
let repo: string;
let file: string;
let fake: FakeAnthropic;

beforeAll(async () => {
  ({ log: source, repo } = await recordWorkerRun());
});
beforeEach(async () => {
  fake = await startFakeAnthropic();
  file = path.join(await makeTempDir(), 'interrupted.jsonl');
  // Cut after turn 2's response and its first tool call: an interrupted run.
  cutLog(source, file, 8);
  return () => fake.close();
});
afterAll(removeTempDirs);

const resume = (agent: string, ...extra: string[]) =>
  cli(['run', agent, '--resume', file, '--cwd', repo, ...extra], { env: modelEnv(fake.url), cwd: repo });

/** Refused with exit 2, one line on stderr, no model call, and the log left as it was. */
async function expectRefused(agent: string, message: string, ...extra: string[]): Promise<void> {
  const before = readFileSync(file, 'utf8');
  const result = await resume(agent, ...extra);
  expect({ code: result.code, stdout: result.stdout, stderr: result.stderr.replaceAll(file, '<log>') }).toEqual({
    code: 2,
    stdout: '',
    stderr: `flue-action: ${message}\n`,
  });
  expect(fake.requests).toEqual([]);
  expect(readFileSync(file, 'utf8')).toBe(before);
}

describe('flue-action run --resume refuses', () => {
  it('a run that ended', async () => {
    cutLog(source, file, 26);
    const end = readSessionLog(file).events.at(-1);
    await expectRefused(
      'worker',
      `<log> cannot be resumed: that run already ended (succeeded) at ${end?.time}. Only an interrupted run (a log without an "end" event) can be resumed; start a new run instead.`,
    );
  });

  it("another agent's log", async () => {
    await expectRefused('other', `<log> is a session of agent 'worker', not 'other'. Resume it with: flue-action run worker --resume <log>`);
  });

  it('definitions that changed since the run started, naming the file', async () => {
    const agentFile = path.join(repo, '.flue/agents/worker.md');
    writeFileSync(agentFile, WORKER_AGENT.replace('comment once', 'comment twice'));
    try {
      await expectRefused(
        'worker',
        '<log> cannot be resumed: .flue/agents/worker.md changed since the run started, and the conversation so far was made with the old definitions. Restore the file as it was (git stash, git checkout) or start a new run.',
      );
    } finally {
      writeFileSync(agentFile, WORKER_AGENT);
    }
  });

  it('a log with a line it cannot read, other than a torn last one', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = '{"type":"tool_call", "broken';
    writeFileSync(file, lines.join('\n'));
    await expectRefused(
      'worker',
      '<log> cannot be resumed: line 4 is not valid JSON; skipped. A log with lines this flue-action cannot read would resume a conversation with parts missing; resume it with the flue-action that wrote it, or start a new run.',
    );
  });

  it('a log cut before the first model request', async () => {
    cutLog(source, file, 1);
    await expectRefused(
      'worker',
      '<log> cannot be resumed: the run was interrupted before its first model request, so there is nothing to continue. Start it again.',
    );
  });

  it('a missing file', async () => {
    file = path.join(path.dirname(file), 'nowhere.jsonl');
    const result = await resume('worker');
    expect(result).toEqual({ code: 2, stdout: '', stderr: `flue-action: Cannot read session log ${file}: no such file.\n` });
  });

  it.each([
    ['--event', 'event.json', 'the event'],
    ['--event-name', 'issues', 'the event'],
    ['--input', '{"a":1}', 'the inputs'],
    ['--prompt', 'do more', 'the task'],
    ['--log-dir', 'logs', 'the log file'],
  ])('%s: the log decides it', async (flag, value, what) => {
    await expectRefused(
      'worker',
      `${flag} cannot be combined with --resume: a resumed run keeps ${what} of the run it continues. Drop ${flag}.`,
      flag,
      value,
    );
  });
});

it('--resume <log> in a GitLab CI job: said, not a GitLab run that ignores it', async () => {
  const result = await cli(['run', 'worker', '--resume', file, '--cwd', repo], { env: { ...modelEnv(fake.url), GITLAB_CI: 'true' }, cwd: repo });
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr:
      `flue-action: Invalid --resume '${file}' in a GitLab CI job (GITLAB_CI=true): a job resumes only with --resume auto, which continues ` +
      "the interrupted session of the job's previous attempt (a retry). A log file is resumed locally.\n",
  });
});

it('--resume auto outside a GitLab job: said, not read as a log file named auto', async () => {
  const result = await cli(['run', 'worker', '--resume', 'auto', '--cwd', repo], { env: modelEnv(fake.url), cwd: repo });
  expect(result).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'flue-action: --resume auto continues a retried GitLab job (GITLAB_CI=true) from its previous attempt; a local run resumes a session log: --resume <log> (./auto for a file named auto).\n',
  });
});

describe('flue-action run --resume tolerates', () => {
  it('a last line torn by the kill: says so, removes it, records it, and finishes the run', async () => {
    cutLog(source, file, 8, true);
    const torn = readFileSync(file, 'utf8').split('\n').at(-1);
    fake.push(...workerTurns().slice(2));
    const result = await resume('worker');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.replaceAll(file, '<log>').split('\n')[0]).toBe(
      'flue-action: warning: <log>: line 9 was cut off mid-write when the run was interrupted; it is removed, and the run resumes from the line before.',
    );
    const log = readSessionLog(file);
    expect(log.problems).toEqual([]);
    expect(log.events[7]).toMatchObject({ type: 'resume', afterLine: 8, afterEvent: 'tool_call', rerun: ['t2a', 't2b', 't2c'], torn });
  });

  it('a last line written whole but for its newline: kept, not taken for torn', async () => {
    const whole = readFileSync(source, 'utf8').split('\n').slice(0, 9).join('\n');
    writeFileSync(file, whole);
    fake.push(...workerTurns().slice(2));
    const result = await resume('worker');
    expect(result.code, result.stderr).toBe(0);
    const log = readSessionLog(file);
    expect(log.problems).toEqual([]);
    expect(log.events[7]).toMatchObject({ type: 'tool_call', id: 't2c' });
    expect(log.events[8]).toMatchObject({ type: 'resume', afterLine: 9, afterEvent: 'tool_call', rerun: ['t2a', 't2b', 't2c'] });
    expect(log.events[8]).not.toHaveProperty('torn');
  });
});

describe('a resumed run counts the whole run against its limits', () => {
  it('--max-turns 2 after one answered turn allows one more, not two', async () => {
    cutLog(source, file, 5);
    fake.push(...workerTurns().slice(1));
    const result = await resume('worker', '--max-turns', '2');
    expect(result.code).toBe(3);
    const end = readSessionLog(file).events.at(-1);
    expect(end).toMatchObject({ type: 'end', status: 'budget_exhausted', reason: 'reached max-turns (2 of 2)', totals: { turns: 2 } });
    expect(fake.requests).toHaveLength(1);
  });
});

it('a second resume continues the same file after the first', async () => {
  cutLog(source, file, 5);
  fake.push(...workerTurns().slice(1, 2));
  // The model answers turn 2, then the run is stopped by its turn limit: an end. Cut that end away, as a kill would have.
  await resume('worker', '--max-turns', '2');
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  writeFileSync(
    file,
    `${lines.filter((line) => !line.includes('"type":"end"') && !line.includes('"type":"limit"') && !line.includes('"type":"output_rejected"')).join('\n')}\n`,
  );
  fake.push(...workerTurns().slice(2));
  const result = await resume('worker');
  expect(result.code, result.stderr).toBe(0);
  const log = readSessionLog(file);
  expect(log.events.filter((event) => event.type === 'resume')).toHaveLength(2);
  expect(log.events.filter((event) => event.type === 'end')).toEqual([
    expect.objectContaining({ status: 'succeeded', totals: expect.objectContaining({ turns: 4 }) }),
  ]);
});

it('a run that started untrusted resumes untrusted, without --untrusted: the same read-only tools, no write', async () => {
  const { repo: untrustedRepo } = await recordWorkerRun();
  const logs = await makeTempDir();
  const first = await startFakeAnthropic({ turns: [workerTurns()[0] as FakeTurn, hang()] });
  // Stopped by its time limit while the model hangs; the log is then cut after turn 1's response, as a kill would leave it.
  await cli(['run', 'worker', '--untrusted', '--cwd', untrustedRepo, '--log-dir', logs, '--timeout-minutes', '0.02'], {
    env: modelEnv(first.url),
    cwd: untrustedRepo,
  });
  await first.close();
  const untrustedLog = onlyLog(logs);
  expect(readSessionLog(untrustedLog).header.profile).toBe('untrusted');
  cutLog(untrustedLog, file, 3);
  fake.push(...workerTurns().slice(3));
  const result = await cli(['run', 'worker', '--resume', file, '--cwd', untrustedRepo], { env: modelEnv(fake.url), cwd: untrustedRepo });
  const toolsOf = (request: RecordedRequest | undefined) => ((request?.body.tools ?? []) as Array<{ name: string }>).map((tool) => tool.name);
  expect(result.code, result.stderr).toBe(0);
  expect(toolsOf(fake.requests[0])).toEqual(toolsOf(first.requests[0]));
  expect(toolsOf(fake.requests[0])).not.toContain('write');
});
