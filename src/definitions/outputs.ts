import * as v from 'valibot';
import { DefinitionError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { compileGlob } from '../patterns/glob.js';
import { OUTPUT_KINDS, type OutputKind, type OutputPolicy, type ReviewPolicy } from './types.js';
import { check, isAbsent, nonEmptyText, positiveInteger, rejectUnknownKeys, requireMapping, type FieldAt } from './field-check.js';
import { describeValue, didYouMean, quoteList } from './wording.js';
import type { FieldNaming } from './naming.js';
import { ErrorCollector, FieldError, readEach } from './problems.js';

const REVIEW_EVENTS = ['COMMENT', 'REQUEST_CHANGES', 'APPROVE'] as const;
type ReviewEvent = (typeof REVIEW_EVENTS)[number];

const DEFAULT_MAX: Record<OutputKind, number> = {
  add_comment: LIMITS.defaultCommentsMax,
  add_labels: LIMITS.defaultLabelsMax,
  remove_labels: LIMITS.defaultLabelsMax,
  submit_review: LIMITS.defaultReviewsMax,
};

const POLICY_KEYS: Record<OutputKind, readonly string[]> = {
  add_comment: ['max'],
  add_labels: ['allowed', 'max'],
  remove_labels: ['allowed', 'max'],
  submit_review: ['max', 'events'],
};

/**
 * `outputs:` into an OutputPolicy. A kind that is absent (or `false`) may not be proposed at all;
 * `{}`, `true` or an empty value allow it with the default `max`. Labels need an explicit `allowed`
 * list: an agent that may apply any label is one prompt injection away from `security-approved`.
 */
export function readOutputs(value: unknown, file: string, naming: FieldNaming): OutputPolicy {
  if (isAbsent(value)) return {};
  const example = `outputs: { ${naming.outputs.add_comment}: { max: 1 } }`;
  const outputs = requireMapping(value, { file, field: 'outputs' }, `Write ${example}`);
  const names = OUTPUT_KINDS.map((kind) => naming.outputs[kind]);
  const policy: OutputPolicy = {};
  readEach(Object.entries(outputs), ([name, entry]) => {
    const kind = OUTPUT_KINDS.find((candidate) => naming.outputs[candidate] === name);
    if (!kind) {
      throw new FieldError(
        file,
        'outputs',
        { keys: ['outputs', name], part: 'key' },
        `unknown output ${JSON.stringify(name)}${didYouMean(name, names)}`,
        `Safe outputs are ${quoteList(names)}`,
      );
    }
    if (entry === false) return;
    const settings = isAbsent(entry) || entry === true ? {} : entry;
    readPolicy(kind, settings, { file, field: `outputs.${name}` }, policy);
  });
  return policy;
}

function readPolicy(kind: OutputKind, value: unknown, at: FieldAt, policy: OutputPolicy): void {
  const settings = requireMapping(value, at, `Write ${at.field.slice('outputs.'.length)}: { max: ${DEFAULT_MAX[kind]} }, or {} for the defaults`);
  const problems = new ErrorCollector();
  problems.read(() => rejectUnknownKeys(settings, POLICY_KEYS[kind], at), undefined);
  const max = problems.read(
    () =>
      isAbsent(settings.max)
        ? DEFAULT_MAX[kind]
        : check(positiveInteger, settings.max, { file: at.file, field: `${at.field}.max` }, `Remove it for the default (${DEFAULT_MAX[kind]})`),
    DEFAULT_MAX[kind],
  );
  if (kind === 'add_comment') policy.add_comment = { max };
  else if (kind === 'submit_review') policy.submit_review = { max, events: problems.read(() => readEvents(settings.events, at), ['COMMENT']) };
  else policy[kind] = { max, allowed: problems.read(() => readAllowed(settings.allowed, at), []) };
  problems.throwIfAny();
}

const allowedList = v.pipe(
  v.array(nonEmptyText, (issue) => `must be a list, got ${describeValue(issue.input)}`),
  v.minLength(1, 'must list at least one label or glob'),
);

function readAllowed(value: unknown, at: FieldAt): string[] {
  const field = `${at.field}.allowed`;
  const fix = 'List the labels or globs the agent may use, such as [bug, question, "area/*"]';
  if (isAbsent(value)) throw new DefinitionError(at.file, field, 'is required', fix);
  const allowed = check(allowedList, value, { file: at.file, field }, fix);
  readEach([...allowed.entries()], ([index, glob]) => {
    // Matched against labels the model chooses: only globs that match in linear time are accepted.
    const compiled = compileGlob(glob, { nocase: true });
    if (!compiled.ok) throw new DefinitionError(at.file, `${field}[${index}]`, compiled.problem);
  });
  return [...new Set(allowed)];
}

/** Review events are compared case-insensitively: `approve` clearly means `APPROVE`. */
const eventList = v.pipe(
  v.array(
    v.pipe(
      nonEmptyText,
      v.toUpperCase(),
      v.picklist(REVIEW_EVENTS, (issue) => `unknown review event ${describeValue(issue.input)}`),
    ),
    (issue) => `must be a list, got ${describeValue(issue.input)}`,
  ),
  v.minLength(1, 'must list at least one review event'),
);

function readEvents(value: unknown, at: FieldAt): ReviewPolicy['events'] {
  // COMMENT only by default: approving or blocking a PR is a decision a human opts the agent into.
  if (isAbsent(value)) return ['COMMENT'];
  const events: ReviewEvent[] = check(
    eventList,
    value,
    { file: at.file, field: `${at.field}.events` },
    `Review events are ${quoteList(REVIEW_EVENTS)}`,
  );
  return [...new Set(events)];
}
