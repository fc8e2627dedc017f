/**
 * Real webhook payloads from @octokit/webhooks-examples (the examples GitHub's own docs are built
 * from). Each call returns a deep copy, so a test that derives a variant cannot leak into another.
 */
import { createRequire } from 'node:module';

type Payload = Record<string, unknown>;

// The package's `main` is a JSON file, but its index.d.ts declares an ESM default export; reading it
// through require avoids both the mismatch and type-checking a multi-megabyte JSON literal.
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{
  name: string;
  examples: unknown[];
}>;

/** The first example of `event` whose action is `action` (any example when `action` is undefined), skipping `skip`. */
export function example(event: string, action?: string, skip = 0): Payload {
  const definition = definitions.find((entry) => entry.name === event);
  if (definition === undefined) throw new Error(`no webhook examples for '${event}'`);
  const matching = (definition.examples as unknown as Payload[]).filter((payload) => action === undefined || payload.action === action);
  const found = matching[skip];
  if (found === undefined) throw new Error(`no example ${skip} of '${event}' with action '${action}'`);
  return structuredClone(found);
}

/** Every example of `event`, deep-copied. */
export function examples(event: string): Payload[] {
  const definition = definitions.find((entry) => entry.name === event);
  return (definition?.examples as unknown as Payload[] | undefined)?.map((payload) => structuredClone(payload)) ?? [];
}

/** Nested object access for deriving variants of a real payload. */
export function at(payload: Payload, ...path: string[]): Payload {
  let value: unknown = payload;
  for (const key of path) value = (value as Payload)[key];
  return value as Payload;
}
