import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { alive } from './daemon.js';
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
  sandbox = sandboxFor(dir, { commands: ['node report.cjs {args}', 'node ../report.cjs', 'node spin.cjs', 'grep --version'] });
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
    expect(await report('echo hello | node report.cjs operand')).toEqual({
      argv: ['operand'],
      cwd: dir,
      env: ['CI', 'FLUE_COMMAND_TREE', 'HOME', 'LANG', 'NO_COLOR', 'PATH', 'TERM', 'TMPDIR'],
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
      'CI',
      'FLUE_COMMAND_TREE',
      'HOME',
      'LANG',
      'NO_COLOR',
      'PATH',
      'TERM',
      'TMPDIR',
    ]);
  });

  test('an argv that fits no entry is refused with what the entries allow and why', async () => {
    const allowed = "the agent's commands: allow only 'node report.cjs {args}', 'node ../report.cjs', 'node spin.cjs'";
    const refused = (why: string, hint = '') => ({ stdout: '', stderr: `node: refused: ${why}; ${allowed}${hint}\n`, exitCode: 126, timedOut: false });
    const option = refused("'-e' is an option", ' (an option is accepted only where an entry writes it out)');
    expect(await sandbox.exec("node -e \"require('fs').writeFileSync('pwned', '')\"")).toEqual(option);
    expect(await sandbox.exec('node spin.cjsx')).toEqual(refused("'spin.cjsx' fits no entry"));
    expect(await sandbox.exec('node spin.cjs now')).toEqual(refused("'now' is an extra argument"));
    // A long argument is shown cut, and never through the middle of an emoji (half of one is not text).
    expect(await sandbox.exec(`node spin.cjs ${'a'.repeat(56)}😀tail`)).toEqual(refused(`'${'a'.repeat(56)}...' is an extra argument`));
    expect(await sandbox.exec('node report.cjs ""')).toEqual(refused('an empty argument is not an operand'));
    expect(await sandbox.exec('node')).toEqual(refused('too few arguments'));
    for (const wrapped of ['bash -c "node -e 1"', 'env node -e 1', 'timeout 5 node -e 1', 'echo "node -e 1" | sh']) {
      expect(await sandbox.exec(wrapped)).toEqual(option);
    }
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(await sandbox.exec('npm test')).toEqual({
      stdout: '',
      stderr: 'bash: npm: command not found\n',
      exitCode: 127,
      timedOut: false,
    });
  });

  test('{arg} takes exactly one operand, {args} any number, literal words must be exact', async () => {
    const withArg = sandboxFor(dir, { commands: ['node report.cjs one {arg}', 'node report.cjs -q {args}'] });
    const argv = async (command: string) => (JSON.parse((await withArg.exec(command)).stdout) as { argv: string[] }).argv;
    expect(await argv('node report.cjs one src/a.txt')).toEqual(['one', 'src/a.txt']);
    expect(await argv('node report.cjs -q')).toEqual(['-q']);
    expect(await argv('node report.cjs -q a b c')).toEqual(['-q', 'a', 'b', 'c']);
    const tail = "the agent's commands: allow only 'node report.cjs one {arg}', 'node report.cjs -q {args}'";
    expect((await withArg.exec('node report.cjs one')).stderr).toBe(`node: refused: too few arguments; ${tail}\n`);
    expect((await withArg.exec('node report.cjs -q a --b')).stderr).toBe(
      `node: refused: '--b' is an option; ${tail} (an option is accepted only where an entry writes it out)\n`,
    );
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
  const waitForPids = async (): Promise<void> => {
    // Exists before it is written: wait for the content too.
    const written = async () => existsSync(path.join(dir, 'pids.json')) && (await fs.readFile(path.join(dir, 'pids.json'), 'utf8')).endsWith(']');
    while (!(await written())) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const waitDead = async (targets: number[]): Promise<number[]> => {
    for (let i = 0; i < 50 && targets.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return targets.filter(alive);
  };

  test('is killed with its whole process tree when the exec times out', async () => {
    const started = Date.now();
    const result = await sandbox.exec('node spin.cjs', { timeoutMs: 2_000 });
    expect(result).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: true });
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(await waitDead(await pids())).toEqual([]);
  });

  test('is killed with its whole process tree at the time limit of a real command', async () => {
    // Long enough for spin.cjs to start its child and write pids.json on a loaded machine.
    const limited = sandboxFor(dir, { commands: ['node spin.cjs'], commandTimeoutMs: 2_000 });
    expect(await limited.exec('node spin.cjs; echo next')).toEqual({
      stdout: 'next\n',
      stderr: 'node: killed after 2s (the time limit of a real command)\n',
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
