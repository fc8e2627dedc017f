/**
 * Problems with definition files, and how several are kept: `flue-action check` reports every
 * problem of every file at once, while `run` stops at the first error of the agent it runs. Readers
 * throw DefinitionError as before; an ErrorCollector keeps each one and reads on, and its
 * DefinitionErrors is the first error to a plain `catch` (the run path) and the whole list to check.
 */
import { DefinitionError, formatPlace, type SourcePosition } from '../errors.js';

/**
 * Where in a file's frontmatter a problem is, as YAML keys (`['outputs', 'add_labels', 'max']`).
 * `part: 'key'` points at the key itself (an unknown key), else at its value; `item` at the entry of
 * the list at `keys` whose value it is (a skill name that does not exist).
 */
export interface FieldTarget {
  keys: ReadonlyArray<string | number>;
  part?: 'key';
  item?: string;
}

/** A problem that did not stop loading, about one file. `message` does not repeat the file. */
export interface DefinitionWarning {
  file: string;
  message: string;
  /** Where in the file; absent when there is no place to point at (a TS agent's field, a directory). */
  position?: SourcePosition;
}

/** A DefinitionError about a field whose place `field` alone does not give (an unknown key, a list entry). */
export class FieldError extends DefinitionError {
  constructor(
    file: string,
    field: string | undefined,
    readonly target: FieldTarget,
    problem: string,
    fix?: string,
  ) {
    super(file, field, problem, fix);
  }
}

/** Some errors; never none. */
export type ErrorList = [DefinitionError, ...DefinitionError[]];

/** Several errors of one load. To a plain `catch` it is the first of them: its message, file and field. */
export class DefinitionErrors extends DefinitionError {
  readonly errors: ErrorList;
  constructor(errors: ErrorList) {
    const [first] = errors;
    super(first.file, first.field, first.problem, first.fix, first.position);
    this.errors = errors;
  }
}

/** Every error `error` stands for: the list of a DefinitionErrors, else the error itself. */
export const errorsOf = (error: DefinitionError): ErrorList => (error instanceof DefinitionErrors ? error.errors : [error]);

/** The errors of one load, kept so that a bad field does not hide the next one. */
export class ErrorCollector {
  readonly errors: DefinitionError[] = [];

  /** `read()`; when it throws a DefinitionError, the error is kept and `fallback` returned, so reading goes on. */
  read<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      this.keep(error);
      return fallback;
    }
  }

  /** `read` for an async reader. */
  async readAsync<T>(read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      this.keep(error);
      return fallback;
    }
  }

  /** Keeps a DefinitionError (each of several); anything else is not a problem of the file and is re-thrown. */
  private keep(error: unknown): void {
    if (!(error instanceof DefinitionError)) throw error;
    this.errors.push(...errorsOf(error));
  }

  /** `read` for every item, in order: the results of those that passed. */
  each<I, T>(items: readonly I[], read: (item: I) => T): T[] {
    const results: T[] = [];
    for (const item of items) this.read(() => void results.push(read(item)), undefined);
    return results;
  }

  /** Throws every kept error as one; returns when there is none. */
  throwIfAny(): void {
    throwErrors(this.errors);
  }
}

/** Throws `errors` as one DefinitionErrors (a single error as itself); returns when there is none. */
export function throwErrors(errors: readonly DefinitionError[]): void {
  const [first, ...rest] = errors;
  if (first === undefined) return;
  throw rest.length === 0 ? first : new DefinitionErrors([first, ...rest]);
}

/** Runs `read` on each item; every item is read even after one fails, then all failures are thrown together. */
export function readEach<I, T>(items: readonly I[], read: (item: I) => T): T[] {
  const collector = new ErrorCollector();
  const results = collector.each(items, read);
  collector.throwIfAny();
  return results;
}

/** One line, as AgentSpec.warnings and the CLI show it. */
export const formatWarning = (warning: DefinitionWarning): string => `${formatPlace(warning.file, warning.position)}: ${warning.message}`;
