import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runProcess, type ProcessOptions } from '../../src/sandbox/process.js';
import { DAEMON_SCRIPT, killLeftovers, stillAlive } from './daemon.js';

const options = (overrides: Partial<ProcessOptions> = {}): ProcessOptions => ({
  cwd: os.tmpdir(),
  env: { PATH: process.env.PATH ?? '' },
  stdin: Buffer.alloc(0),
  timeoutMs: 10_000,
  maxOutputBytes: 1_000,
  ...overrides,
});
const node = (script: string, overrides?: Partial<ProcessOptions>) => runProcess(process.execPath, ['-e', script], options(overrides));

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

  test('a cut inside a character keeps the tail from the next whole one, and counts the bytes it left out', async () => {
    // 14 bytes ('é' is 2, '😀' 4): the last 7 start with the first emoji's last byte, which would decode to U+FFFD.
    const result = await node('process.stdout.write("éé😀😀xy")', { maxOutputBytes: 7 });
    expect(result.stdout).toBe('[8 bytes cut from the start]\n😀xy');
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

describe.runIf(process.platform === 'linux')('runProcess kills what left its process group', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flue-process-'));
    await fs.writeFile(path.join(dir, 'daemon.cjs'), DAEMON_SCRIPT);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));
  const daemon = async (args: string[], overrides?: Partial<ProcessOptions>): Promise<number[]> => {
    const result = await runProcess(process.execPath, ['daemon.cjs', ...args], options({ cwd: dir, ...overrides }));
    const left = await stillAlive(result.stdout);
    killLeftovers(result.stdout);
    expect(result.stdout).toMatch(/^\d+\n$/);
    return left;
  };

  test('a setsid child seen by a look while its parent ran is dead once the command returns', async () => {
    expect(await daemon(['1', '600'])).toEqual([]);
  });

  test('a setsid child whose parent exits at once is found by the marker in its environment', async () => {
    expect(await daemon(['1', '0'])).toEqual([]);
  });

  test('a double-forked daemon is found by its environment', async () => {
    expect(await daemon(['2', '0'])).toEqual([]);
  });

  test('a daemon started with an empty environment is found by its parent, when the parent lived past a look', async () => {
    expect(await daemon(['1', '600', 'clean'])).toEqual([]);
  });

  test('a timeout kills a setsid grandchild too', async () => {
    // Long enough for two Node start-ups on a loaded machine before the daemon prints its PID.
    expect(await daemon(['2', '60000'], { timeoutMs: 3_000 })).toEqual([]);
  });

  test('carries a marker unique to each call, and nothing else is added to the environment', async () => {
    const script = 'console.log(JSON.stringify(process.env))';
    const [first, second] = await Promise.all([node(script), node(script)]);
    const [a, b] = [first, second].map((result) => JSON.parse(result.stdout) as Record<string, string>);
    expect(Object.keys(a!).sort()).toEqual(['FLUE_COMMAND_TREE', 'PATH']);
    expect(a!.FLUE_COMMAND_TREE).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(b!.FLUE_COMMAND_TREE).not.toBe(a!.FLUE_COMMAND_TREE);
  });
});
