import type { FileContent, IFileSystem } from 'just-bash';
import { SandboxError } from './errors.js';

type WriteOptions = Parameters<IFileSystem['writeFile']>[2];

/**
 * The bytes a run may still write into the workspace (LIMITS.workspaceWriteBytes). Every byte written
 * counts, an overwrite as much as a new file: a quota on what was written, not on what is on disk,
 * so a loop that rewrites one file stops as surely as one that fills a folder.
 */
export class WriteQuota {
  #written = 0;

  constructor(readonly limitBytes: number) {}

  get written(): number {
    return this.#written;
  }

  /** Refuses, before anything is written, a write of `bytes` that would pass the limit. */
  check(bytes: number, operation: string, shownPath: string): void {
    if (this.#written + bytes <= this.limitBytes) return;
    throw new SandboxError(
      'ENOSPC',
      `ENOSPC: no space left on device, ${operation} '${shownPath}' (this run may write ${this.limitBytes} bytes into the workspace, ` +
        `LIMITS.workspaceWriteBytes; it has written ${this.#written} and this needs ${bytes} more)`,
    );
  }

  /** Counts `bytes` for the duration of `write`; they are given back when it fails. */
  async spend<T>(bytes: number, operation: string, shownPath: string, write: () => Promise<T>): Promise<T> {
    this.check(bytes, operation, shownPath);
    // Taken before the write starts, so that writes running at once cannot each pass the check.
    this.#written += bytes;
    try {
      return await write();
    } catch (error) {
      this.#written -= bytes;
      throw error;
    }
  }
}

/** The bytes `content` takes on disk, in the encoding the shell writes it with. */
export function contentBytes(content: FileContent, options: WriteOptions): number {
  if (typeof content !== 'string') return content.byteLength;
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return Buffer.byteLength(content, encoding ?? 'utf8');
}
