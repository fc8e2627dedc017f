import * as path from 'node:path';
// Types only: the gate is built, and answers reads, before just-bash is loaded (see create.ts).
import type { ByteString, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import { SandboxError } from './errors.js';
import { displayPath, mutationRefusal, placement, readRefusal, UNREADABLE_NAMES, type MutationScope, type PathPolicy } from './policy.js';
import { copyTree, type CopyFs } from './tree-copy.js';
import type { SandboxFs } from './types.js';
import { contentBytes, WriteQuota } from './write-quota.js';

type ReadOptions = Parameters<IFileSystem['readFile']>[1];
type WriteOptions = Parameters<IFileSystem['writeFile']>[2];
type DirentEntry = Awaited<ReturnType<SandboxFs['readdirWithFileTypes']>>[number];

// Redirections to /dev/null reach the filesystem as plain writes; they must work on a read-only
// workspace and must not pile up bytes in the scratch area.
const DEV_NULL = '/dev/null';

/**
 * The one gate every filesystem access of the sandbox goes through: the shell's builtins, its
 * redirections and the model's file tools. Paths are normalized here and passed on normalized, so the
 * policy checks exactly the path the filesystem below acts on. A path is also checked in its
 * symlink-resolved form, so a link to `.git/config` reads no more than `.git/config` does, and a link
 * to `.git` opens no way around the protection of writes. Every byte written into the workspace counts
 * against the run's write quota. Copies, and moves between the workspace and the scratch area, go
 * through the gate file by file (tree-copy.ts).
 */
export class GatedFs implements SandboxFs {
  readonly #quota: WriteQuota;

  constructor(
    private readonly inner: SandboxFs,
    private readonly policy: PathPolicy,
    writeQuotaBytes: number,
  ) {
    this.#quota = new WriteQuota(writeQuotaBytes);
  }

  async readFile(file: string, options?: ReadOptions): Promise<string> {
    if (normalize(file) === DEV_NULL) return '';
    return this.inner.readFile(await this.readable(file, 'read'), options);
  }

  async readFileBuffer(file: string): Promise<Uint8Array> {
    return this.inner.readFileBuffer(await this.readable(file, 'read'));
  }

  async readFileBytes(file: string): Promise<ByteString> {
    return this.inner.readFileBytes(await this.readable(file, 'read'));
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

  /** Always with file types: grep and glob walk with it. */
  readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    return this.inner.readdirWithFileTypes(normalize(dir));
  }

  realpath(file: string): Promise<string> {
    return this.inner.realpath(normalize(file));
  }

  async writeFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (normalize(file) === DEV_NULL) return;
    const target = await this.writable(file, 'write', 'entry');
    return this.#counted(target, contentBytes(content, options), 'write', () => this.inner.writeFile(target, content, options));
  }

  async appendFile(file: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (normalize(file) === DEV_NULL) return;
    const target = await this.writable(file, 'write', 'entry');
    return this.#counted(target, contentBytes(content, options), 'write', () => this.inner.appendFile(target, content, options));
  }

  async mkdir(dir: string, options?: MkdirOptions): Promise<void> {
    return this.inner.mkdir(await this.writable(dir, 'mkdir', 'entry'), options);
  }

  async rm(file: string, options?: RmOptions): Promise<void> {
    return this.inner.rm(await this.writable(file, 'remove', 'tree'), options);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const source = normalize(src);
    const target = normalize(dest);
    // Within the scratch area nothing is refused or counted: its own copy is faster and keeps its own cap.
    if (this.#outside(source) && this.#outside(target)) return this.inner.cp(source, target, options);
    return copyTree(this.#copyFs(), source, target, options?.recursive ?? false);
  }

  async mv(src: string, dest: string): Promise<void> {
    const source = await this.writable(src, 'move', 'tree');
    await this.readable(src, 'move');
    await this.#treeHolds(source, UNREADABLE_NAMES, 'move', (found) => readRefusal(this.policy.workspace, found));
    const target = await this.writable(dest, 'move to', 'tree');
    // A rename stays on one filesystem and writes no bytes; between the workspace and the scratch area
    // the filesystem below would copy past the gate, so the copy goes through it.
    if (this.#outside(source) === this.#outside(target)) return this.inner.mv(source, target);
    await copyTree(this.#copyFs(), source, target, true);
    await this.rm(source, { recursive: true });
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
    await this.readable(existingPath, 'link');
    return this.inner.link(existing, await this.writable(newPath, 'link', 'entry'));
  }

  readlink(file: string): Promise<string> {
    return this.inner.readlink(normalize(file));
  }

  async utimes(file: string, atime: Date, mtime: Date): Promise<void> {
    return this.inner.utimes(await this.writable(file, 'touch', 'entry'), atime, mtime);
  }

  /** Normalizes `file` and refuses it when it (or what it resolves to) may not be read. */
  private async readable(file: string, operation: string): Promise<string> {
    const target = normalize(file);
    for (const candidate of await this.candidates(target)) {
      const reason = readRefusal(this.policy.workspace, candidate);
      if (reason) throw this.refused(operation, target, reason);
    }
    return target;
  }

  /** The lexical path, plus its symlink-resolved form when that differs (inside the workspace only). */
  private async candidates(target: string): Promise<string[]> {
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

  private refused(operation: string, target: string, reason: string): SandboxError {
    const shown = displayPath(this.policy.workspace, target);
    return new SandboxError('EACCES', `EACCES: permission denied, ${operation} '${shown}' (${reason})`);
  }
  /** Normalizes `file` and refuses it when the policy does not allow changing it (for a tree: anything in it). */
  private async writable(file: string, operation: string, scope: MutationScope): Promise<string> {
    const target = normalize(file);
    for (const candidate of await this.candidates(target)) {
      const reason = mutationRefusal(this.policy, candidate, scope);
      if (reason) throw this.refused(operation, target, reason);
    }
    if (scope === 'tree' && this.policy.writable) {
      await this.#treeHolds(target, this.policy.protectedNames, operation, (found) => mutationRefusal(this.policy, found, 'entry'));
    }
    return target;
  }

  /**
   * Refuses `operation` on the tree at `target` when it holds an entry with one of `names` (a `.git`
   * at any depth) that `reason` refuses. The policy's rooted rules are checked by name alone; these
   * can sit anywhere, so the tree is walked (symlinks are not followed: moving a link moves no tree).
   */
  async #treeHolds(target: string, names: ReadonlySet<string>, operation: string, reason: (found: string) => string | undefined): Promise<void> {
    if (names.size === 0 || placement(this.policy.workspace, target).kind === 'outside') return;
    const pending = [target];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      let entries: DirentEntry[];
      try {
        entries = await this.readdirWithFileTypes(dir);
      } catch {
        continue; // not a folder, or gone: nothing below it
      }
      for (const entry of entries) {
        const found = path.posix.join(dir, entry.name);
        const refusal = names.has(entry.name.toLowerCase()) ? reason(found) : undefined;
        if (refusal) throw this.refused(operation, target, `${refusal}: ${displayPath(this.policy.workspace, found)} is inside it`);
        if (entry.isDirectory) pending.push(found);
      }
    }
  }

  /** Writes into the workspace spend the run's write quota; the scratch area has its own cap. */
  #counted(target: string, bytes: number, operation: string, write: () => Promise<void>): Promise<void> {
    if (this.#outside(target)) return write();
    return this.#quota.spend(bytes, operation, displayPath(this.policy.workspace, target), write);
  }

  #outside(target: string): boolean {
    return placement(this.policy.workspace, target).kind === 'outside';
  }

  /** This gate as tree-copy.ts uses it. */
  #copyFs(): CopyFs {
    return {
      lstat: (file) => this.lstat(file),
      readdir: (dir) => this.readdir(dir),
      readFileBuffer: (file) => this.readFileBuffer(file),
      writeFile: (file, content, options) => this.writeFile(file, content, options),
      mkdir: (dir, options) => this.mkdir(dir, options),
      chmod: (file, mode) => this.chmod(file, mode),
      symlink: (target, linkPath) => this.symlink(target, linkPath),
      readlink: (file) => this.readlink(file),
      assertReadable: async (file, operation) => void (await this.readable(file, operation)),
      assertWritable: async (file, operation) => void (await this.writable(file, operation, 'entry')),
      assertRoom: (bytes, operation, target) => {
        if (bytes > 0) this.#quota.check(bytes, operation, displayPath(this.policy.workspace, target));
      },
      inWorkspace: (file) => !this.#outside(file),
    };
  }
}

const normalize = (file: string): string => path.posix.resolve('/', file);
