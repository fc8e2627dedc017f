import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SandboxError, type Sandbox } from '../../src/sandbox/index.js';
import { makeWorkspace, realTree, sandboxFor, shellRun } from './workspace.js';

let dir: string;
let cleanup: () => Promise<void>;
let sandbox: Sandbox;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  await fs.symlink('/etc/passwd', path.join(dir, 'passwd-link'));
  await fs.symlink('../outside.txt', path.join(dir, 'sibling-link'));
  await fs.symlink('src/a.txt', path.join(dir, 'alias.txt'));
  await fs.symlink('.git/config', path.join(dir, 'config-link'));
  sandbox = sandboxFor(dir, { allowWrite: true });
});
afterEach(() => cleanup());

const run = (command: string) => shellRun(sandbox, command);

describe('the shell sees the workspace and nothing else', () => {
  test('absolute paths, ../ and /proc reach nothing real', async () => {
    expect(await run('cat /etc/passwd')).toEqual({ stdout: '', stderr: 'cat: /etc/passwd: No such file or directory\n', exitCode: 1 });
    expect(await run('cat ../outside.txt')).toEqual({ stdout: '', stderr: 'cat: ../outside.txt: No such file or directory\n', exitCode: 1 });
    expect(await run(`cat ${path.dirname(dir)}/outside.txt`)).toEqual({
      stdout: '',
      stderr: `cat: ${path.dirname(dir)}/outside.txt: No such file or directory\n`,
      exitCode: 1,
    });
    expect(await run('cat /proc/self/environ')).toEqual({ stdout: '', stderr: 'cat: /proc/self/environ: No such file or directory\n', exitCode: 1 });
    expect(await run('ls /etc /proc')).toEqual({
      stdout: '',
      stderr: 'ls: /etc: No such file or directory\nls: /proc: No such file or directory\n',
      exitCode: 2,
    });
  });

  test('`cd / && ls` and `find /` show only the empty scratch area and the workspace mount', async () => {
    expect(await run('cd / && ls')).toEqual({ stdout: 'dev\nhome\ntmp\n', stderr: '', exitCode: 0 });
    const found = await run('find / -not -path "*/repo/*"');
    const parents = dir
      .split('/')
      .slice(1, -1)
      .map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`);
    expect(found).toEqual({
      stdout: ['/', '/dev', '/dev/null', '/home', '/home/flue', ...parents, dir].sort().join('\n') + '\n',
      stderr: '',
      exitCode: 0,
    });
  });

  test('symlinks resolving outside the workspace read as missing; inside ones work', async () => {
    expect(await run('cat passwd-link sibling-link')).toEqual({
      stdout: '',
      stderr: 'cat: passwd-link: No such file or directory\ncat: sibling-link: No such file or directory\n',
      exitCode: 1,
    });
    expect(await run('cat alias.txt')).toEqual({ stdout: 'alpha\n', stderr: '', exitCode: 0 });
    // A link the shell makes to an outside target is confined the same way.
    expect(await run('ln -s /etc/passwd made && cat made')).toEqual({
      stdout: '',
      stderr: 'cat: made: No such file or directory\n',
      exitCode: 1,
    });
    await expect(sandbox.fs.readFile(`${dir}/passwd-link`)).rejects.toThrow(/ENOENT|EACCES/);
    // A redirection through such a link is refused too (just-bash throws; exec turns it into a result).
    expect(await run('echo x > passwd-link; echo not reached')).toEqual({
      stdout: '',
      stderr: "bash: EACCES: permission denied, '/passwd-link' resolves outside sandbox\n",
      exitCode: 1,
    });
  });

  test('.git/config (where actions/checkout keeps the job token) cannot be read by any route', async () => {
    expect(await run('cat .git/config')).toEqual({ stdout: '', stderr: 'cat: .git/config: No such file or directory\n', exitCode: 1 });
    expect(await run('cat config-link')).toEqual({ stdout: '', stderr: 'cat: config-link: No such file or directory\n', exitCode: 1 });
    expect(await run('grep -r AUTHORIZATION .')).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(await run('cp -r .git /tmp/g; test -e /tmp/g || echo nothing copied')).toEqual({
      stdout: 'nothing copied\n',
      stderr:
        "cp: cannot copy '.git': EACCES: permission denied, copy '.git/HEAD' (**/.git: a repository's internals may hold the job's credentials)\n",
      exitCode: 0,
    });
    await expect(sandbox.fs.readFile(`${dir}/.GIT/config`)).rejects.toThrow(
      "EACCES: permission denied, read '.GIT/config' (**/.git: a repository's internals may hold the job's credentials)",
    );
    // All of .git, not only its config: nothing in the sandbox needs it (see UNREADABLE_PATHS).
    expect(await run('cat .git/HEAD')).toEqual({ stdout: '', stderr: 'cat: .git/HEAD: No such file or directory\n', exitCode: 1 });
    expect(await run('ls -a .git')).toEqual({ stdout: '.\n..\nHEAD\nconfig\n', stderr: '', exitCode: 0 });
  });

  test('nothing the shell does outside the workspace touches the real disk', async () => {
    const scratch = `/tmp/flue-scratch-${path.basename(path.dirname(dir))}`;
    expect(await run(`mkdir -p ${scratch} && echo hi > ${scratch}/x && cat ${scratch}/x`)).toEqual({
      stdout: 'hi\n',
      stderr: '',
      exitCode: 0,
    });
    expect(existsSync(scratch)).toBe(false);
  });

  test('find ., ls and /dev/null redirections create no file in the real workspace', async () => {
    const before = await realTree(dir);
    expect(await run('find . -type f | sort')).toEqual({
      stdout: './.flue/agents/triage.md\n./.git/config\n./.git/HEAD\n./.github/workflows/ci.yml\n./src/a.txt\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await run('ls -a nope 2>/dev/null; echo "status $?" > /dev/null; cat /dev/null; echo done')).toEqual({
      stdout: 'done\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await realTree(dir)).toEqual(before);
    expect(before).not.toContain('dev');
  });
});

describe('sandbox.resolve', () => {
  test('maps workspace-relative and absolute-inside paths', () => {
    expect(sandbox.resolve('src/a.txt')).toBe(`${dir}/src/a.txt`);
    expect(sandbox.resolve(`${dir}/src/../src/a.txt`)).toBe(`${dir}/src/a.txt`);
    expect(sandbox.resolve('.')).toBe(dir);
  });

  test.each(['../outside.txt', 'src/../../outside.txt', '/etc/passwd', '/'])('refuses %s', (outside) => {
    expect(() => sandbox.resolve(outside)).toThrow(SandboxError);
    expect(() => sandbox.resolve(outside)).toThrow(`Path '${outside}' is outside the workspace; use a path relative to the workspace root (${dir}).`);
  });
});
