import { ReadWriteFs, type FsStat } from 'just-bash';
import { WorkspaceReader, type ServedDefinitions } from './workspace-reader.js';

type DirentEntry = Awaited<ReturnType<ReadWriteFs['readdirWithFileTypes']>>[number];

/**
 * The checkout as the shell mounts it: just-bash's ReadWriteFs (symlinks followed inside the root),
 * whose read primitives are WorkspaceReader's synchronous system calls under the same rules. Writes,
 * moves and removals stay ReadWriteFs's own, with its locking and hard-link protections; its readFile,
 * readFileBytes and readdir call the primitives below. Served definitions (a pull-request run) are
 * the reader's: writes never reach them, since every definition path is protected (policy.ts).
 */
export class WorkspaceFs extends ReadWriteFs {
  readonly #reader: WorkspaceReader;

  /** `root` must be canonical (realpath'd): the sandbox passes the resolved workspace. */
  constructor(options: { root: string; maxFileReadSize: number; definitions?: ServedDefinitions }) {
    super({ root: options.root, maxFileReadSize: options.maxFileReadSize, allowSymlinks: true });
    this.#reader = new WorkspaceReader(options.root, options.maxFileReadSize, options.definitions);
  }

  override readFileBuffer(file: string): Promise<Uint8Array> {
    return this.#reader.readFileBuffer(file);
  }

  override exists(file: string): Promise<boolean> {
    return this.#reader.exists(file);
  }

  override stat(file: string): Promise<FsStat> {
    return this.#reader.stat(file);
  }

  override lstat(file: string): Promise<FsStat> {
    return this.#reader.lstat(file);
  }

  override readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    return this.#reader.readdirWithFileTypes(dir);
  }

  override realpath(file: string): Promise<string> {
    return this.#reader.realpath(file);
  }

  override getAllPaths(): string[] {
    return this.#reader.withServedPaths(super.getAllPaths());
  }
}
