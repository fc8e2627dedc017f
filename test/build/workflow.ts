/**
 * Reading the repository's workflows as GitHub does (the `yaml` package, comments kept), and the two
 * things the self-test test needs from them besides running steps: every action pinned to a commit,
 * and the `${{ steps.ID.outputs.NAME }}` expressions that carry one step's outputs into the next.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parse, parseDocument } from 'yaml';

export type Mapping = Record<string, unknown>;

export interface Step {
  /** Where it is, for messages: `ci.yml jobs.self-test.steps[2] (Start the scripted model)`. */
  where: string;
  id?: string;
  uses?: string;
  run?: string;
  /** `with:` as the runner passes it: every value the text of its scalar (`true` is 'true'). */
  with: Record<string, string>;
  env: Record<string, string>;
  /** The step's keys, to refuse the ones the local runner does not honour (`if:`, `shell:`, ...). */
  keys: string[];
}

export interface Workflow {
  file: string;
  /** The raw text, for the comments (`# v7.0.1`) a parsed value drops. */
  text: string;
  /** `on:` as event names (`on: push`, `on: [push]` and `on: { push: ... }` alike). */
  events: string[];
  on: Mapping;
  env: Record<string, string>;
  jobs: Record<string, Mapping>;
}

export function workflowFiles(root: string): string[] {
  const dir = path.join(root, '.github', 'workflows');
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

export function readWorkflow(file: string): Workflow {
  const text = readFileSync(file, 'utf8');
  // Failsafe: every scalar is its text, as the runner reads `with:` and `env:` (`20.10` stays '20.10', not 20.1).
  const parsed = parse(text, { schema: 'failsafe' }) as Mapping;
  const on = parsed.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(mapping(on, `${file}: on`));
  return {
    file,
    text,
    events,
    on: typeof on === 'object' && on !== null && !Array.isArray(on) ? (on as Mapping) : {},
    env: strings(parsed.env, `${file}: env`),
    jobs: mapping(parsed.jobs, `${file}: jobs`) as Record<string, Mapping>,
  };
}

/** The job's steps, with `with:` and `env:` as the runner hands them over (strings). */
export function jobSteps(workflow: Workflow, jobId: string): Step[] {
  const job = workflow.jobs[jobId];
  if (job === undefined) throw new Error(`${path.basename(workflow.file)} has no job '${jobId}'`);
  const steps = job.steps;
  if (!Array.isArray(steps)) throw new Error(`${path.basename(workflow.file)} jobs.${jobId} has no steps`);
  return steps.map((raw, index) => {
    const step = mapping(raw, `jobs.${jobId}.steps[${index}]`);
    const label = typeof step.name === 'string' ? step.name : String(step.uses ?? step.id ?? 'run');
    const where = `${path.basename(workflow.file)} jobs.${jobId}.steps[${index}] (${label})`;
    return {
      where,
      id: step.id === undefined ? undefined : String(step.id),
      uses: step.uses === undefined ? undefined : String(step.uses),
      run: step.run === undefined ? undefined : String(step.run),
      with: strings(step.with, `${where} with`),
      env: strings(step.env, `${where} env`),
      keys: Object.keys(step),
    };
  });
}

/** A job's or a step's `uses:`, with the comment on its line (`# v7.0.1`), which a parsed value drops. */
export interface ActionRef {
  where: string;
  uses: string;
  comment: string;
}

/** Every `uses:` of the workflow's jobs (a called workflow) and of their steps. */
export function actionRefs(file: string, text: string): ActionRef[] {
  const refs: ActionRef[] = [];
  const name = path.basename(file);
  const jobs = parseDocument(text).get('jobs');
  if (!isMap(jobs)) throw new Error(`${name}: no jobs`);
  const add = (node: unknown, where: string) => {
    const uses = isMap(node) ? node.get('uses', true) : undefined;
    if (uses !== undefined) refs.push({ where, uses: String(uses.value), comment: uses.comment?.trim() ?? '' });
  };
  for (const job of jobs.items) {
    const where = `${name} jobs.${String(isScalar(job.key) ? job.key.value : job.key)}`;
    add(job.value, where);
    const steps = isMap(job.value) ? job.value.get('steps') : undefined;
    if (!isSeq(steps)) continue;
    for (const [index, step] of steps.items.entries()) add(step, `${where}.steps[${index}]`);
  }
  return refs;
}

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+(\.\d+)*(-[\w.]+)?$/;

/**
 * Every `uses:` not in this repository (`./...`) must name a full commit SHA with its tag in a comment
 * (`owner/repo@<40 hex> # v1.2.3`): a tag can be moved to other code, a SHA cannot, and the comment is
 * what Dependabot updates and a reader checks. One message a problem.
 */
export function pinningProblems(refs: ActionRef[]): string[] {
  return refs.flatMap(({ where, uses, comment }) => {
    if (uses.startsWith('./')) return [];
    if (!PINNED.test(uses)) return [`${where} uses ${uses}: not pinned to a full commit SHA (owner/repo@<40 hex>)`];
    if (!VERSION_COMMENT.test(comment))
      return [`${where} uses ${uses}: no '# vX.Y.Z' comment naming the tag it pins (found ${JSON.stringify(comment)})`];
    return [];
  });
}

/** Outputs of the steps run so far, by step id; a step without an id has none anyone can read. */
export type StepOutputs = Record<string, Record<string, string>>;

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const STEP_OUTPUT = /^\s*steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)\s*$/;

/**
 * `${{ steps.ID.outputs.NAME }}` replaced by that output. Stricter than GitHub, which reads a missing
 * step or output as '' (a renamed output would pass an empty string on in silence): here either is an
 * error, and so is any other expression, which this test does not evaluate.
 */
export function substitute(text: string, outputs: StepOutputs, where: string): string {
  const replaced = text.replace(EXPRESSION, (whole, inner: string) => {
    const match = STEP_OUTPUT.exec(inner);
    if (match === null) throw new Error(`${where}: ${whole} is not an expression this test evaluates (only \${{ steps.ID.outputs.NAME }})`);
    const [, id = '', name = ''] = match;
    const step = outputs[id];
    if (step === undefined) throw new Error(`${where}: ${whole} reads step '${id}', which has not run (steps run: ${Object.keys(outputs).join(', ')})`);
    const value = step[name];
    if (value === undefined) throw new Error(`${where}: ${whole} reads an output step '${id}' did not set (it set: ${Object.keys(step).join(', ')})`);
    return value;
  });
  if (replaced.includes('${{')) throw new Error(`${where}: an unterminated expression in ${JSON.stringify(text)}`);
  return replaced;
}

export function substituteAll(values: Record<string, string>, outputs: StepOutputs, where: string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, substitute(value, outputs, `${where} ${name}`)]));
}

/**
 * GITHUB_OUTPUT (and GITHUB_ENV, GITHUB_STATE) as the runner reads it: `name=value` lines and
 * `name<<DELIMITER` ... `DELIMITER` blocks.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line === '') continue;
    // The runner's rule: a line is `name<<DELIMITER` when `<<` comes before any `=`.
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, index + 1);
      if (end === -1) throw new Error(`file command '${name}': no closing delimiter ${delimiter}`);
      values[name] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`file command line without '=' or '<<': ${JSON.stringify(line)}`);
    values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

function mapping(value: unknown, where: string): Mapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not a mapping`);
  return value as Mapping;
}

/** A `with:` or `env:` mapping as the runner passes it: each value a scalar's text. */
function strings(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null || value === '') return {};
  return Object.fromEntries(
    Object.entries(mapping(value, where)).map(([name, entry]) => {
      if (typeof entry === 'object' && entry !== null) throw new Error(`${where}.${name} is not a scalar`);
      return [name, String(entry ?? '')];
    }),
  );
}
