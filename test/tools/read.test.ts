import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import type { ToolDefinition } from '../../src/tools/index.js';
import { readTool } from '../../src/tools/read.js';
import { makeWorkspace, sandboxFor } from '../sandbox/workspace.js';
import { call, error, ok } from './harness.js';

let dir: string;
let cleanup: () => Promise<void>;
let read: ToolDefinition;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  read = readTool(sandboxFor(dir));
});
afterEach(() => cleanup());

const write = (file: string, content: string | Buffer) => fs.writeFile(path.join(dir, file), content);
const numbered = (from: number, to: number, text: (n: number) => string) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${String(from + i).padStart(6)}\t${text(from + i)}`).join('\n');

describe('read', () => {
  test('numbers lines like cat -n', async () => {
    await write('src/b.txt', 'one\ntwo\n\nfour');
    expect(await call(read, { path: 'src/b.txt' })).toEqual(ok('     1\tone\n     2\ttwo\n     3\t\n     4\tfour'));
    expect(await call(read, { path: `${dir}/src/a.txt` })).toEqual(ok('     1\talpha'));
  });

  test('a long file stops at LIMITS.readLines with a marker saying how to read on', async () => {
    // Short lines, so that LIMITS.readLines and not LIMITS.toolOutputChars is the bound here.
    await write('long.txt', Array.from({ length: 2_500 }, (_, i) => `${(i + 1) % 10}`).join('\n'));
    expect(await call(read, { path: 'long.txt' })).toEqual(
      ok(`${numbered(1, 2_000, (n) => `${n % 10}`)}\n[truncated: showing lines 1-2000 of 2500; call read with offset=2001 to continue]`),
    );
    expect(await call(read, { path: 'long.txt', offset: 2_001 })).toEqual(ok(numbered(2_001, 2_500, (n) => `${n % 10}`)));
    expect(await call(read, { path: 'long.txt', offset: 10, limit: 2 })).toEqual(
      ok(`${numbered(10, 11, (n) => `${n % 10}`)}\n[truncated: showing lines 10-11 of 2500; call read with offset=12 to continue]`),
    );
  });

  test('a long line is never cut inside an emoji', async () => {
    await write('emoji.txt', `${'x'.repeat(LIMITS.readLineChars - 1)}\u{1F600}z\n`);
    expect(await call(read, { path: 'emoji.txt' })).toEqual(
      ok(`     1\t${'x'.repeat(LIMITS.readLineChars - 1)} [line truncated: ${LIMITS.readLineChars + 2} characters]`),
    );
  });

  test('long lines are cut at LIMITS.readLineChars, and the whole result at LIMITS.toolOutputChars', async () => {
    const wide = 'x'.repeat(LIMITS.readLineChars + 10);
    await write('wide.txt', `${wide}\nshort\n`);
    expect(await call(read, { path: 'wide.txt' })).toEqual(
      ok(`     1\t${'x'.repeat(LIMITS.readLineChars)} [line truncated: ${LIMITS.readLineChars + 10} characters]\n     2\tshort`),
    );
    const line = 'y'.repeat(999);
    await write('many.txt', Array.from({ length: 100 }, () => line).join('\n'));
    const fits = Math.floor(LIMITS.toolOutputChars / (999 + 8)); // 6-digit number, tab, newline
    expect(await call(read, { path: 'many.txt' })).toEqual(
      ok(`${numbered(1, fits, () => line)}\n[truncated: showing lines 1-${fits} of 100; call read with offset=${fits + 1} to continue]`),
    );
  });

  test('empty files, offsets past the end, directories and binary files', async () => {
    await write('empty.txt', '');
    await write('blob.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    expect(await call(read, { path: 'empty.txt' })).toEqual(ok('(empty.txt is empty)'));
    expect(await call(read, { path: 'src/a.txt', offset: 5 })).toEqual(error('offset 5 is past the end of src/a.txt (1 lines)'));
    expect(await call(read, { path: 'src' })).toEqual(error('src is a directory; list it with glob or bash ls'));
    expect(await call(read, { path: 'blob.bin' })).toEqual(error('blob.bin is a binary file (6 bytes); read shows text files only'));
    expect(await call(read, { path: 'nope.txt' })).toEqual(error('nope.txt: no such file or directory'));
    await write('huge.log', Buffer.alloc(LIMITS.readFileBytes + 1, 0x61));
    expect(await call(read, { path: 'huge.log' })).toEqual(error(`huge.log is too large: the sandbox reads files up to ${LIMITS.readFileBytes} bytes`));
  });

  test('cannot reach outside the workspace', async () => {
    await fs.symlink('/etc/passwd', path.join(dir, 'passwd-link'));
    const outside = (given: string) => error(`Path '${given}' is outside the workspace; use a path relative to the workspace root (${dir}).`);
    expect(await call(read, { path: '../outside.txt' })).toEqual(outside('../outside.txt'));
    expect(await call(read, { path: '/etc/passwd' })).toEqual(outside('/etc/passwd'));
    expect(await call(read, { path: 'src/../../outside.txt' })).toEqual(outside('src/../../outside.txt'));
    expect(await call(read, { path: 'passwd-link' })).toEqual(
      error('passwd-link: refused: it resolves to a place outside the workspace (through a symlink)'),
    );
    expect(await call(read, { path: '.git/config' })).toEqual(
      error("EACCES: permission denied, read '.git/config' (**/.git: a repository's internals may hold the job's credentials)"),
    );
  });

  test('invalid input is an error result naming the field', async () => {
    expect(await call(read, { offset: 1 })).toEqual(error('Invalid input for read:\n- path: Invalid key: Expected "path" but received undefined'));
    expect(await call(read, { path: 'src/a.txt', offset: 0, limit: 1.5 })).toEqual(
      error('Invalid input for read:\n- offset: Invalid value: Expected >=1 but received 0\n- limit: Invalid integer: Received 1.5'),
    );
  });
});
