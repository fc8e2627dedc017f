import type { DefinitionError } from '../errors.js';
import type { AgentSpec } from './types.js';
import type { FrontmatterPositions } from './positions.js';
import { DEFAULT_AGENT_LIMITS, readLimits } from './agent-limits.js';
import { DEFAULT_MODEL } from './model-id.js';
import {
  readCommands,
  readDescription,
  readModel,
  readNames,
  readNetwork,
  readRoleName,
  readSandboxTools,
  readSubagents,
  type ToolEntry,
} from './fields.js';
import { readOutputs } from './outputs.js';
import type { FieldNaming } from './naming.js';
import { didYouMean, nearestName, quoteList } from './wording.js';
import type { DefinitionWarning, ErrorCollector } from './problems.js';

/**
 * An agent file read and validated on its own; the role, skills, subagents and project
 * instructions it names are resolved afterwards, against the rest of `.flue/`.
 */
export type AgentDraft = Omit<AgentSpec, 'name' | 'file' | 'role' | 'projectInstructions' | 'skills' | 'files' | 'warnings'> & {
  roleName?: string;
  /** Absent: every skill found. */
  skillNames?: string[];
  warnings: DefinitionWarning[];
  /** Every error found reading the file; the draft is used only when there is none. */
  errors: DefinitionError[];
  /** Places the agent's own fields in its file, for the errors found when resolving them; absent for a TS agent. */
  positions?: FrontmatterPositions;
};

/** The fields both formats share, validated in the order a reader meets them in DESIGN.md. */
export type CommonDraft = Omit<AgentDraft, 'format' | 'instructions' | 'result' | 'customTools' | 'run' | 'warnings' | 'errors' | 'positions'>;

/**
 * Every field is read even after one fails, so all their problems are found in one pass: a field that
 * fails gets a placeholder and its error is kept in `problems`. A draft read with errors is never used.
 */
export function readCommonFields(
  fields: Record<string, unknown>,
  file: string,
  naming: FieldNaming,
  sandboxTools: ToolEntry[] | undefined,
  problems: ErrorCollector,
): CommonDraft {
  const roleName = problems.read(() => readRoleName(fields.role, file), undefined);
  const skillNames = problems.read(() => readNames(fields.skills, { file, field: 'skills' }, 'List skill names, such as [triage]'), undefined);
  return {
    description: problems.read(() => readDescription(fields.description, file), ''),
    model: problems.read(() => readModel(fields.model, file), DEFAULT_MODEL),
    ...(roleName === undefined ? {} : { roleName }),
    ...(skillNames === undefined ? {} : { skillNames }),
    tools: problems.read(() => readSandboxTools(sandboxTools, file, naming), []),
    commands: problems.read(() => readCommands(fields.commands, file), []),
    network: problems.read(() => readNetwork(fields.network, file), { allow: [] }),
    subagents: problems.read(() => readSubagents(fields.subagents, file), []),
    outputs: problems.read(() => readOutputs(fields.outputs, file, naming), {}),
    limits: problems.read(() => readLimits(fields.limits, file, naming), { ...DEFAULT_AGENT_LIMITS }),
  };
}

/**
 * Unknown top-level fields are warnings, not errors: a newer field must not break an older runner.
 * A limit written at the top level (`max-turns: 5`) is common enough to get its own hint. With
 * `positions` (a markdown agent), each warning is at its key's line.
 */
export function unknownFieldWarnings(
  fields: Record<string, unknown>,
  known: readonly string[],
  file: string,
  naming: FieldNaming,
  positions?: FrontmatterPositions,
): DefinitionWarning[] {
  const limitNames = Object.values(naming.limits);
  return Object.keys(fields)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const limit = nearestName(key, limitNames);
      const hint = limit === undefined ? didYouMean(key, known) : ` (did you mean limits.${limit}?)`;
      return {
        file,
        ...(positions ? { position: positions.find({ keys: [key], part: 'key' }) } : {}),
        message: `unknown field ${JSON.stringify(key)} is ignored${hint === '' ? `; known fields are ${quoteList(known)}` : hint}`,
      };
    });
}
