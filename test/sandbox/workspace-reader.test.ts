// WorkspaceReader does ReadWriteFs's reads in synchronous system calls. ReadWriteFs itself is the oracle:
// every read on every kind of path (file, directory, missing, symlinks in and out of the root, loops,
// `..`, null bytes) must give the same value or the same error message from both. BackingFs, which puts
// the reader at the workspace's absolute path, is held to just-bash's MountableFs over ReadWriteFs.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { InMemoryFs, MountableFs, ReadWriteFs } from 'just-bash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackingFs } from '../../src/sandbox/backing-fs.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { WorkspaceReader } from '../../src/sandbox/workspace-reader.js';

// Above a directory's own size (4096): ReadWriteFs checks the size before it sees a directory.
const MAX = 10_000;
let base: string;
let root: string;
let fast: WorkspaceReader;
let oracle: ReadWriteFs;

beforeAll(async () => {
  base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flue-wsfs-')));
  root = path.join(base, 'repo');
  await fs.mkdir(path.join(root, 'src/deep'), { recursive: true });
  await fs.writeFile(path.join(root, 'src/a.txt'), 'alpha\nbeta\n');
  await fs.writeFile(path.join(root, 'src/deep/z.md'), '# z\n');
  await fs.writeFile(path.join(root, 'src/B.txt'), 'upper\n');
  await fs.writeFile(path.join(root, 'empty'), '');
  // A byte-order mark and a byte that is not UTF-8: decoded as just-bash decodes them.
  await fs.writeFile(path.join(root, 'bom.txt'), Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff, 0x0a]));
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
  fast = new WorkspaceReader(root, MAX);
  oracle = new ReadWriteFs({ root, allowSymlinks: true, maxFileReadSize: MAX });
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

const PATHS = [
  '/',
  '/src',
  '/src/a.txt',
  '/src/deep/z.md',
  '/empty',
  '/bom.txt',
  '/big.bin',
  '/missing.txt',
  '/missing/deeper.txt',
  '/src/a.txt/below',
  '/link-in',
  '/link-dir',
  '/link-dir/a.txt',
  '/link-out',
  '/link-out-dir',
  '/link-out-dir/x',
  '/dangling-in',
  '/dangling-out',
  '/chain',
  '/loop-a',
  '/../outside.txt',
  '/src/../../outside.txt',
  'src/a.txt',
  '/src/./deep/../a.txt',
  '/with\0null',
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

/** The reads every one of them has. */
type Reads = Pick<
  ReadWriteFs,
  'readFileBuffer' | 'readFile' | 'readFileBytes' | 'exists' | 'stat' | 'lstat' | 'readdir' | 'readdirWithFileTypes' | 'realpath'
>;

const operations = {
  readFileBuffer: (fsys: Reads, file: string) => fsys.readFileBuffer(file),
  readFile: (fsys: Reads, file: string) => fsys.readFile(file),
  readFileBase64: (fsys: Reads, file: string) => fsys.readFile(file, 'base64'),
  readFileBytes: (fsys: Reads, file: string) => fsys.readFileBytes(file),
  exists: (fsys: Reads, file: string) => fsys.exists(file),
  stat: (fsys: Reads, file: string) => fsys.stat(file),
  lstat: (fsys: Reads, file: string) => fsys.lstat(file),
  readdir: (fsys: Reads, file: string) => fsys.readdir(file),
  readdirWithFileTypes: (fsys: Reads, file: string) => fsys.readdirWithFileTypes(file),
  realpath: (fsys: Reads, file: string) => fsys.realpath(file),
};

describe('WorkspaceReader gives what ReadWriteFs gives', () => {
  it.each(Object.keys(operations))('%s, on every kind of path', async (name) => {
    const operation = operations[name as keyof typeof operations];
    for (const file of PATHS) {
      const expected = await outcome(() => operation(oracle, file));
      expect({ file, got: await outcome(() => operation(fast, file)) }).toEqual({ file, got: expected });
    }
  });

  it('refuses what leaves the root, in the words the tools translate', async () => {
    expect(await outcome(() => fast.readFile('/link-out'))).toEqual({ error: "EACCES: permission denied, '/link-out' resolves outside sandbox" });
    expect(await outcome(() => fast.readdir('/link-out-dir'))).toEqual({
      error: "EACCES: permission denied, '/link-out-dir' resolves outside sandbox",
    });
    expect(await fast.exists('/link-out')).toBe(false);
    expect(await outcome(() => fast.realpath('/link-out'))).toEqual({ error: "ENOENT: no such file or directory, realpath '/link-out'" });
    expect(await outcome(() => fast.readFile('/big.bin'))).toEqual({ error: `EFBIG: file too large, read '/big.bin' (${MAX + 1} bytes, max ${MAX})` });
  });
});

/** MountableFs lists names only: here the types are each entry's lstat. */
class TypedMount extends MountableFs {
  async readdirWithFileTypes(dir: string) {
    return Promise.all(
      (await this.readdir(dir)).map(async (name) => {
        const { isFile, isDirectory, isSymbolicLink } = await this.lstat(path.posix.join(dir, name));
        return { name, isFile, isDirectory, isSymbolicLink };
      }),
    );
  }
}

describe('BackingFs gives what MountableFs gives over the same mount', () => {
  // The gate hands BackingFs normalized absolute paths. A null byte is left out: MountableFs words it
  // before it routes the path, and the reader's own words (above) are the ones the tools translate.
  it.each(Object.keys(operations))('%s, at and under the mount point', async (name) => {
    const operation = operations[name as keyof typeof operations];
    const mount = new TypedMount({ base: new InMemoryFs() });
    mount.mount(root, oracle);
    const backing = new BackingFs(root, fast, async () => mount);
    const files = ['', ...PATHS].filter((file) => !file.includes('\0')).map((file) => path.posix.resolve('/', `${root}/${file}`));
    for (const file of files) {
      const expected = await outcome(() => operation(mount, file));
      expect({ file, got: await outcome(() => operation(backing, file)) }).toEqual({ file, got: expected });
    }
  });
});

describe('WorkspaceReader where it differs', () => {
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

describe('the shell over WorkspaceReader', () => {
  it("reads many files in one script, inside just-bash's defense-in-depth box", async () => {
    const many = path.join(base, 'many');
    await fs.mkdir(many);
    for (let i = 0; i < 150; i++) await fs.writeFile(path.join(many, `f${String(i).padStart(3, '0')}.txt`), `line ${i}\n`);
    const sandbox = createSandbox({ workspace: many, profile: 'trusted', allowWrite: false, commands: [], networkAllow: [] });
    const result = await sandbox.exec('cat *.txt | wc -l; grep -rl "line 14" . | sort | head -3; ls | wc -l');
    expect(result).toEqual({ stdout: '150\nf014.txt\nf140.txt\nf141.txt\n150\n', stderr: '', exitCode: 0, timedOut: false });
  });
});
