/**
 * One error class per kind, with a common base. Every message names the operation and its target
 * (file and field, input and value) and the fix, so the CLI and the action print it as one line.
 */
export class FlueError extends Error {
  override name = 'FlueError';
}

/** Where in a definition file a problem is; 1-based, as editors count. */
export interface SourcePosition {
  line: number;
  column?: number;
}

/** `file:line:column`, as far as it is known. */
export function formatPlace(file: string, position: SourcePosition | undefined): string {
  if (position === undefined) return file;
  return `${file}:${position.line}${position.column === undefined ? '' : `:${position.column}`}`;
}

/**
 * A malformed agent, role or skill file. `position`, when known, makes the message start
 * `file:line:column:`, as compilers print it, so an editor or a CI log links to the spot.
 */
export class DefinitionError extends FlueError {
  override name = 'DefinitionError';
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    readonly problem: string,
    readonly fix?: string,
    readonly position?: SourcePosition,
  ) {
    super(`${formatPlace(file, position)}${field ? `: ${field}` : ''}: ${problem}${fix ? `. ${fix}` : ''}`);
  }
}

/** A bad CLI flag, action input or environment variable. */
export class InputError extends FlueError {
  override name = 'InputError';
}

/** An event payload the trigger stage cannot read. */
export class TriggerError extends FlueError {
  override name = 'TriggerError';
}

export const isFlueError = (error: unknown): error is FlueError => error instanceof FlueError;
export const isDefinitionError = (error: unknown): error is DefinitionError => error instanceof DefinitionError;
export const isInputError = (error: unknown): error is InputError => error instanceof InputError;

/** Fatal conditions a broad `catch` must re-throw instead of turning into a tool error. */
export function rethrowIfFatal(error: unknown, signal?: AbortSignal): void {
  if (signal?.aborted) throw error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) throw error;
}

/** What was thrown, as an Error: `throw 'text'` and `throw 42` are possible in user code. */
export const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** The message of what was thrown, whatever was thrown. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
