import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { editTool, writeTool } from '../../src/tools/write.js';
import { makeWorkspace, realTree, sandboxFor } from '../sandbox/workspace.js';
import { call, error, ok } from './harness.js';

let dir: string;
let cleanup: () => Promise<void>;
let sandbox: Sandbox;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  sandbox = sandboxFor(dir, { allowWrite: true });
});
afterEach(() => cleanup());

const onDisk = (file: string) => fs.readFile(path.join(dir, file), 'utf8');
const outside = (given: string) => error(`Path '${given}' is outside the workspace; use a path relative to the workspace root (${dir}).`);

describe('write', () => {
  test('creates (with parent directories) and overwrites', async () => {
    const write = writeTool(sandbox);
    expect(await call(write, { path: 'lib/new/b.ts', content: 'export {};\nconst x = 1;\n' })).toEqual(ok('Created lib/new/b.ts (2 lines)'));
    expect(await onDisk('lib/new/b.ts')).toBe('export {};\nconst x = 1;\n');
    expect(await call(write, { path: 'src/a.txt', content: 'beta' })).toEqual(ok('Overwrote src/a.txt (1 lines)'));
    expect(await onDisk('src/a.txt')).toBe('beta');
  });

  test('is refused on a read-only sandbox, in protected paths and outside the workspace', async () => {
    const before = await realTree(dir);
    expect(await call(writeTool(sandboxFor(dir)), { path: 'src/a.txt', content: 'x' })).toEqual(
      error("EACCES: permission denied, write 'src/a.txt' (read-only: the agent does not list `write`)"),
    );
    const write = writeTool(sandbox);
    expect(await call(write, { path: '.github/workflows/evil.yml', content: 'x' })).toEqual(
      error("EACCES: permission denied, write '.github/workflows/evil.yml' (protected path .github/)"),
    );
    expect(await call(write, { path: '.git/hooks/pre-commit', content: 'x' })).toEqual(
      error("EACCES: permission denied, write '.git/hooks/pre-commit' (protected path **/.git)"),
    );
    expect(await call(write, { path: '../outside.txt', content: 'x' })).toEqual(outside('../outside.txt'));
    expect(await call(write, { path: '/tmp/x.txt', content: 'x' })).toEqual(outside('/tmp/x.txt'));
    expect(await realTree(dir)).toEqual(before);
    expect(await fs.readFile(path.join(dir, '../outside.txt'), 'utf8')).toBe('outside secret\n');
  });

  test('refuses a symlink that leads out of the workspace', async () => {
    await fs.symlink('..', path.join(dir, 'up'));
    const result = await call(writeTool(sandbox), { path: 'up/outside.txt', content: 'pwned' });
    expect(result).toEqual(error('up/outside.txt: refused: it resolves to a place outside the workspace (through a symlink)'));
    expect(await fs.readFile(path.join(dir, '../outside.txt'), 'utf8')).toBe('outside secret\n');
  });

  test(`refuses content over LIMITS.writeBytes`, async () => {
    expect(await call(writeTool(sandbox), { path: 'big.txt', content: 'x'.repeat(LIMITS.writeBytes + 1) })).toEqual(
      error(`big.txt would be ${LIMITS.writeBytes + 1} bytes; write and edit keep files under ${LIMITS.writeBytes} bytes`),
    );
  });
});

describe('edit', () => {
  beforeEach(() => fs.writeFile(path.join(dir, 'src/code.ts'), 'let a = 1;\nlet b = 1;\nlet c = 2;\n'));

  test('replaces one exact match and says where', async () => {
    expect(await call(editTool(sandbox), { path: 'src/code.ts', oldText: 'c = 2', newText: 'c = 3' })).toEqual(ok('Edited src/code.ts at line 3'));
    expect(await onDisk('src/code.ts')).toBe('let a = 1;\nlet b = 1;\nlet c = 3;\n');
  });

  test('0 matches and several matches are errors the model can fix', async () => {
    const edit = editTool(sandbox);
    expect(await call(edit, { path: 'src/code.ts', oldText: 'let d', newText: 'let e' })).toEqual(
      error(
        'oldText was not found in src/code.ts. It must match the file exactly, including whitespace and indentation; read the file and copy the text.',
      ),
    );
    expect(await call(edit, { path: 'src/code.ts', oldText: ' = 1;', newText: ' = 0;' })).toEqual(
      error(
        'oldText matches 2 times in src/code.ts; include more surrounding lines to make it unique, or set replaceAll: true to replace every match.',
      ),
    );
    expect(await onDisk('src/code.ts')).toBe('let a = 1;\nlet b = 1;\nlet c = 2;\n');
    expect(await call(edit, { path: 'src/code.ts', oldText: ' = 1;', newText: ' = 0;', replaceAll: true })).toEqual(
      ok('Replaced 2 matches in src/code.ts (first at line 1)'),
    );
    expect(await onDisk('src/code.ts')).toBe('let a = 0;\nlet b = 0;\nlet c = 2;\n');
  });

  test('replacement text is inserted literally ($& and $1 are not patterns)', async () => {
    await call(editTool(sandbox), { path: 'src/code.ts', oldText: 'c = 2', newText: 'c = "$&$1"' });
    expect(await onDisk('src/code.ts')).toBe('let a = 1;\nlet b = 1;\nlet c = "$&$1";\n');
  });

  test('identical texts, empty oldText, missing files, protected paths and read-only sandboxes', async () => {
    const edit = editTool(sandbox);
    expect(await call(edit, { path: 'src/code.ts', oldText: 'a', newText: 'a' })).toEqual(
      error('oldText and newText are identical; there is nothing to change'),
    );
    expect(await call(edit, { path: 'src/code.ts', oldText: '', newText: 'a' })).toEqual(
      error('Invalid input for edit:\n- oldText: Invalid length: Expected >=1 but received 0'),
    );
    expect(await call(edit, { path: 'nope.ts', oldText: 'a', newText: 'b' })).toEqual(error('nope.ts: no such file or directory'));
    expect(await call(edit, { path: '.github/workflows/ci.yml', oldText: 'push', newText: 'pull_request_target' })).toEqual(
      error("EACCES: permission denied, write '.github/workflows/ci.yml' (protected path .github/)"),
    );
    expect(await call(editTool(sandboxFor(dir)), { path: 'src/code.ts', oldText: 'c = 2', newText: 'c = 3' })).toEqual(
      error("EACCES: permission denied, write 'src/code.ts' (read-only: the agent does not list `write`)"),
    );
    expect(await onDisk('.github/workflows/ci.yml')).toBe('on: push\n');
  });
});
