import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createSandbox, SandboxError, type SandboxOptions } from '../../src/sandbox/index.js';
import { makeWorkspace, readOutcome, realTree, sandboxOptions } from './workspace.js';

// The sandbox loads just-bash on first need. These tests prove that the gate is the same before and
// after; the attack tests exercise that gate in depth.

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
});
afterEach(() => cleanup());

const options = (overrides: Partial<SandboxOptions> = {}): SandboxOptions => sandboxOptions(dir, overrides);

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

test('the workspace and the command allow-list are checked at once, with createSandbox errors', () => {
  expect(thrown(() => createSandbox(options({ workspace: 'repo' })))).toEqual(
    new SandboxError('ENOENT', "Workspace 'repo' is not an absolute path; pass the checkout's absolute path."),
  );
  expect(thrown(() => createSandbox(options({ commands: ['./gradlew test'] })))).toEqual(
    new SandboxError(
      'EINVAL',
      'commands: "./gradlew test": a real command starts with a program name found on PATH, not a path. Name a program found on PATH ("gradlew test"); to run a script of the repository, write "sh ./gradlew test"',
    ),
  );
  // The untrusted profile runs no real commands, so it does not check them.
  expect(createSandbox(options({ profile: 'untrusted', commands: ['./gradlew test'] })).writable).toBe(false);
});

test('before loading, it answers what needs no filesystem; the shell-only sync methods refuse', () => {
  const sandbox = createSandbox(options({ allowWrite: true }));
  expect([sandbox.workspace, sandbox.profile, sandbox.writable]).toEqual([dir, 'trusted', true]);
  expect(sandbox.resolve('src/a.txt')).toBe(`${dir}/src/a.txt`);
  expect(() => sandbox.resolve('../outside.txt')).toThrow(
    `Path '../outside.txt' is outside the workspace; use a path relative to the workspace root (${dir}).`,
  );
  expect(() => sandbox.fs.getAllPaths()).toThrow('sandbox filesystem: getAllPaths called before the filesystem was loaded');
});

test('files and the shell go through the same gate once loaded', async () => {
  const sandbox = createSandbox(options());
  expect(Buffer.from(await sandbox.fs.readFileBuffer(`${dir}/src/a.txt`)).toString()).toBe('alpha\n');
  await expect(sandbox.fs.readFile(`${dir}/.git/config`)).rejects.toThrow(
    "EACCES: permission denied, read '.git/config' (**/.git: a repository's internals may hold the job's credentials)",
  );
  const before = await realTree(dir);
  await expect(sandbox.fs.writeFile(`${dir}/src/a.txt`, 'changed')).rejects.toThrow(
    "EACCES: permission denied, write 'src/a.txt' (read-only: the agent does not list `write`)",
  );
  expect(await sandbox.exec('cat .git/config; pwd')).toEqual({
    stdout: `${dir}\n`,
    stderr: 'cat: .git/config: No such file or directory\n',
    exitCode: 0,
    timedOut: false,
  });
  expect(await sandbox.exec('echo x > src/b.txt')).toEqual({
    stdout: '',
    stderr: "bash: EACCES: permission denied, write 'src/b.txt' (read-only: the agent does not list `write`)\n",
    exitCode: 1,
    timedOut: false,
  });
  expect(await realTree(dir)).toEqual(before);
  expect(sandbox.fs.getAllPaths()).toContain(`${dir}/src/a.txt`);
  expect(await sandbox.load()).toBe(await sandbox.load());
});

test('a malformed network allow-list fails the load, and every call after it', async () => {
  const sandbox = createSandbox(options({ networkAllow: ['api.example.com'] }));
  const message =
    'network.allow: Invalid network allow-list: Invalid URL in allow-list: "api.example.com" - must be a valid URL with scheme and host (e.g., "https://example.com")';
  await expect(sandbox.load()).rejects.toThrow(message);
  await expect(sandbox.exec('pwd')).rejects.toThrow(message);
  await expect(fs.readFile(path.join(dir, 'src/a.txt'), 'utf8')).resolves.toBe('alpha\n');
});

test('an agent that only reads the workspace never builds the shell, and meets the same gate', async () => {
  await fs.symlink('.git/config', path.join(dir, 'innocent.txt'));
  const sandbox = createSandbox(options());
  expect(Buffer.from(await sandbox.fs.readFileBuffer(`${dir}/src/a.txt`)).toString()).toBe('alpha\n');
  expect((await sandbox.fs.readdirWithFileTypes(dir)).map((entry) => entry.name)).toEqual(['.flue', '.git', '.github', 'innocent.txt', 'src']);
  expect((await sandbox.fs.stat(`${dir}/src`)).isDirectory).toBe(true);
  await expect(sandbox.fs.readFile(`${dir}/.git/config`)).rejects.toThrow(
    "EACCES: permission denied, read '.git/config' (**/.git: a repository's internals may hold the job's credentials)",
  );
  await expect(sandbox.fs.readFile(`${dir}/innocent.txt`)).rejects.toThrow(
    "EACCES: permission denied, read 'innocent.txt' (**/.git: a repository's internals may hold the job's credentials)",
  );
  expect(sandbox.loaded).toBe(false);

  // The gate refuses a write before anything below it is built.
  await expect(sandbox.fs.writeFile(`${dir}/src/a.txt`, 'changed')).rejects.toThrow(
    "EACCES: permission denied, write 'src/a.txt' (read-only: the agent does not list `write`)",
  );
  expect(sandbox.loaded).toBe(false);
  await sandbox.fs.writeFile('/tmp/scratch.txt', 'scratch');
  expect(sandbox.loaded).toBe(true);
  expect(await sandbox.fs.readFile('/tmp/scratch.txt')).toBe('scratch');
});

test('before the shell is built, every read of the workspace answers as the built sandbox does', async () => {
  await fs.symlink('src/a.txt', path.join(dir, 'link-in'));
  await fs.symlink('../outside.txt', path.join(dir, 'link-out'));
  await fs.symlink('.github/workflows', path.join(dir, 'link-dir'));
  await fs.symlink('missing', path.join(dir, 'dangling'));
  const paths = [
    '',
    '/src',
    '/src/a.txt',
    '/missing',
    '/src/a.txt/x',
    '/link-in',
    '/link-out',
    '/link-dir',
    '/link-dir/ci.yml',
    '/dangling',
    '/.git',
    '/.git/config',
    '/.git/HEAD',
  ].map((relative) => `${dir}${relative}`);
  const early = createSandbox(options());
  const built = await createSandbox(options()).load();
  const reads = ['readFile', 'readFileBuffer', 'exists', 'stat', 'lstat', 'readdir', 'readdirWithFileTypes', 'realpath'] as const;
  for (const read of reads) {
    for (const file of paths) {
      const call = (sandbox: { fs: typeof built.fs }) => () => (sandbox.fs[read] as (file: string) => Promise<unknown>)(file);
      expect({ read, file, got: await readOutcome(call(early)) }).toEqual({ read, file, got: await readOutcome(call(built)) });
    }
  }
  expect(early.loaded).toBe(false);
  // Outside the workspace is the shell's scratch area: that read builds the shell.
  expect(await readOutcome(() => early.fs.readFile(`${dir}/../outside.txt`))).toEqual(
    await readOutcome(() => built.fs.readFile(`${dir}/../outside.txt`)),
  );
  expect(early.loaded).toBe(true);
});
