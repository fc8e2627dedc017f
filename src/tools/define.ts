import * as v from 'valibot';
import { errorMessage, rethrowIfFatal } from '../errors.js';
import { formatValibotIssues, valibotToJsonSchema } from '../definitions/valibot-schema.js';
import type { ToolAccess, ToolContext, ToolDefinition, ToolResult } from './types.js';

export interface RunnerToolSpec<S extends v.GenericSchema> {
  name: string;
  description: string;
  input: S;
  /** Returns the text the model reads, or an error result. A thrown error becomes an error result too. */
  run(input: v.InferOutput<S>, context: ToolContext): Promise<string | ToolResult>;
  /** What a call reads or writes (see ToolDefinition.access); called with the unvalidated input. */
  access?(input: unknown): ToolAccess | undefined;
}

/**
 * One of the runner's own tools. Input is validated with valibot (a bad input is an error result
 * naming the field); an expected failure thrown inside `run` becomes an error result; an abort or a
 * fatal error propagates so the harness can stop.
 */
export function defineRunnerTool<S extends v.GenericSchema>(spec: RunnerToolSpec<S>): ToolDefinition {
  return {
    name: spec.name,
    description: spec.description,
    inputSchema: valibotToJsonSchema(spec.input),
    access: spec.access,
    async execute(given, context) {
      const parsed = v.safeParse(spec.input, given);
      if (!parsed.success) {
        return { content: `Invalid input for ${spec.name}:\n${formatValibotIssues(parsed.issues)}`, isError: true };
      }
      try {
        const result = await spec.run(parsed.output, context);
        return typeof result === 'string' ? { content: result } : result;
      } catch (error) {
        rethrowIfFatal(error, context.signal);
        return { content: errorMessage(error), isError: true };
      }
    },
  };
}

export const toolError = (content: string): ToolResult => ({ content, isError: true });

/**
 * The access of a call that reads or writes the one file its `path` names, resolved as the tool will
 * resolve it ('a.txt', './a.txt' and the absolute path are one file). A path the sandbox refuses
 * touches nothing: the call fails on its own.
 */
export function fileAccess(sandbox: { resolve(path: string): string }, write: boolean): (input: unknown) => ToolAccess | undefined {
  return (input) => {
    const given = typeof input === 'object' && input !== null ? (input as { path?: unknown }).path : undefined;
    if (typeof given !== 'string' || given === '') return undefined;
    try {
      return { write, paths: [sandbox.resolve(given)] };
    } catch {
      return undefined;
    }
  };
}

/** A file path as the model gives it: workspace-relative, or absolute inside the workspace. */
export const pathInput = v.pipe(v.string(), v.minLength(1));
