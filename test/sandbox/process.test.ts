import * as os from 'node:os';
import { describe, expect, test } from 'vitest';
import { runProcess, type ProcessOptions } from '../../src/sandbox/process.js';

const options = (overrides: Partial<ProcessOptions> = {}): ProcessOptions => ({
  cwd: os.tmpdir(),
  env: { PATH: process.env.PATH ?? '' },
  stdin: Buffer.alloc(0),
  timeoutMs: 10_000,
  maxOutputBytes: 1_000,
  ...overrides,
});
const node = (script: string, overrides?: Partial<ProcessOptions>) =>
  runProcess(process.execPath, ['-e', script], options(overrides));

describe('runProcess', () => {
  test('returns the exit code and both streams', async () => {
    expect(await node('console.log("out"); console.error("err"); process.exit(3)')).toEqual({
      stdout: 'out\n',
      stderr: 'err\n',
      exitCode: 3,
      timedOut: false,
    });
  });

  test('keeps the tail of a long output with a marker saying how much was cut', async () => {
    const result = await node('process.stdout.write("abcdefghijklmnopqrstuvwxyz")', { maxOutputBytes: 10 });
    expect(result.stdout).toBe('[16 bytes cut from the start]\nqrstuvwxyz');
  });

  test('kills a process that passes its timeout', async () => {
    const started = Date.now();
    expect(await node('setInterval(() => {}, 1000)', { timeoutMs: 200 })).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 124,
      timedOut: true,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('kills a process when the signal aborts, and at once when it is already aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    expect(await node('setInterval(() => {}, 1000)', { signal: controller.signal })).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 124,
      timedOut: false,
    });
    expect((await node('setInterval(() => {}, 1000)', { signal: AbortSignal.abort() })).exitCode).toBe(124);
  });

  test('reports a program missing from PATH as exit 127', async () => {
    expect(await runProcess('flue-no-such-program', [], options())).toEqual({
      stdout: '',
      stderr: "flue-no-such-program: not found on the runner's PATH\n",
      exitCode: 127,
      timedOut: false,
    });
  });

  test('a process killed by a signal exits 128 + the signal number', async () => {
    expect((await node('process.kill(process.pid, "SIGTERM"); setInterval(() => {}, 1000)')).exitCode).toBe(143);
  });
});
