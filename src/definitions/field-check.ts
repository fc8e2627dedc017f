import * as v from 'valibot';
import { DefinitionError } from '../errors.js';
import { isRecord } from '../records.js';
import { describeValue, didYouMean, fieldPath, quoteList } from './wording.js';
import { FieldError, readEach, throwErrors } from './problems.js';
import { fieldKeys } from './positions.js';

/** Where a value came from, for the error that names it. */
export interface FieldAt {
  /** Repository-relative path of the definition file. */
  file: string;
  /** The field as the user spelled it: `limits.max-turns` in markdown, `limits.maxTurns` in TS. */
  field: string;
}

/**
 * Validates one field with valibot and returns its output, or throws a DefinitionError naming the
 * file, the exact path inside the field (`tools[2]`) and the fix. Messages come from the schema.
 * Every issue is reported (two bad entries of one list are two errors), each at its own path.
 */
export function check<T>(schema: v.GenericSchema<unknown, T>, value: unknown, at: FieldAt, fix: string): T {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const errors: DefinitionError[] = [];
  const seen = new Set<string>();
  for (const issue of result.issues) {
    const field = fieldPath(
      at.field,
      (issue.path ?? []).map((item) => item.key as string | number),
    );
    // One problem per place: a value that is not a number also fails the pipe's later checks.
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push(new DefinitionError(at.file, field, issue.message, fix));
  }
  throwErrors(errors);
  throw new Error('valibot reported a failure without issues');
}

const got = (issue: v.BaseIssue<unknown>): string => `got ${describeValue(issue.input)}`;

export const text = v.string((issue) => `must be a string, ${got(issue)}`);

export const nonEmptyText = v.pipe(text, v.trim(), v.nonEmpty('must not be empty'));

/** A list of non-empty strings, trimmed. */
export const nameList = v.array(nonEmptyText, (issue) => `must be a list, ${got(issue)}`);

export const positiveInteger = v.pipe(
  v.number((issue) => `must be a whole number of at least 1, ${got(issue)}`),
  v.integer((issue) => `must be a whole number of at least 1, ${got(issue)}`),
  v.minValue(1, (issue) => `must be a whole number of at least 1, ${got(issue)}`),
);

export const positiveNumber = v.pipe(
  v.number((issue) => `must be a number greater than 0, ${got(issue)}`),
  v.finite((issue) => `must be a number greater than 0, ${got(issue)}`),
  v.gtValue(0, (issue) => `must be a number greater than 0, ${got(issue)}`),
);

/** `undefined` and YAML's empty value (`limits:` with nothing after it) both mean "use the defaults". */
export const isAbsent = (value: unknown): value is undefined | null => value === undefined || value === null;

/** A mapping, or a DefinitionError that says what was given instead. */
export function requireMapping(value: unknown, at: FieldAt, fix: string): Record<string, unknown> {
  if (isRecord(value)) return value;
  throw new DefinitionError(at.file, at.field, `must be a mapping, got ${describeValue(value)}`, fix);
}

/** Nested fields are strict: a misspelled limit or policy key would silently fall back to a default. Every unknown key is an error at its line. */
export function rejectUnknownKeys(value: Record<string, unknown>, known: readonly string[], at: FieldAt, what = 'field'): void {
  readEach(
    Object.keys(value).filter((key) => !known.includes(key)),
    (key) => {
      throw new FieldError(
        at.file,
        at.field,
        { keys: [...fieldKeys(at.field), key], part: 'key' },
        `unknown ${what} ${JSON.stringify(key)}${didYouMean(key, known)}`,
        `Known: ${quoteList(known)}`,
      );
    },
  );
}
