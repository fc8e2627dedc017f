import { TriggerError } from '../errors.js';
import { parseRepository } from './github.js';
import { dataRecord, object } from './payload.js';
import type { Trigger } from './types.js';

/** Who a local `--input` run is attributed to: there is no platform account behind it. */
export const LOCAL_ACTOR = 'local';

/**
 * The Trigger of a run from `--input JSON` alone (kind `manual`). The inputs are copied into a
 * null-prototype record, so a `__proto__` key stays data. `repository` is `owner/name` when known
 * (a flag, or CI variables); without it the repository is empty.
 */
export function triggerFromInput(input: Record<string, unknown>, repository?: string): Trigger {
  // The type says object; the CLI parsed it from a flag, so check again rather than trust the cast.
  if (object(input) === undefined) {
    throw new TriggerError(`--input: expected a JSON object, got ${describe(input)}.`);
  }
  return {
    kind: 'manual',
    eventName: 'manual',
    repository: repository === undefined ? { owner: '', name: '' } : parseRepository(repository),
    isPullRequest: false,
    labels: [],
    actor: LOCAL_ACTOR,
    actorIsBot: false,
    refs: {},
    inputs: dataRecord(input),
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
