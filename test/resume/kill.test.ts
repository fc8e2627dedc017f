// The built CLI (dist/cli.js) killed with SIGKILL mid-run, then `flue-action run --resume` on its log:
// killed while the model was thinking, mid-way through a tool call, and at random moments. Each time the
// resumed run finishes the session with every completed call's side effect once, the cut-off call run
// again (README "Resuming a run": a call without a logged result runs again), each output applied once,
// and a log that reads whole with one `end`. Run `npm run build` first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSessionLog, type ParsedSessionLog, type SessionEventOf } from '../../src/session-log/index.js';
import { cleanEnv, killChildren, makeTempDir, onlyLog, removeTempDirs, requireBuiltCli, runBuiltCli, spawnCli, waitFor } from '../cli/helpers.js';
import { hang, startFakeAnthropic, toolBlock, turn, type FakeAnthropic, type FakeTurn } from '../fakes/anthropic.js';
import { WORKER_AGENT, workerTurns } from './session.js';

const fakes: FakeAnthropic[] = [];
async function fakeModel(turns: FakeTurn[]): Promise<FakeAnthropic> {
  const fake = await startFakeAnthropic({ turns });
  fakes.push(fake);
  return fake;
}

beforeAll(() => {
  requireBuiltCli();
});
afterEach(async () => {
  await killChildren();
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});
afterAll(removeTempDirs);

const env = (fake: FakeAnthropic) => cleanEnv({ ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: fake.url });

async function setUp() {
  const repo = await makeTempDir({ '.flue/agents/worker.md': WORKER_AGENT, 'tally.txt': '' });
  const logs = path.join(repo, 'logs');
  return { repo, logs };
}

/** Starts the run, waits for `ready`, kills it with SIGKILL; returns the log it left. */
async function killWhen(repo: string, logs: string, fake: FakeAnthropic, ready: () => boolean | undefined): Promise<string> {
  const spawned = spawnCli(['run', 'worker', '--cwd', repo, '--log-dir', logs], { env: env(fake), cwd: repo });
  await waitFor(() => (ready() ? true : undefined), 'the moment to kill');
  spawned.child.kill('SIGKILL');
  expect(await spawned.exited).toBe('SIGKILL');
  return onlyLog(logs);
}

async function resume(repo: string, file: string, turns: FakeTurn[]) {
  const fake = await fakeModel(turns);
  const result = await runBuiltCli(['run', 'worker', '--resume', file, '--cwd', repo], { env: env(fake), cwd: repo });
  return { result, fake, log: readSessionLog(file) };
}

/** What every finished resume must show: one end, succeeded, each output applied once, nothing unreadable. */
function expectFinished(log: ParsedSessionLog): void {
  expect(log.problems).toEqual([]);
  expect(log.events.filter((event) => event.type === 'end').map((event) => (event as SessionEventOf<'end'>).status)).toEqual(['succeeded']);
  expect(log.events.filter((event) => event.type === 'output_applied').map((event) => event.kind)).toEqual(['add_labels', 'add_comment']);
  expect(log.events.filter((event) => event.type === 'resume')).toHaveLength(1);
}

describe('flue-action run killed with SIGKILL, then --resume', () => {
  it('while the model was answering: the request is sent again with the same history, no call repeated', async () => {
    const { repo, logs } = await setUp();
    const fake = await fakeModel([...workerTurns().slice(0, 1), hang()]);
    const file = await killWhen(repo, logs, fake, () => fake.requests.length === 2);
    expect(readSessionLog(file).events.at(-1)).toMatchObject({ type: 'model_request', turn: 2 });

    const { result, fake: again, log } = await resume(repo, file, workerTurns().slice(1));
    expect(result.code, result.stderr).toBe(0);
    expectFinished(log);
    expect(log.events.find((event) => event.type === 'resume')).toMatchObject({ afterEvent: 'model_request', rerun: [] });
    expect(readFileSync(path.join(repo, 'tally.txt'), 'utf8')).toBe('c1\nc2\nc3\n');
    expect(again.requests[0]?.body.messages).toEqual(fake.requests[1]?.body.messages);
    expect(log.events.at(-1)).toMatchObject({ totals: { turns: 4 } });
  });

  it('mid-way through a tool call: that call runs again, the one before it does not', async () => {
    const { repo, logs } = await setUp();
    const slow = turn([toolBlock('bash', { command: 'echo c2 >> tally.txt; if [ ! -f go ]; then sleep 60; fi' }, 'slow')]);
    const fake = await fakeModel([...workerTurns().slice(0, 1), slow]);
    const tally = path.join(repo, 'tally.txt');
    const killed = await killWhen(repo, logs, fake, () => readFileSync(tally, 'utf8') === 'c1\nc2\n' || undefined);
    const before = readSessionLog(killed);
    expect(before.events.at(-1)).toMatchObject({ type: 'tool_call', id: 'slow' });

    writeFileSync(path.join(repo, 'go'), '');
    const rest = workerTurns().slice(2);
    const { result, log } = await resume(repo, killed, rest);
    expect(result.code, result.stderr).toBe(0);
    expect(log.events.find((event) => event.type === 'resume')).toMatchObject({ afterEvent: 'tool_call', rerun: ['slow'] });
    // c1 once (its call completed); c2 twice (cut off after its echo, run again: the documented cost of a cut-off call).
    expect(readFileSync(tally, 'utf8')).toBe('c1\nc2\nc2\n');
    expect(log.problems).toEqual([]);
    expect(log.events.filter((event) => event.type === 'end')).toHaveLength(1);
    expect(log.events.filter((event) => event.type === 'output_applied').map((event) => event.kind)).toEqual(['add_comment']);
  });

  it.each([1, 2, 3])('at a random line (round %i): finishes the session, each completed call once', async () => {
    const { repo, logs } = await setUp();
    // Slow enough that the kill usually lands before the next model answer, whatever line it waited for;
    // the last answer never comes, so however late the kill lands on a loaded machine, the run has not ended.
    const slowed = workerTurns().map((each) => ({ ...each, delayMs: 150 }) as FakeTurn);
    const fake = await fakeModel([...slowed.slice(0, -1), hang()]);
    const line = 2 + Math.floor(Math.random() * 19);
    const lines = () => (existsSync(logs) ? readFileSync(onlyLog(logs), 'utf8').split('\n').length - 1 : 0);
    const file = await killWhen(repo, logs, fake, () => lines() >= line);
    const cut = readSessionLog(file);
    const context = `killed once line ${line} was written, after ${cut.events.at(-1)?.type}`;
    expect(
      cut.events.some((event) => event.type === 'end'),
      context,
    ).toBe(false);
    const completed = cut.events.filter((event) => event.type === 'tool_result' && event.name === 'bash').length;
    const begun = cut.events.filter((event) => event.type === 'tool_call' && event.name === 'bash').length;
    const answered = cut.events.filter((event) => event.type === 'model_response').length;
    const { result, log } = await resume(repo, file, workerTurns().slice(answered));
    expect(result.code, `${context}: ${result.stderr}`).toBe(0);
    expectFinished(log);
    // Each bash line at least once, and again only for a call cut off between its start and its result.
    const tally = readFileSync(path.join(repo, 'tally.txt'), 'utf8')
      .split('\n')
      .filter((entry) => entry !== '');
    expect(new Set(tally), context).toEqual(new Set(['c1', 'c2', 'c3']));
    expect(tally.length, context).toBeLessThanOrEqual(3 + (begun - completed));
  });
});
