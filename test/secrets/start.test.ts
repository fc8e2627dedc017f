// The restart in a real process, on the Node running the tests: CI runs them on Node 20 (no
// process.execve: the secrets stay in the environment block, and commands are refused) and on Node 24
// (the process restarts in place with only the kept variables).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileSecrets } from './compiled.js';

const KEY = 'sk-ant-api03-0123456789abcdefghij';
const TOKEN = 'ghs_0123456789abcdefghijklmn';
const RUNTIME = 'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJBY3Rpb25zIn0.c2lnbmF0dXJl';
const CAN_RESTART = typeof process.execve === 'function';

let compiled: string;
let runnerTemp: string;
/** A checkout whose agent lists commands, and one whose agents list none. */
let withCommands: string;
let withoutCommands: string;
beforeAll(() => {
  compiled = compileSecrets();
  runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'flue-start-temp-'));
  withCommands = mkdtempSync(path.join(os.tmpdir(), 'flue-start-repo-'));
  mkdirSync(path.join(withCommands, '.flue/agents'), { recursive: true });
  writeFileSync(path.join(withCommands, '.flue/agents/test.md'), '---\ndescription: Test\ncommands: [npm test]\n---\nTest.\n');
  withoutCommands = mkdtempSync(path.join(os.tmpdir(), 'flue-start-repo-'));
  mkdirSync(path.join(withoutCommands, '.flue/agents'), { recursive: true });
  writeFileSync(
    path.join(withoutCommands, '.flue/agents/triage.md'),
    '---\ndescription: Triage\ntools: [read]\n---\nRun the commands the README gives.\n',
  );
  // A runner: takes its environment, then starts a child that reads its parent's environment block.
  writeFileSync(
    path.join(compiled, 'runner.js'),
    [
      "import { execFileSync } from 'node:child_process';",
      "import { startWithoutSecrets } from './start.js';",
      "const started = startWithoutSecrets({ restart: process.argv[2] === 'restart' ? 'action' : false });",
      "const parent = execFileSync('/bin/sh', ['-c', 'cat /proc/$PPID/environ'], { encoding: 'utf8' });",
      "const printenv = execFileSync('/bin/sh', ['-c', 'env'], { encoding: 'utf8' });",
      'console.log(JSON.stringify({ pid: process.pid, args: process.argv.slice(2), processEnv: Object.keys(process.env).sort(), started: { ...started.env }, secrets: started.secrets, parent, printenv }));',
    ].join('\n'),
  );
});
afterAll(() => {
  rmSync(compiled, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
  rmSync(withCommands, { recursive: true, force: true });
  rmSync(withoutCommands, { recursive: true, force: true });
});

/** What runner.js prints. */
interface RunnerReport {
  pid: number;
  args: string[];
  processEnv: string[];
  started: Record<string, string>;
  secrets: string[];
  /** The runner's environment block as its child reads it (/proc/$PPID/environ). */
  parent: string;
  /** `env` in a shell the runner starts with its process.env. */
  printenv: string;
}

function runRunner(restart: boolean, workspace = withCommands) {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.homedir(),
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    'INPUT_ANTHROPIC-API-KEY': KEY,
    'INPUT_GITHUB-TOKEN': TOKEN,
    ACTIONS_RUNTIME_TOKEN: RUNTIME,
    JAVA_HOME: '/usr/lib/jvm/17',
  };
  const child = spawnSync(process.execPath, [path.join(compiled, 'runner.js'), restart ? 'restart' : 'stay', 'extra arg'], { env, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return { spawnedPid: child.pid, ...(JSON.parse(child.stdout) as RunnerReport) };
}

describe.runIf(process.platform === 'linux')('startWithoutSecrets in a real process', () => {
  test.runIf(CAN_RESTART)('restarts in place: same pid and arguments, no secret in its environment block, all of them in memory', () => {
    const run = runRunner(true);
    expect(run.pid).toBe(run.spawnedPid);
    expect(run.args).toEqual(['restart', 'extra arg']);
    // What a child of the runner reads from its parent: the kept variables and the (deleted) handoff file's name.
    const parent = run.parent
      .split('\0')
      .filter(Boolean)
      .map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(parent.sort()).toEqual(['FLUE_ACTION_ENV_HANDOFF', 'GITHUB_WORKSPACE', 'HOME', 'PATH', 'RUNNER_TEMP']);
    for (const secret of [KEY, TOKEN, RUNTIME]) {
      expect(run.parent).not.toContain(secret);
      expect(run.printenv).not.toContain(secret);
    }
    expect(run.processEnv).toEqual(['GITHUB_WORKSPACE', 'HOME', 'PATH', 'RUNNER_TEMP']);
    expect(run.started).toMatchObject({
      'INPUT_ANTHROPIC-API-KEY': KEY,
      'INPUT_GITHUB-TOKEN': TOKEN,
      ACTIONS_RUNTIME_TOKEN: RUNTIME,
      JAVA_HOME: '/usr/lib/jvm/17',
    });
    expect(run.started).not.toHaveProperty('FLUE_ACTION_ENV_HANDOFF');
    expect(run.secrets).toEqual([KEY, TOKEN, RUNTIME]);
    // The handoff file and its folder are gone.
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  test.runIf(!CAN_RESTART)('without process.execve the secrets stay in the environment block, and process.env is cleaned all the same', () => {
    const run = runRunner(true);
    expect(run.parent).toContain(KEY);
    expect(run.processEnv).toEqual(['GITHUB_WORKSPACE', 'HOME', 'PATH', 'RUNNER_TEMP']);
    expect(run.printenv).not.toContain(KEY);
    expect(run.secrets).toEqual([KEY, TOKEN, RUNTIME]);
  });

  test("no restart when the checkout's .flue/ declares no commands: no child can be started to read the block", () => {
    const run = runRunner(true, withoutCommands);
    expect(run.parent).toContain(KEY);
    expect(run.processEnv).toEqual(['FLUE_RESTART_NOTE', 'GITHUB_WORKSPACE', 'HOME', 'PATH', 'RUNNER_TEMP']);
    expect(run.printenv).toContain(`FLUE_RESTART_NOTE=not restarted: no file under ${withoutCommands}/.flue declares commands or is code`);
    expect(run.printenv).not.toContain(KEY);
    expect(run.secrets).toEqual([KEY, TOKEN, RUNTIME]);
  });

  test('the post step does not restart: process.env is cleaned in place, the environment is in memory', () => {
    const run = runRunner(false);
    expect(run.parent).toContain(TOKEN);
    expect(run.processEnv).toEqual(['GITHUB_WORKSPACE', 'HOME', 'PATH', 'RUNNER_TEMP']);
    expect(run.printenv).not.toContain(TOKEN);
    expect(run.started).toMatchObject({ 'INPUT_GITHUB-TOKEN': TOKEN, ACTIONS_RUNTIME_TOKEN: RUNTIME });
  });
});
