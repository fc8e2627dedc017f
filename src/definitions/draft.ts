import type { AgentSpec } from './types.js';
import { readLimits } from './agent-limits.js';
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
import type { DefinitionWarning } from './problems.js';

/**
 * An agent file read and validated on its own; the role, skills, subagents and project
 * instructions it names are resolved afterwards, against the rest of `.flue/`.
 */
export type AgentDraft = Omit<AgentSpec, 'name' | 'file' | 'role' | 'projectInstructions' | 'skills' | 'files' | 'warnings'> & {
  roleName?: string;
  /** Absent: every skill found. */
  skillNames?: string[];
  warnings: DefinitionWarning[];
};

/** The fields both formats share, validated in the order a reader meets them in DESIGN.md. */
export type CommonDraft = Omit<AgentDraft, 'format' | 'instructions' | 'result' | 'customTools' | 'run' | 'warnings'>;

export function readCommonFields(
  fields: Record<string, unknown>,
  file: string,
  naming: FieldNaming,
  sandboxTools: ToolEntry[] | undefined,
): CommonDraft {
  const roleName = readRoleName(fields.role, file);
  const skillNames = readNames(fields.skills, { file, field: 'skills' }, 'List skill names, such as [triage]');
  return {
    description: readDescription(fields.description, file),
    model: readModel(fields.model, file),
    ...(roleName === undefined ? {} : { roleName }),
    ...(skillNames === undefined ? {} : { skillNames }),
    tools: readSandboxTools(sandboxTools, file, naming),
    commands: readCommands(fields.commands, file),
    network: readNetwork(fields.network, file),
    subagents: readSubagents(fields.subagents, file),
    outputs: readOutputs(fields.outputs, file, naming),
    limits: readLimits(fields.limits, file, naming),
  };
}

/**
 * Unknown top-level fields are warnings, not errors: a newer field must not break an older runner.
 * A limit written at the top level (`max-turns: 5`) is common enough to get its own hint.
 */
export function unknownFieldWarnings(
  fields: Record<string, unknown>,
  known: readonly string[],
  file: string,
  naming: FieldNaming,
): DefinitionWarning[] {
  const limitNames = Object.values(naming.limits);
  return Object.keys(fields)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const limit = nearestName(key, limitNames);
      const hint = limit === undefined ? didYouMean(key, known) : ` (did you mean limits.${limit}?)`;
      return {
        file,
        message: `unknown field ${JSON.stringify(key)} is ignored${hint === '' ? `; known fields are ${quoteList(known)}` : hint}`,
      };
    });
}
