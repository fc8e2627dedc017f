import type { ResultSchema } from '../definitions/types.js';
import { LIMITS } from '../limits.js';
import type { ToolDefinition } from '../tools/types.js';

/** How `finish` or `give_up` ended a loop; set by the tools, read by the loop after the turn. */
export type Settlement = { kind: 'finished'; value: unknown } | { kind: 'gave_up'; reason: string } | { kind: 'invalid_result'; message: string };

export class ResultState {
  settled: Settlement | undefined;
  invalidAttempts = 0;
}

/**
 * `give_up` for every agent (so "I cannot do this" is never reported as a success), and `finish` when
 * the agent has a result schema. The schema is `finish`'s input schema, so the model fills in the
 * result directly; the API wants an object there, so any other schema is wrapped as `{ result }`.
 */
export function createResultTools(result: ResultSchema | undefined, state: ResultState): ToolDefinition[] {
  const giveUp: ToolDefinition = {
    name: 'give_up',
    description: 'Stop because the task cannot be done. The run fails with your reason.',
    inputSchema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] },
    execute: async (input) => {
      const reason = (input as { reason?: unknown } | null)?.reason;
      const text = typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : 'no reason given';
      state.settled ??= { kind: 'gave_up', reason: text };
      return { content: 'Stopping.' };
    },
  };
  return result ? [finishTool(result, state), giveUp] : [giveUp];
}

function finishTool(result: ResultSchema, state: ResultState): ToolDefinition {
  const { $schema: _dialect, ...schema } = result.jsonSchema;
  const wrapped = schema['type'] !== 'object';
  const inputSchema = wrapped ? { type: 'object', properties: { result: schema }, required: ['result'] } : schema;
  const allowed = LIMITS.resultRetries + 1;
  return {
    name: 'finish',
    description: 'Deliver the final result; its input is the result. Call once, when done.',
    inputSchema,
    execute: async (input) => {
      if (state.settled) return { content: 'The run has already ended.' };
      const value = wrapped ? (input as { result?: unknown } | null)?.result : input;
      const checked = result.validate(value);
      if (checked.ok) {
        state.settled = { kind: 'finished', value: checked.value };
        return { content: 'Result accepted.' };
      }
      state.invalidAttempts += 1;
      if (state.invalidAttempts >= allowed) {
        const message = `result still invalid after ${allowed} finish calls: ${checked.message}`;
        state.settled = { kind: 'invalid_result', message };
        return { isError: true, content: message };
      }
      return {
        isError: true,
        content: `Invalid result: ${checked.message}\nFix it and call finish again (attempt ${state.invalidAttempts} of ${allowed}).`,
      };
    },
  };
}
