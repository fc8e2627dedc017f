import type * as v from 'valibot';
import { LIMITS } from '../limits.js';
import type { AgentLimits } from './types.js';
import { check, isAbsent, positiveInteger, positiveNumber, rejectUnknownKeys, requireMapping } from './field-check.js';
import type { FieldNaming } from './naming.js';
import { ErrorCollector } from './problems.js';

const LIMIT_SCHEMAS: Record<keyof AgentLimits, v.GenericSchema<unknown, number>> = {
  maxTurns: positiveInteger,
  maxCostUsd: positiveNumber,
  timeoutMinutes: positiveNumber,
  maxTokens: positiveInteger,
  modelRetryMinutes: positiveNumber,
  modelIdleSeconds: positiveNumber,
};

const LIMIT_KEYS = Object.keys(LIMIT_SCHEMAS) as Array<keyof AgentLimits>;

export const DEFAULT_AGENT_LIMITS: AgentLimits = {
  maxTurns: LIMITS.maxTurns,
  maxCostUsd: LIMITS.maxCostUsd,
  timeoutMinutes: LIMITS.timeoutMinutes,
  maxTokens: LIMITS.maxTokens,
  modelRetryMinutes: LIMITS.modelRetryMinutes,
  modelIdleSeconds: LIMITS.modelIdleSeconds,
};

/** `limits:` over the defaults from src/limits.ts; every key is checked, a typo is an error. */
export function readLimits(value: unknown, file: string, naming: FieldNaming): AgentLimits {
  const limits = { ...DEFAULT_AGENT_LIMITS };
  if (isAbsent(value)) return limits;
  const names = naming.limits;
  const example = `limits: { ${names.maxTurns}: ${LIMITS.maxTurns}, ${names.maxCostUsd}: ${LIMITS.maxCostUsd} }`;
  const given = requireMapping(value, { file, field: 'limits' }, `Write ${example}`);
  const problems = new ErrorCollector();
  problems.read(
    () =>
      rejectUnknownKeys(
        given,
        LIMIT_KEYS.map((key) => names[key]),
        { file, field: 'limits' },
        'limit',
      ),
    undefined,
  );
  for (const key of LIMIT_KEYS) {
    const entry = given[names[key]];
    if (isAbsent(entry)) continue;
    const fix = `Remove it for the default (${DEFAULT_AGENT_LIMITS[key]})`;
    limits[key] = problems.read(() => check(LIMIT_SCHEMAS[key], entry, { file, field: `limits.${names[key]}` }, fix), limits[key]);
  }
  problems.throwIfAny();
  return limits;
}
