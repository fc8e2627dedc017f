import { DefinitionError } from '../errors.js';
import type { AgentRunFunction } from '../lib/types.js';
import { isRecord } from '../records.js';
import { toolEntries } from './fields.js';
import { customTools } from './custom-tools.js';
import { CODE_NAMING, COMMON_FIELDS } from './naming.js';
import { codeResult } from './result-schema.js';
import { readCommonFields, unknownFieldWarnings, type AgentDraft } from './draft.js';
import { describeValue } from './wording.js';

const CODE_FIELDS = [...COMMON_FIELDS, 'instructions', 'run'];
const EXPORT_FIX = 'End the file with export default defineAgent({ description: "...", instructions: "..." })';

/** A code agent's module namespace (`export default defineAgent({...})`) into a draft. */
export function parseCodeAgent(file: string, namespace: Record<string, unknown>): AgentDraft {
  const config = namespace.default;
  if (config === undefined) throw new DefinitionError(file, undefined, 'has no default export', EXPORT_FIX);
  if (!isRecord(config)) throw new DefinitionError(file, 'default export', `must be an agent definition, got ${describeValue(config)}`, EXPORT_FIX);

  const entries = toolEntries(config.tools, file);
  const named = entries?.filter((entry) => typeof entry.value === 'string');
  const custom = entries?.filter((entry) => typeof entry.value !== 'string') ?? [];
  // As in a markdown agent, a `tools` list is the whole list: `[myTool]` gives no sandbox tools.
  const common = readCommonFields(config, file, CODE_NAMING, named);

  return {
    format: 'typescript',
    ...common,
    instructions: readInstructions(config.instructions, file),
    ...(config.result === undefined || config.result === null ? {} : { result: codeResult(config.result, file) }),
    customTools: customTools(custom, file),
    ...readRun(config.run, file),
    warnings: unknownFieldWarnings(config, CODE_FIELDS, file, CODE_NAMING),
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
