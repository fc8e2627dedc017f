import * as path from 'node:path';
// Types only: this file is on the start-up side of the sandbox, where just-bash is not loaded.
import type { ByteString, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import type { SandboxFs } from './types.js';
import type { WorkspaceReader } from './workspace-reader.js';

type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];
type DirentEntry = Awaited<ReturnType<SandboxFs['readdirWithFileTypes']>>[number];

/** What just-bash's MountableFs is to this file: a whole filesystem with readFileBytes. */
export type MountFs = IFileSystem & Required<Pick<IFileSystem, 'readFileBytes'>>;

/**
 * The filesystem under the gate (GatedFs): the checkout at its real absolute path over the shell's
 * in-memory scratch area. It checks no rule; the gate above it checks them all and hands it normalized
 * absolute paths. Reads inside the workspace are always WorkspaceReader's, before just-bash is loaded
 * and after, so an agent that only reads never loads it. Everything else (a write, the scratch area,
 * the workspace's parent folders) goes to just-bash's MountableFs, which `loadMount` builds on first
 * need (shell.ts); its mount of the workspace is a plain ReadWriteFs that writes, moves and removes.
 */
export class BackingFs implements SandboxFs {
  #mount: MountFs | undefined;
  #loading: Promise<MountFs> | undefined;

  constructor(
    private readonly workspace: string,
    private readonly reader: WorkspaceReader,
    private readonly loadMount: () => Promise<MountFs>,
  ) {}

  /** Builds just-bash's side now; later calls return the same one. */
  load(): Promise<MountFs> {
    return (this.#loading ??= this.loadMount().then((mount) => (this.#mount = mount)));
  }

  get loaded(): boolean {
    return this.#mount !== undefined;
  }

  readFile(file: string, options?: ReadOptions): Promise<string> {
    return this.#read(
      file,
      (inside) => this.reader.readFile(inside, options),
      (mount) => mount.readFile(file, options),
    );
  }
  readFileBytes(file: string): Promise<ByteString> {
    return this.#read(
      file,
      (inside) => this.reader.readFileBytes(inside),
      (mount) => mount.readFileBytes(file),
    );
  }
  readFileBuffer(file: string): Promise<Uint8Array> {
    return this.#read(
      file,
      (inside) => this.reader.readFileBuffer(inside),
      (mount) => mount.readFileBuffer(file),
    );
  }
  exists(file: string): Promise<boolean> {
    return this.#read(
      file,
      (inside) => this.reader.exists(inside),
      (mount) => mount.exists(file),
    );
  }
  stat(file: string): Promise<FsStat> {
    const stat = (inside: string) => this.reader.stat(inside);
    return this.#read(
      file,
      (inside) => (inside === '/' ? stat('/').catch(mountPointStat) : stat(inside)),
      (mount) => mount.stat(file),
    );
  }
  lstat(file: string): Promise<FsStat> {
    // The root's lstat is refused (its parent is outside): MountableFs answers for the mount point.
    const lstat = (inside: string) => this.reader.lstat(inside);
    return this.#read(
      file,
      (inside) => (inside === '/' ? lstat('/').catch(mountPointStat) : lstat(inside)),
      (mount) => mount.lstat(file),
    );
  }
  readdir(dir: string): Promise<string[]> {
    return this.#read(
      dir,
      (inside) => this.reader.readdir(inside),
      (mount) => mount.readdir(dir),
    );
  }
  /** With file types everywhere (grep and glob walk with it); MountableFs lists names only. */
  readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    return this.#read(
      dir,
      (inside) => this.reader.readdirWithFileTypes(inside),
      async (mount) => {
        const names = await mount.readdir(dir);
        return Promise.all(
          names.map(async (name) => {
            const stat = await mount.lstat(path.posix.join(dir, name));
            return { name, isFile: stat.isFile, isDirectory: stat.isDirectory, isSymbolicLink: stat.isSymbolicLink };
          }),
        );
      },
    );
  }
  realpath(file: string): Promise<string> {
    return this.#read(
      file,
      async (inside) => {
        const real = await this.reader.realpath(inside);
        return real === '/' ? this.workspace : `${this.workspace}${real}`;
      },
      (mount) => mount.realpath(file),
    );
  }

  async writeFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    return (await this.load()).writeFile(file, content, options);
  }
  async appendFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    return (await this.load()).appendFile(file, content, options);
  }
  async mkdir(dir: string, options?: MkdirOptions): Promise<void> {
    return (await this.load()).mkdir(dir, options);
  }
  async rm(file: string, options?: RmOptions): Promise<void> {
    return (await this.load()).rm(file, options);
  }
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    return (await this.load()).cp(src, dest, options);
  }
  async mv(src: string, dest: string): Promise<void> {
    return (await this.load()).mv(src, dest);
  }
  async chmod(file: string, mode: number): Promise<void> {
    return (await this.load()).chmod(file, mode);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    return (await this.load()).symlink(target, linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    return (await this.load()).link(existingPath, newPath);
  }
  async readlink(file: string): Promise<string> {
    return (await this.load()).readlink(file);
  }
  async utimes(file: string, atime: Date, mtime: Date): Promise<void> {
    return (await this.load()).utimes(file, atime, mtime);
  }

  /** The two synchronous methods exist for the shell, which only runs once just-bash is loaded. */
  resolvePath(base: string, file: string): string {
    return this.#built('resolvePath').resolvePath(base, file);
  }

  /** Every path (what `ls` with a pattern scans), with the checkout's own definition paths replaced by the copy's. */
  getAllPaths(): string[] {
    const all = this.#built('getAllPaths').getAllPaths();
    const prefix = `${this.workspace}/`;
    const inside = all.filter((file) => file.startsWith(prefix)).map((file) => file.slice(this.workspace.length));
    const served = this.reader.withServedPaths(inside).map((file) => `${this.workspace}${file}`);
    return [...all.filter((file) => !file.startsWith(prefix)), ...served].sort();
  }

  /** A read: WorkspaceReader's for a path inside the workspace (as a path of its mount), else the mount's. */
  async #read<T>(file: string, reader: (inside: string) => Promise<T>, mount: (mounted: MountFs) => Promise<T>): Promise<T> {
    if (file === this.workspace) return reader('/');
    if (file.startsWith(`${this.workspace}/`)) return reader(file.slice(this.workspace.length));
    return mount(await this.load());
  }

  #built(method: string): MountFs {
    if (!this.#mount) throw new Error(`sandbox filesystem: ${method} called before the filesystem was loaded`);
    return this.#mount;
  }
}

/** What MountableFs answers for its mount point when the filesystem mounted there cannot stat it. */
const mountPointStat = (): FsStat => ({ isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o755, size: 0, mtime: new Date() });
