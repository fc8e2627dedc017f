import * as path from 'node:path';
import type { ByteString, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import type { GatedReads } from './gated-fs.js';
import { placement } from './policy.js';
import type { SandboxFs } from './types.js';

type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];
type DirentEntry = Awaited<ReturnType<SandboxFs['readdirWithFileTypes']>>[number];

/** The gate on reads over WorkspaceReader that answers reads of workspace paths until the shell's filesystem is built. */
export interface EarlyReads {
  workspace: string;
  gate: GatedReads;
}

/**
 * A SandboxFs whose implementation is built on first use (see deferred.ts): every call awaits it,
 * then goes to it unchanged, so the gate below sees exactly what it would have seen directly.
 * Until this object first needs the real one, reads of paths inside the workspace (what read, grep
 * and glob do) go to `early`: the same read gate over the same reader, without just-bash. Anything
 * else (a write, the scratch area) builds the real one, which answers every call from then on.
 */
export class DeferredFs implements SandboxFs {
  #fs: SandboxFs | undefined;

  constructor(
    private readonly load: () => Promise<SandboxFs>,
    private readonly early?: EarlyReads,
  ) {}

  /** The early gate, when the real filesystem is not built yet and `file` is inside the workspace. */
  #reads(file: string): GatedReads | undefined {
    if (this.#fs || !this.early) return undefined;
    const where = placement(this.early.workspace, path.posix.resolve('/', file));
    return where.kind === 'inside' ? this.early.gate : undefined;
  }

  async #get(): Promise<SandboxFs> {
    return (this.#fs ??= await this.load());
  }

  /** The two synchronous methods exist for the shell, which only runs once the filesystem is built. */
  #built(method: string): SandboxFs {
    if (!this.#fs) throw new Error(`sandbox filesystem: ${method} called before the filesystem was loaded`);
    return this.#fs;
  }

  async readFile(file: string, options?: ReadOptions): Promise<string> {
    return (this.#reads(file) ?? (await this.#get())).readFile(file, options);
  }
  async readFileBytes(file: string): Promise<ByteString> {
    return (await this.#get()).readFileBytes(file);
  }
  async readFileBuffer(file: string): Promise<Uint8Array> {
    return (this.#reads(file) ?? (await this.#get())).readFileBuffer(file);
  }
  async writeFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    return (await this.#get()).writeFile(file, content, options);
  }
  async appendFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    return (await this.#get()).appendFile(file, content, options);
  }
  async exists(file: string): Promise<boolean> {
    return (this.#reads(file) ?? (await this.#get())).exists(file);
  }
  async stat(file: string): Promise<FsStat> {
    return (this.#reads(file) ?? (await this.#get())).stat(file);
  }
  async lstat(file: string): Promise<FsStat> {
    return (this.#reads(file) ?? (await this.#get())).lstat(file);
  }
  async mkdir(dir: string, options?: MkdirOptions): Promise<void> {
    return (await this.#get()).mkdir(dir, options);
  }
  async readdir(dir: string): Promise<string[]> {
    return (this.#reads(dir) ?? (await this.#get())).readdir(dir);
  }
  async readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    return (this.#reads(dir) ?? (await this.#get())).readdirWithFileTypes(dir);
  }
  async rm(file: string, options?: RmOptions): Promise<void> {
    return (await this.#get()).rm(file, options);
  }
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    return (await this.#get()).cp(src, dest, options);
  }
  async mv(src: string, dest: string): Promise<void> {
    return (await this.#get()).mv(src, dest);
  }
  async chmod(file: string, mode: number): Promise<void> {
    return (await this.#get()).chmod(file, mode);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    return (await this.#get()).symlink(target, linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    return (await this.#get()).link(existingPath, newPath);
  }
  async readlink(file: string): Promise<string> {
    return (await this.#get()).readlink(file);
  }
  async realpath(file: string): Promise<string> {
    return (this.#reads(file) ?? (await this.#get())).realpath(file);
  }
  async utimes(file: string, atime: Date, mtime: Date): Promise<void> {
    return (await this.#get()).utimes(file, atime, mtime);
  }
  resolvePath(base: string, file: string): string {
    return this.#built('resolvePath').resolvePath(base, file);
  }
  getAllPaths(): string[] {
    return this.#built('getAllPaths').getAllPaths();
  }
}
