import { DefinitionError } from '../errors.js';
import type { AgentRunFunction } from '../lib/types.js';
import { isRecord } from '../records.js';
import { toolEntries } from './fields.js';
import { customTools } from './custom-tools.js';
import { CODE_NAMING, COMMON_FIELDS } from './naming.js';
import { codeResult } from './result-schema.js';
import { readCommonFields, unknownFieldWarnings, type AgentDraft } from './draft.js';
import { describeValue } from './wording.js';
import { ErrorCollector, throwErrors } from './problems.js';

const CODE_FIELDS = [...COMMON_FIELDS, 'instructions', 'run'];
const EXPORT_FIX = 'End the file with export default defineAgent({ description: "...", instructions: "..." })';

/** A code agent's module namespace (`export default defineAgent({...})`) into a draft; throws its first error. */
export function parseCodeAgent(file: string, namespace: Record<string, unknown>): AgentDraft {
  const draft = readCodeAgent(file, namespace);
  throwErrors(draft.errors);
  return draft;
}

/** The draft with every error of its fields (a module has no lines to point at: errors name the field). */
export function readCodeAgent(file: string, namespace: Record<string, unknown>): AgentDraft {
  const config = namespace.default;
  if (config === undefined) throw new DefinitionError(file, undefined, 'has no default export', EXPORT_FIX);
  if (!isRecord(config)) throw new DefinitionError(file, 'default export', `must be an agent definition, got ${describeValue(config)}`, EXPORT_FIX);

  const problems = new ErrorCollector();
  const entries = problems.read(() => toolEntries(config.tools, file), []);
  const named = entries?.filter((entry) => typeof entry.value === 'string');
  const custom = entries?.filter((entry) => typeof entry.value !== 'string') ?? [];
  // As in a markdown agent, a `tools` list is the whole list: `[myTool]` gives no sandbox tools.
  const common = readCommonFields(config, file, CODE_NAMING, named, problems);
  // Read in the order the run path always has, so the first error it stops at does not change.
  const instructions = problems.read(() => readInstructions(config.instructions, file), '');
  const result = config.result === undefined || config.result === null ? undefined : problems.read(() => codeResult(config.result, file), undefined);

  return {
    format: 'typescript',
    ...common,
    instructions,
    ...(result ? { result } : {}),
    customTools: problems.read(() => customTools(custom, file), []),
    ...problems.read(() => readRun(config.run, file), {}),
    warnings: unknownFieldWarnings(config, CODE_FIELDS, file, CODE_NAMING),
    errors: problems.errors,
  };
}

function readInstructions(value: unknown, file: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string')
    throw new DefinitionError(file, 'instructions', `must be a string, got ${describeValue(value)}`, 'Write the instructions as one string');
  return value.trim();
}

function readRun(value: unknown, file: string): { run?: AgentRunFunction } {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'function')
    throw new DefinitionError(file, 'run', `must be a function, got ${describeValue(value)}`, 'Write run: async (ctx) => { ... }');
  return { run: value as AgentRunFunction };
}
