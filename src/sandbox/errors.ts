import { FlueError } from '../errors.js';

/**
 * A path or a write the sandbox refuses. `code` follows the errno names the shell prints, so a
 * refused `echo x > .git/config` reads like any other permission error.
 */
export class SandboxError extends FlueError {
  override name = 'SandboxError';
  constructor(
    readonly code: 'EACCES' | 'ENOENT' | 'EINVAL' | 'ENOSPC',
    message: string,
  ) {
    super(message);
  }
}

export const isSandboxError = (error: unknown): error is SandboxError => error instanceof SandboxError;
