import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { makeWorkspace, realTree, sandboxFor, shellRun } from './workspace.js';

// cp, and mv between the workspace and the scratch area, go through the gate file by file (tree-copy.ts):
// they must still copy what cp copies. The refusals are in writes.test.ts and test/attacks/filesystem.test.ts.

let dir: string;
let cleanup: () => Promise<void>;
let sandbox: Sandbox;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  await fs.mkdir(path.join(dir, 'src/bin'));
  await fs.writeFile(path.join(dir, 'src/bin/run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  await fs.symlink('../a.txt', path.join(dir, 'src/bin/a-link'));
  sandbox = sandboxFor(dir, { allowWrite: true });
});
afterEach(() => cleanup());

const run = (command: string) => shellRun(sandbox, command);

test('cp -r inside the workspace copies files, modes and symlinks as they are', async () => {
  expect(await run('cp -r src lib && cat lib/bin/a-link && ls lib lib/bin')).toEqual({
    stdout: 'alpha\nlib:\na.txt\nbin\n\nlib/bin:\na-link\nrun.sh\n',
    stderr: '',
    exitCode: 0,
  });
  expect((await fs.stat(path.join(dir, 'lib/bin/run.sh'))).mode & 0o777).toBe(0o755);
  expect(await fs.readlink(path.join(dir, 'lib/bin/a-link'))).toBe('../a.txt');
  expect(await fs.readFile(path.join(dir, 'lib/bin/run.sh'), 'utf8')).toBe('#!/bin/sh\necho run\n');
});

test('cp and mv between the workspace and the scratch area, both ways', async () => {
  expect(await run('cp -r src /tmp/s && mv /tmp/s/bin/run.sh /tmp/run.sh && mv /tmp/s moved && cat /tmp/run.sh moved/a.txt')).toEqual({
    stdout: '#!/bin/sh\necho run\nalpha\n',
    stderr: '',
    exitCode: 0,
  });
  expect(await run('mv moved /tmp/back && ls moved; cat /tmp/back/a.txt')).toEqual({
    stdout: 'alpha\n',
    stderr: 'ls: moved: No such file or directory\n',
    exitCode: 0,
  });
  expect(await realTree(dir)).toEqual(expect.not.arrayContaining(['moved']));
});

test("a copy into itself, and a directory without -r, are refused with cp's own words", async () => {
  expect(await run('cp -r src src/inner')).toEqual({
    stdout: '',
    stderr: `cp: cannot copy 'src' into itself, '${dir}/src/inner'\n`,
    exitCode: 1,
  });
  expect(await run('cp src /tmp/x')).toEqual({ stdout: '', stderr: "cp: -r not specified; omitting directory 'src'\n", exitCode: 1 });
});

test('a rename inside the workspace writes no bytes; a scratch-area copy is not counted', async () => {
  await fs.writeFile(path.join(dir, 'big.bin'), Buffer.alloc(9_000_000, 1));
  const renames = Array.from({ length: 8 }, (_, i) => `mv big${i === 0 ? '' : i}.bin big${i + 1}.bin`).join(' && ');
  expect(await run(`${renames} && cp big8.bin /tmp/a && cp /tmp/a /tmp/b && echo done`)).toEqual({ stdout: 'done\n', stderr: '', exitCode: 0 });
  // 5 copies into the workspace (45 MB) still fit the 50 MB quota: the renames and scratch copies cost nothing.
  expect(await run('for i in 1 2 3 4 5; do cp big8.bin c$i.bin; done; echo $?')).toEqual({ stdout: '0\n', stderr: '', exitCode: 0 });
});
