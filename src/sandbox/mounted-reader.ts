// Types only: this file is on the start-up side of the sandbox, where just-bash is not loaded.
import type { FsStat, IFileSystem } from 'just-bash';
import type { WorkspaceReader } from './workspace-reader.js';

type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];

/**
 * WorkspaceReader at the workspace's absolute path, answering as just-bash's MountableFs does for its
 * WorkspaceFs mount: what the read gate sits on before the shell's filesystem is built. DeferredFs
 * sends it workspace paths only; anything else is an error here, never a read of the real disk.
 */
export class MountedReader {
  constructor(
    private readonly workspace: string,
    private readonly reader: WorkspaceReader,
  ) {}

  async readFile(file: string, options?: { encoding?: BufferEncoding | null } | BufferEncoding): Promise<string> {
    const bytes = await this.readFileBuffer(file);
    const encoding = (typeof options === 'string' ? options : options?.encoding) ?? 'utf8';
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
  }

  readFileBuffer(file: string): Promise<Uint8Array> {
    return this.reader.readFileBuffer(this.#inside(file, 'open'));
  }

  exists(file: string): Promise<boolean> {
    return this.reader.exists(this.#inside(file, 'access'));
  }

  stat(file: string): Promise<FsStat> {
    const inside = this.#inside(file, 'stat');
    return inside === '/' ? this.reader.stat('/').catch(mountPointStat) : this.reader.stat(inside);
  }

  lstat(file: string): Promise<FsStat> {
    const inside = this.#inside(file, 'lstat');
    // The root's lstat is refused (its parent is outside), so MountableFs answers for the mount point.
    return inside === '/' ? this.reader.lstat('/').catch(mountPointStat) : this.reader.lstat(inside);
  }

  async readdir(dir: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(dir)).map((entry) => entry.name);
  }

  readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    return this.reader.readdirWithFileTypes(this.#inside(dir, 'scandir'));
  }

  async realpath(file: string): Promise<string> {
    const real = await this.reader.realpath(this.#inside(file, 'realpath'));
    return real === '/' ? this.workspace : `${this.workspace}${real}`;
  }

  /** The path inside the mount of an absolute, normalized workspace path. */
  #inside(file: string, operation: string): string {
    if (file === this.workspace) return '/';
    if (file.startsWith(`${this.workspace}/`)) return file.slice(this.workspace.length);
    throw new Error(`ENOENT: no such file or directory, ${operation} '${file}'`);
  }
}

/** What MountableFs answers for a mount point its filesystem cannot stat. */
const mountPointStat = (): FsStat => ({ isFile: false, isDirectory: true, isSymbolicLink: false, mode: 0o755, size: 0, mtime: new Date() });
