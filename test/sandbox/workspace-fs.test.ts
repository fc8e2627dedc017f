// WorkspaceFs does ReadWriteFs's reads in synchronous system calls. ReadWriteFs itself is the oracle:
// every read on every kind of path (file, directory, missing, symlinks in and out of the root, loops,
// `..`, null bytes) must give the same value or the same error message from both.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReadWriteFs } from 'just-bash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.js';
import { WorkspaceFs } from '../../src/sandbox/workspace-fs.js';

// Above a directory's own size (4096): ReadWriteFs checks the size before it sees a directory.
const MAX = 10_000;
let base: string;
let root: string;
let fast: WorkspaceFs;
let oracle: ReadWriteFs;

beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flue-wsfs-')));
  root = path.join(base, 'repo');
  await fs.mkdir(path.join(root, 'src/deep'), { recursive: true });
  await fs.writeFile(path.join(root, 'src/a.txt'), 'alpha\nbeta\n');
  await fs.writeFile(path.join(root, 'src/deep/z.md'), '# z\n');
  await fs.writeFile(path.join(root, 'src/B.txt'), 'upper\n');
  await fs.writeFile(path.join(root, 'empty'), '');
  await fs.writeFile(path.join(root, 'big.bin'), Buffer.alloc(MAX + 1, 1));
  await fs.writeFile(path.join(base, 'outside.txt'), 'secret\n');
  await fs.mkdir(path.join(base, 'outside-dir'));
  await fs.symlink('src/a.txt', path.join(root, 'link-in'));
  await fs.symlink('src', path.join(root, 'link-dir'));
  await fs.symlink('../outside.txt', path.join(root, 'link-out'));
  await fs.symlink(path.join(base, 'outside-dir'), path.join(root, 'link-out-dir'));
  await fs.symlink('nowhere.txt', path.join(root, 'dangling-in'));
  await fs.symlink('../nowhere.txt', path.join(root, 'dangling-out'));
  await fs.symlink('link-in', path.join(root, 'chain'));
  await fs.symlink('loop-b', path.join(root, 'loop-a'));
  await fs.symlink('loop-a', path.join(root, 'loop-b'));
  fast = new WorkspaceFs({ root, maxFileReadSize: MAX });
  oracle = new ReadWriteFs({ root, allowSymlinks: true, maxFileReadSize: MAX });
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

const PATHS = [
  '/', '/src', '/src/a.txt', '/src/deep/z.md', '/empty', '/big.bin', '/missing.txt', '/missing/deeper.txt', '/src/a.txt/below',
  '/link-in', '/link-dir', '/link-dir/a.txt', '/link-out', '/link-out-dir', '/link-out-dir/x', '/dangling-in', '/dangling-out',
  '/chain', '/loop-a', '/../outside.txt', '/src/../../outside.txt', 'src/a.txt', '/src/./deep/../a.txt', '/with\0null',
];

/** The value, or the error message, of one call: what the shell and the tools see. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('latin1') };
    if (value && typeof value === 'object' && 'isFile' in value) {
      const { isFile, isDirectory, isSymbolicLink, mode, size, identity } = value as Record<string, unknown>;
      return { isFile, isDirectory, isSymbolicLink, mode, size, identity };
    }
    return value;
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('WorkspaceFs gives what ReadWriteFs gives', () => {
  const operations = {
    readFileBuffer: (fsys: ReadWriteFs, file: string) => fsys.readFileBuffer(file),
    readFile: (fsys: ReadWriteFs, file: string) => fsys.readFile(file),
    readFileBytes: (fsys: ReadWriteFs, file: string) => fsys.readFileBytes(file),
    exists: (fsys: ReadWriteFs, file: string) => fsys.exists(file),
    stat: (fsys: ReadWriteFs, file: string) => fsys.stat(file),
    lstat: (fsys: ReadWriteFs, file: string) => fsys.lstat(file),
    readdir: (fsys: ReadWriteFs, file: string) => fsys.readdir(file),
    readdirWithFileTypes: (fsys: ReadWriteFs, file: string) => fsys.readdirWithFileTypes(file),
    realpath: (fsys: ReadWriteFs, file: string) => fsys.realpath(file),
  };

  it.each(Object.keys(operations))('%s, on every kind of path', async (name) => {
    const operation = operations[name as keyof typeof operations];
    for (const file of PATHS) {
      const expected = await outcome(() => operation(oracle, file));
      expect({ file, got: await outcome(() => operation(fast, file)) }).toEqual({ file, got: expected });
    }
  });

  it('refuses what leaves the root, in the words the tools translate', async () => {
    expect(await outcome(() => fast.readFile('/link-out'))).toEqual({ error: "EACCES: permission denied, '/link-out' resolves outside sandbox" });
    expect(await outcome(() => fast.readdir('/link-out-dir'))).toEqual({ error: "EACCES: permission denied, '/link-out-dir' resolves outside sandbox" });
    expect(await fast.exists('/link-out')).toBe(false);
    expect(await outcome(() => fast.realpath('/link-out'))).toEqual({ error: "ENOENT: no such file or directory, realpath '/link-out'" });
    expect(await outcome(() => fast.readFile('/big.bin'))).toEqual({ error: `EFBIG: file too large, read '/big.bin' (${MAX + 1} bytes, max ${MAX})` });
  });
});

describe('WorkspaceFs where it differs', () => {
  it('refuses a FIFO instead of waiting forever for a writer', async () => {
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    try {
      await expect(fast.readFile('/pipe')).rejects.toThrow("EACCES: permission denied, '/pipe' is not a regular file");
      expect((await fast.stat('/pipe')).isFile).toBe(false);
    } finally {
      await fs.rm(fifo);
    }
  });

  it('gives the event loop a turn during a long run of calls, so a timer (the run time limit) fires on time', async () => {
    let fired = 0;
    const timer = setTimeout(() => (fired = calls), 0);
    let calls = 0;
    for (; calls < 500; calls++) await fast.stat('/src/a.txt');
    clearTimeout(timer);
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(200);
  });
});

describe('the shell over WorkspaceFs', () => {
  it('reads many files in one script, inside just-bash\'s defense-in-depth box', async () => {
    const many = path.join(base, 'many');
    await fs.mkdir(many);
    for (let i = 0; i < 150; i++) await fs.writeFile(path.join(many, `f${String(i).padStart(3, '0')}.txt`), `line ${i}\n`);
    const sandbox = createSandbox({ workspace: many, profile: 'trusted', allowWrite: false, commands: [], networkAllow: [] });
    const result = await sandbox.exec('cat *.txt | wc -l; grep -rl "line 14" . | sort | head -3; ls | wc -l');
    expect(result).toEqual({ stdout: '150\nf014.txt\nf140.txt\nf141.txt\n150\n', stderr: '', exitCode: 0, timedOut: false });
  });
});
