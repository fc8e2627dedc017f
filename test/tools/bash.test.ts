import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import type { ToolDefinition } from '../../src/tools/index.js';
import { bashTool } from '../../src/tools/bash.js';
import { makeWorkspace, sandboxFor } from '../sandbox/workspace.js';
import { call, error, ok } from './harness.js';

let dir: string;
let cleanup: () => Promise<void>;
let bash: ToolDefinition;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  bash = bashTool(sandboxFor(dir));
});
afterEach(() => cleanup());

describe('bash', () => {
  test('shows stdout, stderr and the exit code', async () => {
    expect(await call(bash, { command: 'cat src/a.txt' })).toEqual(ok('alpha\n[exit code 0]'));
    expect(await call(bash, { command: 'printf out; echo err >&2; exit 3' })).toEqual(ok('out\nerr\n[exit code 3]'));
  });

  test('reaches nothing outside the workspace', async () => {
    expect(await call(bash, { command: 'cat /etc/passwd ../outside.txt' })).toEqual(
      ok('cat: /etc/passwd: No such file or directory\ncat: ../outside.txt: No such file or directory\n[exit code 1]'),
    );
    expect(await call(bash, { command: 'cd / && ls' })).toEqual(ok('dev\nhome\ntmp\n[exit code 0]'));
  });

  test('keeps the tail of a long output, with a marker saying how much was cut', async () => {
    const output = Array.from({ length: 5_000 }, (_, i) => `row ${i + 1}`).join('\n') + '\n';
    await fs.writeFile(path.join(dir, 'rows.txt'), output);
    const full = `${output}[exit code 0]`;
    const cut = full.length - LIMITS.toolOutputChars;
    expect(await call(bash, { command: 'cat rows.txt' })).toEqual(
      ok(`[truncated: the first ${cut} of ${full.length} characters were cut; showing the last ${LIMITS.toolOutputChars}]\n${full.slice(cut)}`),
    );
  });

  test('the kept tail never starts with the second half of an emoji', async () => {
    // The cut would fall between the two halves of 😀: it moves past the whole emoji instead.
    const body = `\u{1F600}${'x'.repeat(LIMITS.toolOutputChars - 15)}`;
    await fs.writeFile(path.join(dir, 'emoji.txt'), body);
    const full = `${body}\n[exit code 0]`;
    expect(full.length - LIMITS.toolOutputChars).toBe(1);
    expect(await call(bash, { command: 'cat emoji.txt' })).toEqual(
      ok(`[truncated: the first 2 of ${full.length} characters were cut; showing the last ${LIMITS.toolOutputChars - 1}]\n${full.slice(2)}`),
    );
  });

  test('a timeout (in seconds) stops the command and is an error result', async () => {
    const started = Date.now();
    expect(await call(bash, { command: 'echo started; sleep 30', timeout: 1 })).toEqual(
      error(`bash: execution aborted\n[timed out after 1s; pass a larger timeout (max ${LIMITS.bashMaxTimeoutMs / 1000}) or run less at once]`),
    );
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  test('an aborted run throws so the harness stops', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 100);
    await expect(call(bash, { command: 'sleep 30' }, controller.signal)).rejects.toThrow('run cancelled');
  });

  test('invalid input names the field', async () => {
    expect(await call(bash, { command: 'ls', timeout: 601 })).toEqual(
      error('Invalid input for bash:\n- timeout: Invalid value: Expected <=600 but received 601'),
    );
    expect(await call(bash, {})).toEqual(error('Invalid input for bash:\n- command: Invalid key: Expected "command" but received undefined'));
  });
});
