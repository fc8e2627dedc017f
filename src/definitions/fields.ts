import * as v from 'valibot';
import { DefinitionError } from '../errors.js';
import { OUTPUT_KINDS, SANDBOX_TOOLS, type SandboxToolName } from './types.js';
import { check, isAbsent, nameList, nonEmptyText, rejectUnknownKeys, requireMapping, text, type FieldAt } from './field-check.js';
import { parseCommandEntry } from './command-entry.js';
import { DEFAULT_MODEL, parseModelId } from './model-id.js';
import { describeValue, didYouMean, quoteList } from './wording.js';
import { readEach } from './problems.js';
import type { FieldNaming } from './naming.js';

/** Read-only by default: an agent that changes files says so by listing `write`. */
export const DEFAULT_TOOLS: readonly SandboxToolName[] = ['read', 'grep', 'glob'];

/** Tools the runner adds on its own; listing one under `tools:` is a misunderstanding worth explaining. */
const RUNNER_TOOLS: Record<string, string> = {
  activate_skill: 'the runner adds it when skills are found',
  task: 'the runner adds it when the agent declares subagents',
  finish: 'the runner adds it when the agent declares a result',
  give_up: 'the runner adds it when the agent declares a result',
};

const TOOL_LIST = quoteList(SANDBOX_TOOLS);

export function readDescription(value: unknown, file: string): string {
  const at = { file, field: 'description' };
  const fix = 'Add a one-line description of what the agent does';
  if (isAbsent(value)) throw new DefinitionError(file, 'description', 'is required', fix);
  return check(nonEmptyText, value, at, fix);
}

export function readModel(value: unknown, file: string): string {
  if (isAbsent(value)) return DEFAULT_MODEL;
  const fix = `Use an Anthropic model, such as "${DEFAULT_MODEL}" or "anthropic/${DEFAULT_MODEL}"`;
  const parsed = parseModelId(check(nonEmptyText, value, { file, field: 'model' }, fix));
  if (!parsed.ok) throw new DefinitionError(file, 'model', parsed.problem, fix);
  return parsed.model;
}

/** A simple file name: a role or agent name must never walk out of `.flue/` (`../secrets`). */
const simpleName = v.pipe(
  nonEmptyText,
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, (issue) => `must be a name (letters, digits, ".", "_", "-"), got ${describeValue(issue.input)}`),
);

export function readRoleName(value: unknown, file: string): string | undefined {
  if (isAbsent(value)) return undefined;
  return check(simpleName, value, { file, field: 'role' }, 'Name a file in .flue/roles/ without its .md extension');
}

/** `undefined` when absent: for `skills` that means "every skill found". */
export function readNames(value: unknown, at: FieldAt, fix: string): string[] | undefined {
  if (isAbsent(value)) return undefined;
  return [...new Set(check(nameList, value, at, fix))];
}

export function readSubagents(value: unknown, file: string): string[] {
  const names = readNames(value, { file, field: 'subagents' }, 'List agent names from .flue/agents/, such as [researcher]') ?? [];
  return readEach([...names.entries()], ([index, name]) =>
    check(simpleName, name, { file, field: `subagents[${index}]` }, 'Use the agent file name without its extension'),
  );
}

/** `commands:` entries, each checked against the grammar of command-entry.ts, spaces normalized, repeats removed. */
export function readCommands(value: unknown, file: string): string[] {
  if (isAbsent(value)) return [];
  const entries = check(nameList, value, { file, field: 'commands' }, 'List commands, such as ["npm test", "git diff {args}"]');
  const texts = readEach([...entries.entries()], ([index, entry]) => {
    const parsed = parseCommandEntry(entry);
    if (!parsed.ok) throw new DefinitionError(file, `commands[${index}]`, parsed.problem, parsed.fix);
    return parsed.entry.text;
  });
  return [...new Set(texts)];
}

/** One entry of `tools:` as given: sandbox tool names are strings, a TS agent's custom tools are objects. */
export interface ToolEntry {
  index: number;
  value: unknown;
}

/**
 * Sandbox tools from `tools:`, in canonical order. `write` implies `edit`: both change files under the
 * same permission, and an agent that may overwrite a file gains nothing from being unable to patch it.
 */
export function readSandboxTools(entries: ToolEntry[] | undefined, file: string, naming: FieldNaming): SandboxToolName[] {
  if (entries === undefined) return [...DEFAULT_TOOLS];
  const chosen = new Set<SandboxToolName>();
  // Every entry is read, so two typos are two errors at once.
  for (const tool of readEach(entries, ({ index, value }) => readToolName(value, { file, field: `tools[${index}]` }, naming))) chosen.add(tool);
  if (chosen.has('write')) chosen.add('edit');
  return SANDBOX_TOOLS.filter((tool) => chosen.has(tool));
}

function readToolName(value: unknown, at: FieldAt, naming: FieldNaming): SandboxToolName {
  const fix = `Sandbox tools are ${TOOL_LIST}`;
  const name = check(nonEmptyText, value, at, fix);
  const known = SANDBOX_TOOLS.find((tool) => tool === name);
  if (known) return known;
  const runnerReason = RUNNER_TOOLS[name];
  if (runnerReason !== undefined && Object.hasOwn(RUNNER_TOOLS, name)) {
    throw new DefinitionError(at.file, at.field, `${JSON.stringify(name)} is not a sandbox tool: ${runnerReason}`, 'Remove it from tools');
  }
  const kind = OUTPUT_KINDS.find((output) => output === name);
  if (kind) {
    throw new DefinitionError(
      at.file,
      at.field,
      `${JSON.stringify(name)} is a safe output, not a sandbox tool`,
      `Declare it under outputs instead, such as outputs: { ${naming.outputs[kind]}: { max: 1 } }`,
    );
  }
  throw new DefinitionError(at.file, at.field, `unknown tool ${JSON.stringify(name)}${didYouMean(name, SANDBOX_TOOLS)}`, fix);
}

/** Splits `tools:` into entries; `undefined` when absent (the defaults apply). */
export function toolEntries(value: unknown, file: string): ToolEntry[] | undefined {
  if (isAbsent(value)) return undefined;
  if (!Array.isArray(value)) {
    throw new DefinitionError(
      file,
      'tools',
      `must be a list, got ${describeValue(value)}`,
      `Sandbox tools are ${TOOL_LIST}; write tools: [read, grep]`,
    );
  }
  return value.map((item: unknown, index) => ({ index, value: item }));
}

const httpUrl = v.pipe(
  text,
  v.check(
    (input) => {
      try {
        const url = new URL(input);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    (issue) => `${describeValue(issue.input)} is not an http(s) URL`,
  ),
);

export function readNetwork(value: unknown, file: string): { allow: string[] } {
  if (isAbsent(value)) return { allow: [] };
  const at = { file, field: 'network' };
  const fix = 'Write network: { allow: ["https://api.example.com/v1/"] }';
  const network = requireMapping(value, at, fix);
  rejectUnknownKeys(network, ['allow'], at);
  if (isAbsent(network.allow)) return { allow: [] };
  const allow = check(
    v.array(httpUrl, (issue) => `must be a list, got ${describeValue(issue.input)}`),
    network.allow,
    { file, field: 'network.allow' },
    'Write a full URL prefix, such as "https://api.example.com/v1/"',
  );
  return { allow: [...new Set(allow)] };
}
