import * as path from 'node:path';
// Types only: the read gate runs before just-bash is loaded (see deferred.ts).
import type {
  ByteString,
  CpOptions,
  FileContent,
  FsStat,
  IFileSystem,
  MkdirOptions,
  RmOptions,
} from 'just-bash';
import { SandboxError } from './errors.js';
import { displayPath, mutationRefusal, placement, readRefusal, type MutationScope, type PathPolicy } from './policy.js';

type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];
type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];

/** What the read gate needs below it: the reads of a filesystem. */
export type ReadableFs = Pick<
  IFileSystem,
  'readFile' | 'readFileBuffer' | 'exists' | 'stat' | 'lstat' | 'readdir' | 'readdirWithFileTypes' | 'realpath'
>;

/** A whole filesystem with readFileBytes, as just-bash's MountableFs is. */
export type GateableFs = IFileSystem & Required<Pick<IFileSystem, 'readFileBytes'>>;

// Redirections to /dev/null reach the filesystem as plain writes; they must work on a read-only
// workspace and must not pile up bytes in the scratch area.
const DEV_NULL = '/dev/null';

/**
 * The gate on reads: paths are normalized here and passed on normalized, so the policy checks exactly
 * the path the filesystem below acts on, and a path is also checked in its symlink-resolved form, so a
 * link to `.git/config` reads no more than `.git/config` does. GatedFs adds the writes; DeferredFs puts
 * this gate alone over WorkspaceReader until just-bash is loaded.
 */
export class GatedReads<Inner extends ReadableFs = ReadableFs> {
  constructor(
    protected readonly inner: Inner,
    protected readonly policy: PathPolicy,
  ) {}

  async readFile(file: string, options?: ReadOptions): Promise<string> {
    if (normalize(file) === DEV_NULL) return '';
    return this.inner.readFile(await this.readable(file, 'read'), options);
  }

  async readFileBuffer(file: string): Promise<Uint8Array> {
    return this.inner.readFileBuffer(await this.readable(file, 'read'));
  }

  exists(file: string): Promise<boolean> {
    return this.inner.exists(normalize(file));
  }

  stat(file: string): Promise<FsStat> {
    return this.inner.stat(normalize(file));
  }

  readdir(dir: string): Promise<string[]> {
    return this.inner.readdir(normalize(dir));
  }

  lstat(file: string): Promise<FsStat> {
    return this.inner.lstat(normalize(file));
  }

  /** Always with file types (grep and glob walk with it); just-bash's MountableFs lists names only. */
  async readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    const target = normalize(dir);
    if (this.inner.readdirWithFileTypes) return this.inner.readdirWithFileTypes(target);
    const names = await this.inner.readdir(target);
    return Promise.all(
      names.map(async (name) => {
        const stat = await this.inner.lstat(path.posix.join(target, name));
        return { name, isFile: stat.isFile, isDirectory: stat.isDirectory, isSymbolicLink: stat.isSymbolicLink };
      }),
    );
  }

  realpath(file: string): Promise<string> {
    return this.inner.realpath(normalize(file));
  }

  /** Normalizes `file` and refuses it when it (or what it resolves to) may not be read. */
  protected async readable(file: string, operation: string, scope: MutationScope = 'entry'): Promise<string> {
    const target = normalize(file);
    for (const candidate of await this.candidates(target)) {
      const reason = readRefusal(this.policy.workspace, candidate, scope);
      if (reason) throw this.refused(operation, target, reason);
    }
    return target;
  }

  /** The lexical path, plus its symlink-resolved form when that differs (inside the workspace only). */
  protected async candidates(target: string): Promise<string[]> {
    if (placement(this.policy.workspace, target).kind !== 'inside') return [target];
    const resolved = await this.resolveExisting(target);
    return resolved === target ? [target] : [target, resolved];
  }

  /** realpath of the deepest existing ancestor, with the rest of the path appended. */
  private async resolveExisting(target: string): Promise<string> {
    const rest: string[] = [];
    let head = target;
    for (;;) {
      try {
        return path.posix.join(await this.inner.realpath(head), ...rest.reverse());
      } catch {
        if (head === '/') return target;
        rest.push(path.posix.basename(head));
        head = path.posix.dirname(head);
      }
    }
  }

  protected refused(operation: string, target: string, reason: string): SandboxError {
    const shown = displayPath(this.policy.workspace, target);
    return new SandboxError('EACCES', `EACCES: permission denied, ${operation} '${shown}' (${reason})`);
  }
}

/**
 * The one gate every filesystem access of the sandbox goes through: the shell's builtins, its
 * redirections and the model's file tools. Reads are GatedReads's; writes are checked on the lexical
 * and the symlink-resolved path too, so a link to `.git` does not open a way around the protection.
 */
export class GatedFs extends GatedReads<GateableFs> implements IFileSystem {
  async readFileBytes(file: string): Promise<ByteString> {
    return this.inner.readFileBytes(await this.readable(file, 'read'));
  }

  async writeFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (normalize(file) === DEV_NULL) return;
    return this.inner.writeFile(await this.writable(file, 'write', 'entry'), content, options);
  }

  async appendFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (normalize(file) === DEV_NULL) return;
    return this.inner.appendFile(await this.writable(file, 'write', 'entry'), content, options);
  }

  async mkdir(dir: string, options?: MkdirOptions): Promise<void> {
    return this.inner.mkdir(await this.writable(dir, 'mkdir', 'entry'), options);
  }

  async rm(file: string, options?: RmOptions): Promise<void> {
    return this.inner.rm(await this.writable(file, 'remove', 'tree'), options);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const source = await this.readable(src, 'copy', options?.recursive ? 'tree' : 'entry');
    return this.inner.cp(source, await this.writable(dest, 'copy to', 'tree'), options);
  }

  async mv(src: string, dest: string): Promise<void> {
    const source = await this.writable(src, 'move', 'tree');
    await this.readable(src, 'move', 'tree');
    return this.inner.mv(source, await this.writable(dest, 'move to', 'tree'));
  }

  resolvePath(base: string, file: string): string {
    return this.inner.resolvePath(base, file);
  }

  getAllPaths(): string[] {
    return this.inner.getAllPaths();
  }

  async chmod(file: string, mode: number): Promise<void> {
    return this.inner.chmod(await this.writable(file, 'chmod', 'entry'), mode);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    return this.inner.symlink(target, await this.writable(linkPath, 'symlink', 'entry'));
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    // A hard link is a second name for the same file: the path checks would not see through it.
    const existing = await this.writable(existingPath, 'link', 'entry');
    await this.readable(existingPath, 'link', 'entry');
    return this.inner.link(existing, await this.writable(newPath, 'link', 'entry'));
  }

  readlink(file: string): Promise<string> {
    return this.inner.readlink(normalize(file));
  }

  async utimes(file: string, atime: Date, mtime: Date): Promise<void> {
    return this.inner.utimes(await this.writable(file, 'touch', 'entry'), atime, mtime);
  }

  /** Normalizes `file` and refuses it when the policy does not allow changing it. */
  private async writable(file: string, operation: string, scope: MutationScope): Promise<string> {
    const target = normalize(file);
    for (const candidate of await this.candidates(target)) {
      const reason = mutationRefusal(this.policy, candidate, scope);
      if (reason) throw this.refused(operation, target, reason);
    }
    return target;
  }
}

const normalize = (file: string): string => path.posix.resolve('/', file);
