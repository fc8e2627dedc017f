import type * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import { fieldPath } from './wording.js';

/**
 * A TS agent's schemas are built with the runner's bundled valibot (dist/valibot.js), a different
 * module instance from the one bundled here. Valibot schemas are plain objects whose `~run` does the
 * work, so `v.safeParse` and the JSON Schema conversion work across the two copies.
 */
export function isValibotSchema(value: unknown): value is v.GenericSchema {
  if (typeof value !== 'object' || value === null) return false;
  const schema = value as { kind?: unknown; '~run'?: unknown };
  return schema.kind === 'schema' && typeof schema['~run'] === 'function';
}

/**
 * The JSON Schema the model is shown. `input` mode: the model writes the value before any transform
 * runs. Actions without a JSON Schema form (custom checks, transforms) are left out of the shown
 * schema; valibot still enforces them when the value comes back.
 */
export function valibotToJsonSchema(schema: v.GenericSchema): Record<string, unknown> {
  const converted: Record<string, unknown> = { ...toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'input' }) };
  // Every byte of a tool schema is paid on every model call; the dialect marker tells the model nothing.
  delete converted.$schema;
  return converted;
}

/** One line per failing path (`- labels[1]: Invalid type: ...`), so the model can fix them all at once. */
export function formatValibotIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const lines = issues.map((issue) => {
    const keys = (issue.path ?? []).map((item) => item.key as string | number);
    const path = keys.length === 0 ? '(root)' : fieldPath('', keys).replace(/^\./, '');
    return `- ${path}: ${issue.message}`;
  });
  return [...new Set(lines)].join('\n');
}
