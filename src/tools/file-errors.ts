import { errorMessage } from '../errors.js';
import { LIMITS } from '../limits.js';
import { isSandboxError } from '../sandbox/index.js';

/**
 * A filesystem error in the model's terms: the path it gave, and what went wrong. The errors of the
 * filesystem below name paths relative to its mount, which would only confuse the model.
 */
export function describeFileError(error: unknown, shownPath: string): string {
  if (isSandboxError(error)) return error.message;
  const message = errorMessage(error);
  const code = /^(E[A-Z]+)\b/.exec(message)?.[1];
  switch (code) {
    case 'ENOENT':
      return `${shownPath}: no such file or directory`;
    case 'EISDIR':
      return `${shownPath} is a directory`;
    case 'ENOTDIR':
      return `${shownPath}: a parent of it is not a directory`;
    case 'EFBIG':
      return `${shownPath} is too large: the sandbox reads files up to ${LIMITS.readFileBytes} bytes`;
    case 'EACCES':
      return /outside sandbox/.test(message)
        ? `${shownPath}: refused: it resolves to a place outside the workspace (through a symlink)`
        : `${shownPath}: permission denied`;
    default:
      return `${shownPath}: ${message}`;
  }
}

/** The error of reading a directory as a file (the filesystem below names it only in the message). */
export const isDirectoryError = (error: unknown): boolean => error instanceof Error && /^EISDIR\b/.test(error.message);

/** Runs a filesystem call, turning its error into one that reads well as a tool result. */
export async function onFile<T>(shownPath: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new Error(describeFileError(error, shownPath), { cause: error });
  }
}
