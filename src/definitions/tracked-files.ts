import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathInside } from '../paths.js';

/** A repository-relative path with `/` separators, as the session log and messages show it. */
export function repoPath(root: string, absolute: string): string {
  return pathInside(root, absolute) ?? absolute.split(path.sep).join('/');
}

export const isMissingFile = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && ['ENOENT', 'ENOTDIR'].includes((error as { code?: string }).code ?? '');

/**
 * Reads the files a spec is built from and records the sha256 of the exact bytes read, so the
 * session log can prove which definitions a run used.
 */
export class TrackedFiles {
  readonly hashes: Record<string, string> = {};
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** Reads `absolute` as UTF-8 and records its hash under its repository-relative path. */
  async read(absolute: string): Promise<string> {
    const bytes = await readFile(absolute);
    this.hashes[repoPath(this.root, absolute)] = createHash('sha256').update(bytes).digest('hex');
    return bytes.toString('utf8');
  }

  /** Like `read`, but `undefined` when the file does not exist. */
  async readIfExists(absolute: string): Promise<string | undefined> {
    try {
      return await this.read(absolute);
    } catch (error) {
      if (isMissingFile(error)) return undefined;
      throw error;
    }
  }
}
