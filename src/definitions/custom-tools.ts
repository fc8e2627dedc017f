import * as v from 'valibot';
import { DefinitionError, errorMessage, rethrowIfFatal } from '../errors.js';
import type { ToolConfig } from '../lib/index.js';
import { isRecord } from '../records.js';
import type { ToolDefinition, ToolResult } from '../tools/types.js';
import { OUTPUT_KINDS, SANDBOX_TOOLS } from './types.js';
import { formatValibotIssues, isValibotSchema, valibotToJsonSchema } from './valibot-schema.js';
import { describeValue } from './wording.js';
import type { ToolEntry } from './fields.js';

/** Names the runner's own tools use; a custom tool may not shadow one. */
const RESERVED_NAMES: readonly string[] = [...SANDBOX_TOOLS, ...OUTPUT_KINDS, 'activate_skill', 'task', 'finish', 'give_up'];

/** The Messages API's rule for tool names. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const DEFINE_TOOL_FIX = 'Make it with defineTool({ name, description, input: v.object({...}), run })';

/** A TS agent's custom tools (the object entries of `tools:`) as model-facing tools. */
export function customTools(entries: ToolEntry[], file: string): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  for (const { index, value } of entries) {
    const tool = toolFromConfig(value, file, `tools[${index}]`);
    if (tools.some((other) => other.name === tool.name)) {
      throw new DefinitionError(file, `tools[${index}].name`, `${JSON.stringify(tool.name)} is defined twice`, 'Give each custom tool its own name');
    }
    tools.push(tool);
  }
  return tools;
}

function toolFromConfig(value: unknown, file: string, field: string): ToolDefinition {
  if (!isRecord(value)) throw new DefinitionError(file, field, `must be a tool name or a custom tool, got ${describeValue(value)}`, DEFINE_TOOL_FIX);
  const config = value as Partial<ToolConfig>;
  const name = config.name;
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    throw new DefinitionError(file, `${field}.name`, `must be 1-64 letters, digits, "_" or "-", got ${describeValue(name)}`, DEFINE_TOOL_FIX);
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new DefinitionError(file, `${field}.name`, `${JSON.stringify(name)} is the name of a built-in tool`, 'Choose another name');
  }
  if (typeof config.description !== 'string' || config.description.trim() === '') {
    throw new DefinitionError(file, `${field}.description`, `must be a non-empty string, got ${describeValue(config.description)}`, DEFINE_TOOL_FIX);
  }
  if (!isValibotSchema(config.input)) {
    throw new DefinitionError(file, `${field}.input`, `must be a valibot schema, got ${describeValue(config.input)}`, DEFINE_TOOL_FIX);
  }
  const inputSchema = valibotToJsonSchema(config.input);
  if (inputSchema.type !== 'object') {
    throw new DefinitionError(
      file,
      `${field}.input`,
      `must be an object schema (tool input is an object), got type ${describeValue(inputSchema.type)}`,
      'Use v.object({...})',
    );
  }
  if (typeof config.run !== 'function') {
    throw new DefinitionError(file, `${field}.run`, `must be a function, got ${describeValue(config.run)}`, DEFINE_TOOL_FIX);
  }
  return {
    name,
    description: config.description.trim(),
    inputSchema,
    execute: executor(name, config.input, config.run),
    // The agent's own code may read or write anything: it runs in the order the model gave, after
    // the calls before it that write, and before the calls after it that read or write.
    access: () => ({ write: true, paths: 'all' }),
  };
}

function executor(name: string, input: v.GenericSchema, run: ToolConfig['run']): ToolDefinition['execute'] {
  return async (given, context): Promise<ToolResult> => {
    const parsed = v.safeParse(input, given);
    if (!parsed.success) return { content: `Invalid input for ${name}:\n${formatValibotIssues(parsed.issues)}`, isError: true };
    try {
      const output: unknown = await run(parsed.output, { signal: context.signal });
      return { content: typeof output === 'string' ? output : (JSON.stringify(output) ?? '') };
    } catch (error) {
      rethrowIfFatal(error, context.signal);
      return { content: `${name} failed: ${errorMessage(error)}`, isError: true };
    }
  };
}
