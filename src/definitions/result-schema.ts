import * as v from 'valibot';
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { DefinitionError } from '../errors.js';
import { isRecord } from '../records.js';
import type { ResultSchema } from './types.js';
import { formatValibotIssues, isValibotSchema, valibotToJsonSchema } from './valibot-schema.js';
import { describeValue } from './wording.js';

const OBJECT_EXAMPLE_YAML =
  'Describe the result as an object, such as { type: object, properties: { summary: { type: string } }, required: [summary] }';
const OBJECT_EXAMPLE_TS = 'Describe the result as an object, such as v.object({ summary: v.string() })';

/** The `finish` tool takes the result as its input, and a tool input must be a JSON object. */
function requireObjectType(jsonSchema: Record<string, unknown>, file: string, fix: string): void {
  if (jsonSchema.type === 'object') return;
  throw new DefinitionError(
    file,
    'result',
    `must describe an object (the finish tool takes an object), got type ${describeValue(jsonSchema.type)}`,
    fix,
  );
}

/** A markdown agent's `result:`: a JSON Schema, checked with @cfworker/json-schema. */
export function jsonSchemaResult(value: unknown, file: string): ResultSchema {
  if (!isRecord(value)) {
    throw new DefinitionError(file, 'result', `must be a JSON Schema mapping, got ${describeValue(value)}`, OBJECT_EXAMPLE_YAML);
  }
  requireObjectType(value, file, OBJECT_EXAMPLE_YAML);
  let validator: Validator;
  try {
    validator = new Validator(value, '2020-12', false);
  } catch (error) {
    throw new DefinitionError(file, 'result', `is not a usable JSON Schema: ${(error as Error).message}`, OBJECT_EXAMPLE_YAML);
  }
  return {
    jsonSchema: value,
    validate(candidate) {
      try {
        const outcome = validator.validate(candidate);
        if (outcome.valid) return { ok: true, value: candidate };
        return {
          ok: false,
          message: `The result does not match the schema:\n${formatJsonSchemaErrors(outcome.errors)}`,
        };
      } catch (error) {
        // An unresolvable $ref surfaces only here; the contract says validate never throws.
        return { ok: false, message: `The result cannot be checked: ${(error as Error).message}` };
      }
    },
  };
}

/** A TS agent's `result:`: a valibot schema (or, accepted as well, a plain JSON Schema object). */
export function codeResult(value: unknown, file: string): ResultSchema {
  if (!isValibotSchema(value)) {
    if (isRecord(value) && typeof value.type === 'string') return jsonSchemaResult(value, file);
    throw new DefinitionError(file, 'result', `must be a valibot schema, got ${describeValue(value)}`, OBJECT_EXAMPLE_TS);
  }
  const jsonSchema = valibotToJsonSchema(value);
  requireObjectType(jsonSchema, file, OBJECT_EXAMPLE_TS);
  return {
    jsonSchema,
    validate(candidate) {
      const parsed = v.safeParse(value, candidate);
      if (parsed.success) return { ok: true, value: parsed.output };
      return { ok: false, message: `The result does not match the schema:\n${formatValibotIssues(parsed.issues)}` };
    },
  };
}

/**
 * Keywords whose error only says "a child failed"; the child's own error is the useful one.
 * `false` is the boolean-schema error under `additionalProperties: false`, which already names the key.
 */
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalItems',
  'patternProperties',
  'dependentSchemas',
  '$ref',
  '$dynamicRef',
  'allOf',
  'false',
]);

function formatJsonSchemaErrors(errors: readonly OutputUnit[]): string {
  // Under anyOf/oneOf every branch fails; "matches none of the alternatives" is the one message to keep.
  const alternatives = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => `${error.keywordLocation}/`);
  const lines = errors
    .filter((error) => !SUMMARY_KEYWORDS.has(error.keyword))
    .filter((error) => !alternatives.some((prefix) => error.keywordLocation.startsWith(prefix)))
    .map((error) => `- ${pointerToPath(error.instanceLocation)}: ${error.error}`);
  return [...new Set(lines)].join('\n');
}

/** `#/labels/1` to `labels[1]`, the way the model wrote the value. */
function pointerToPath(pointer: string): string {
  const segments = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
}
