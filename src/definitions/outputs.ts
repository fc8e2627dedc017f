import * as v from 'valibot';
import { DefinitionError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { compileGlob } from '../patterns/glob.js';
import { CHANGE_DELIVERIES, OUTPUT_KINDS, type ChangePolicy, type OutputKind, type OutputPolicy, type ReviewPolicy } from './types.js';
import { check, isAbsent, nonEmptyText, positiveInteger, rejectUnknownKeys, requireMapping, type FieldAt } from './field-check.js';
import { describeValue, didYouMean, quoteList } from './wording.js';
import type { FieldNaming } from './naming.js';
import { ErrorCollector, FieldError, readEach } from './problems.js';

/** `propose_change` settings, kebab-case in markdown like every frontmatter field, camelCase in a TS agent. */
const CHANGE_KEYS = {
  markdown: {
    'branch-prefix': 'branchPrefix',
    'protected-paths': 'protectedPaths',
    'max-files': 'maxFiles',
    'max-lines': 'maxLines',
    draft: 'draft',
    'on-pull-request': 'onPullRequest',
  },
  typescript: {
    branchPrefix: 'branchPrefix',
    protectedPaths: 'protectedPaths',
    maxFiles: 'maxFiles',
    maxLines: 'maxLines',
    draft: 'draft',
    onPullRequest: 'onPullRequest',
  },
} as const;

const REVIEW_EVENTS = ['COMMENT', 'REQUEST_CHANGES', 'APPROVE'] as const;
type ReviewEvent = (typeof REVIEW_EVENTS)[number];

const DEFAULT_MAX: Record<OutputKind, number> = {
  add_comment: LIMITS.defaultCommentsMax,
  add_labels: LIMITS.defaultLabelsMax,
  remove_labels: LIMITS.defaultLabelsMax,
  submit_review: LIMITS.defaultReviewsMax,
  propose_change: 1,
};

const POLICY_KEYS: Record<OutputKind, readonly string[]> = {
  add_comment: ['max'],
  add_labels: ['allowed', 'max'],
  remove_labels: ['allowed', 'max'],
  submit_review: ['max', 'events'],
  propose_change: ['max', ...Object.keys(CHANGE_KEYS.markdown)],
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
    if (kind === 'propose_change') policy.propose_change = readChangePolicy(settings, { file, field: `outputs.${name}` }, naming);
    else readPolicy(kind, settings, { file, field: `outputs.${name}` }, policy);
  });
  return policy;
}

function readPolicy(kind: Exclude<OutputKind, 'propose_change'>, value: unknown, at: FieldAt, policy: OutputPolicy): void {
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

/**
 * `propose_change: { branch-prefix, protected-paths, max-files, max-lines, draft, on-pull-request }`. The protected paths
 * are globs on top of the ones every change set refuses (src/tools/change-policy.ts).
 */
function readChangePolicy(value: unknown, at: FieldAt, naming: FieldNaming): ChangePolicy {
  const keys = CHANGE_KEYS[naming.format];
  const name = (key: keyof typeof CHANGE_KEYS.typescript): string =>
    Object.keys(keys).find((written) => keys[written as keyof typeof keys] === key) ?? key;
  const settings = requireMapping(value, at, `Write ${at.field.slice('outputs.'.length)}: { ${name('maxFiles')}: 5 }, or {} for the defaults`);
  const field = (key: string): FieldAt => ({ file: at.file, field: `${at.field}.${key}` });
  // Every problem at once, as for the other outputs: each setting falls back to its default while the rest are read.
  const problems = new ErrorCollector();
  problems.read(() => rejectUnknownKeys(settings, ['max', ...Object.keys(keys)], at), undefined);
  const count = (key: 'max' | 'maxFiles' | 'maxLines', fallback: number): number => {
    const written = key === 'max' ? 'max' : name(key);
    return problems.read(
      () =>
        isAbsent(settings[written]) ? fallback : check(positiveInteger, settings[written], field(written), `Remove it for the default (${fallback})`),
      fallback,
    );
  };
  const prefix = settings[name('branchPrefix')];
  const branchPrefix = problems.read(
    () =>
      isAbsent(prefix)
        ? 'flue/'
        : check(branchPrefixSchema, prefix, field(name('branchPrefix')), "Write a branch name prefix such as 'flue/' or 'bot/fix-'"),
    'flue/',
  );
  const protectedPaths = problems.read(() => readProtectedPaths(settings[name('protectedPaths')], field(name('protectedPaths'))), []);
  const draft = settings.draft;
  const delivery = settings[name('onPullRequest')];
  const policy: ChangePolicy = {
    max: count('max', DEFAULT_MAX.propose_change),
    branchPrefix,
    protectedPaths,
    maxFiles: count('maxFiles', LIMITS.defaultChangeMaxFiles),
    maxLines: count('maxLines', LIMITS.defaultChangeMaxLines),
    draft: problems.read(
      () =>
        isAbsent(draft)
          ? true
          : check(
              v.boolean((issue) => `must be true or false, got ${describeValue(issue.input)}`),
              draft,
              field('draft'),
              'Write draft: false to open a ready pull request',
            ),
      true,
    ),
    onPullRequest: problems.read(
      () =>
        isAbsent(delivery)
          ? 'branch'
          : check(
              deliverySchema,
              delivery,
              field(name('onPullRequest')),
              `Write ${name('onPullRequest')}: suggestions to post the change as suggestions on the pull request, or branch (the default) for a pull request into its branch`,
            ),
      'branch',
    ),
  };
  problems.throwIfAny();
  return policy;
}

/** Globs of paths never committed; each must match in linear time, like every pattern a definition holds. */
function readProtectedPaths(value: unknown, at: FieldAt): string[] {
  if (isAbsent(value)) return [];
  const globs = check(globList, value, at, 'List globs of paths the agent may not change, such as ["package.json", "src/auth/**"]');
  for (const [index, glob] of globs.entries()) {
    const compiled = compileGlob(glob, { nocase: true });
    if (!compiled.ok) throw new DefinitionError(at.file, `${at.field}[${index}]`, compiled.problem);
  }
  return globs;
}

/** A branch name prefix git and GitHub accept: refname characters only, no `..`, not ending in `.lock`. */
const branchPrefixSchema = v.pipe(
  nonEmptyText,
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be letters, digits, ".", "_", "-" and "/", starting with a letter or digit'),
  v.check((prefix) => !prefix.includes('..') && !prefix.includes('//') && !prefix.endsWith('.lock'), 'must not hold "..", "//" or end in ".lock"'),
  v.maxLength(100, 'must be at most 100 characters'),
);

const deliverySchema = v.picklist(
  CHANGE_DELIVERIES,
  (issue) =>
    `must be ${quoteList(CHANGE_DELIVERIES)}, got ${describeValue(issue.input)}${typeof issue.input === 'string' ? didYouMean(issue.input, CHANGE_DELIVERIES) : ''}`,
);

const globList = v.array(nonEmptyText, (issue) => `must be a list, got ${describeValue(issue.input)}`);

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
