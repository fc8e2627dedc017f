import * as fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { makeWorkspace, sandboxFor } from './workspace.js';

// Prints what the real process received, so the tests can assert argv, cwd, env and stdin exactly.
const REPORT = `let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => console.log(JSON.stringify({
  argv: process.argv.slice(2), cwd: process.cwd(), env: Object.keys(process.env).sort(), stdin: input,
})));`;
// Starts a grandchild, records both pids, then never ends.
const SPIN = `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
require('node:fs').writeFileSync('pids.json', JSON.stringify([process.pid, child.pid]));
setInterval(() => {}, 1000);`;

let dir: string;
let cleanup: () => Promise<void>;
let sandbox: Sandbox;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  await fs.writeFile(path.join(dir, 'report.cjs'), REPORT);
  await fs.writeFile(path.join(dir, 'spin.cjs'), SPIN);
  sandbox = sandboxFor(dir, { commands: ['node report.cjs', 'node ../report.cjs', 'node spin.cjs', 'grep --version'] });
});
afterEach(() => cleanup());

const report = async (command: string) => {
  const result = await sandbox.exec(command);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { argv: string[]; cwd: string; env: string[]; stdin: string };
};

describe('allow-listed real commands', () => {
  beforeAll(() => {
    process.env.FLUE_TEST_SECRET = 'hunter2';
  });
  afterAll(() => {
    delete process.env.FLUE_TEST_SECRET;
  });

  test('run with a scrubbed environment in the workspace, stdin piped through', async () => {
    expect(await report('echo hello | node report.cjs --flag')).toEqual({
      argv: ['--flag'],
      cwd: dir,
      env: ['CI', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TERM', 'TMPDIR'],
      stdin: 'hello\n',
    });
    expect((await report('cd src && node ../report.cjs')).cwd).toBe(`${dir}/src`);
  });

  test('shell syntax inside arguments reaches the process as text, never as a second command', async () => {
    const received = await report(`node report.cjs 'x; touch pwned' '&& touch pwned2' '$(touch pwned3)'`);
    expect(received.argv).toEqual(['x; touch pwned', '&& touch pwned2', '$(touch pwned3)']);
    expect(['pwned', 'pwned2', 'pwned3'].filter((name) => existsSync(path.join(dir, name)))).toEqual([]);
    // A variable set on the command line does not reach the process (NODE_OPTIONS=--require would run code).
    expect((await report('NODE_OPTIONS=--require=./pwn.cjs FLUE_TEST_SECRET=x node report.cjs')).env).toEqual([
      'CI', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TERM', 'TMPDIR',
    ]);
  });

  test('argv that does not start with an allowed entry is refused', async () => {
    const refused = {
      stdout: '',
      stderr: "node: not allowed: the agent's commands: allow only node report.cjs, node ../report.cjs, node spin.cjs\n",
      exitCode: 126,
      timedOut: false,
    };
    expect(await sandbox.exec('node -e "require(\'fs\').writeFileSync(\'pwned\', \'\')"')).toEqual(refused);
    expect(await sandbox.exec('node spin.cjsx')).toEqual(refused);
    expect(await sandbox.exec('node')).toEqual(refused);
    for (const wrapped of ['bash -c "node -e 1"', 'env node -e 1', 'timeout 5 node -e 1', 'echo "node -e 1" | sh']) {
      expect(await sandbox.exec(wrapped)).toEqual(refused);
    }
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(await sandbox.exec('npm test')).toEqual({
      stdout: '',
      stderr: 'bash: npm: command not found\n',
      exitCode: 127,
      timedOut: false,
    });
  });

  test('an entry that shadows a builtin leaves the builtin for every other use', async () => {
    expect((await sandbox.exec('grep --version')).stdout).toMatch(/^grep \((GNU|BSD) grep/);
    expect(await sandbox.exec('grep alpha src/a.txt')).toEqual({ stdout: 'alpha\n', stderr: '', exitCode: 0, timedOut: false });
    // The documented way to allow a script of the repository: `sh run.sh` runs the real sh.
    await fs.writeFile(path.join(dir, 'run.sh'), 'uname -s\n');
    const withScript = sandboxFor(dir, { commands: ['sh run.sh'] });
    expect((await withScript.exec('sh run.sh')).stdout).toMatch(/^(Linux|Darwin)\n$/);
    expect((await withScript.exec('sh -c "uname -s"')).stderr).toBe('bash: uname: command not found\n');
  });

  test('run only from a directory inside the workspace', async () => {
    expect(await sandbox.exec('cd /tmp && node report.cjs')).toEqual({
      stdout: '',
      stderr: 'node: real commands run only inside the workspace (cwd is /tmp)\n',
      exitCode: 126,
      timedOut: false,
    });
  });

  test('do not exist under the untrusted profile', async () => {
    const untrusted = sandboxFor(dir, { profile: 'untrusted', commands: ['node report.cjs'] });
    expect(await untrusted.exec('node report.cjs')).toEqual({
      stdout: '',
      stderr: 'bash: node: command not found\n',
      exitCode: 127,
      timedOut: false,
    });
  });
});

describe('a long real command', () => {
  const pids = async (): Promise<number[]> => JSON.parse(await fs.readFile(path.join(dir, 'pids.json'), 'utf8')) as number[];
  // A killed grandchild re-parented to a PID 1 that does not reap (containers) stays a zombie: dead.
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    return !existsSync(`/proc/${pid}/stat`) || !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  };
  const waitForPids = async (): Promise<void> => {
    while (!existsSync(path.join(dir, 'pids.json'))) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const waitDead = async (targets: number[]): Promise<number[]> => {
    for (let i = 0; i < 50 && targets.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return targets.filter(alive);
  };

  test('is killed with its whole process tree when the exec times out', async () => {
    const started = Date.now();
    const result = await sandbox.exec('node spin.cjs', { timeoutMs: 1_000 });
    expect(result).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await waitDead(await pids())).toEqual([]);
  });

  test('is killed with its whole process tree at the time limit of a real command', async () => {
    const limited = sandboxFor(dir, { commands: ['node spin.cjs'], commandTimeoutMs: 500 });
    expect(await limited.exec('node spin.cjs; echo next')).toEqual({
      stdout: 'next\n',
      stderr: 'node: killed after 0.5s (the time limit of a real command)\n',
      exitCode: 0,
      timedOut: false,
    });
    expect(await waitDead(await pids())).toEqual([]);
  });

  test("is killed with its whole process tree when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const pending = sandbox.exec('node spin.cjs', { signal: controller.signal });
    await waitForPids();
    controller.abort();
    expect(await pending).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: false });
    expect(await waitDead(await pids())).toEqual([]);
  });
});
