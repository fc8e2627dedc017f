import path from 'node:path';
import { DefinitionError, isDefinitionError, isFlueError, type SourcePosition } from '../errors.js';
import { createContext, inspectAgent, loadAgentFile, skippedWarning, type AgentInspection, type LoadOptions } from './load.js';
import { duplicateError, AGENTS_DIR } from './locate.js';
import { listRoles, parseRole, ROLES_DIR } from './documents.js';
import { TrackedFiles } from './tracked-files.js';
import { errorsOf, type DefinitionWarning } from './problems.js';

export interface AgentListing {
  name: string;
  /** Repository-relative path. */
  file: string;
  description?: string;
  /** Why the agent cannot be loaded, as one line. */
  error?: string;
}

/** Every agent in `.flue/agents/`, loaded, so a broken one shows its error next to its name. */
export async function listAgents(workspace: string, options: LoadOptions = {}): Promise<AgentListing[]> {
  const context = await createContext(workspace, options);
  const listings: AgentListing[] = [];
  for (const agent of context.agents) {
    const duplicate = duplicateError(context.agents, agent.name);
    if (duplicate) {
      listings.push({ name: agent.name, file: agent.file, error: duplicate.message });
      continue;
    }
    try {
      const spec = await loadAgentFile(agent, context);
      listings.push({ name: agent.name, file: agent.file, description: spec.description });
    } catch (error) {
      if (!isFlueError(error)) throw error;
      listings.push({ name: agent.name, file: agent.file, error: error.message });
    }
  }
  return listings;
}

/** One problem of one file, as `check` lists it and `check --json` prints it. */
export interface DefinitionProblem {
  /** Repository-relative path. */
  file: string;
  /** 1-based; absent when the problem has no place in the file (a TS agent's field, a directory). */
  line?: number;
  column?: number;
  /** The field as the user spelled it (`tools[1]`, `limits.max-turns`), when the problem is about one. */
  field?: string;
  /** `notice`: nothing is wrong, but the author must know it (what a real command can do). */
  severity: 'error' | 'warning' | 'notice';
  /** One line, with the fix; repeats neither the file nor the field. */
  message: string;
}

export interface CheckResult {
  /** No problem of severity `error`. */
  ok: boolean;
  /** Every problem found, sorted by file, line and column. */
  problems: DefinitionProblem[];
}

/**
 * Validates every agent, role and skill under the root, as `flue-action check` reports them: every
 * error and every warning of every file in one pass, not the first error of each.
 */
export async function checkDefinitions(workspace: string, options: LoadOptions = {}): Promise<CheckResult> {
  const context = await createContext(workspace, options);
  const problems: DefinitionProblem[] = [];
  const warn = (warning: DefinitionWarning): void =>
    void problems.push({ file: warning.file, ...place(warning.position), severity: 'warning', message: warning.message });
  const fail = (error: DefinitionError): void => void problems.push(errorProblem(error));

  if (context.agents.length === 0) warn({ file: AGENTS_DIR, message: `no agents found; create ${AGENTS_DIR}/<name>.md` });
  for (const agent of context.agents) {
    const duplicate = duplicateError(context.agents, agent.name);
    if (duplicate) {
      fail(new DefinitionError(agent.file, undefined, duplicate.problem, duplicate.fix, { line: 1 }));
      continue;
    }
    let inspection: AgentInspection;
    try {
      inspection = await inspectAgent(agent, context);
    } catch (error) {
      // A file that cannot be read at all (gone since it was listed, not a file).
      if (!isFlueError(error)) throw error;
      problems.push({ file: agent.file, severity: 'error', message: error.message });
      continue;
    }
    // Skill warnings are reported once below, from the catalog, not once per agent that uses the skill.
    inspection.warnings.filter((warning) => context.catalog.hashes[warning.file] === undefined).forEach(warn);
    inspection.errors.forEach(fail);
    const commands = inspection.spec?.commands ?? [];
    if (commands.length > 0) problems.push({ file: agent.file, severity: 'notice', message: realCommandsNotice(commands) });
  }
  await checkRoles(context.root, warn, fail);
  for (const skipped of context.catalog.skipped) {
    const { file, message, position } = skippedWarning(skipped);
    problems.push({ file, ...place(position), severity: 'error', message });
  }
  for (const warning of context.catalog.warnings) warn(warning);
  const sorted = dedupe(problems).sort(byPlace);
  return { ok: sorted.every((problem) => problem.severity !== 'error'), problems: sorted };
}

async function checkRoles(root: string, warn: (warning: DefinitionWarning) => void, fail: (error: DefinitionError) => void): Promise<void> {
  const tracked = new TrackedFiles(root);
  for (const name of await listRoles(root)) {
    const file = `${ROLES_DIR}/${name}.md`;
    try {
      parseRole(file, await tracked.read(path.join(root, file))).warnings.forEach(warn);
    } catch (error) {
      if (!isDefinitionError(error)) throw error;
      errorsOf(error).forEach(fail);
    }
  }
}

const place = (position: SourcePosition | undefined): Pick<DefinitionProblem, 'line' | 'column'> =>
  position === undefined ? {} : { line: position.line, ...(position.column === undefined ? {} : { column: position.column }) };

function errorProblem(error: DefinitionError): DefinitionProblem {
  return {
    file: error.file,
    ...place(error.position),
    ...(error.field === undefined ? {} : { field: error.field }),
    severity: 'error',
    message: `${error.problem}${error.fix ? `. ${error.fix}` : ''}`,
  };
}

/** By file, then line and column; a problem without a place comes first in its file. Ties keep the order found. */
function byPlace(a: DefinitionProblem, b: DefinitionProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Said wherever `commands:` is declared: the sandbox's confinement stops at a real process. */
export const realCommandsNotice = (commands: string[]): string =>
  `commands: ${commands.map((entry) => `'${entry}'`).join(', ')} run as real processes: they can read and write anything ` +
  "the runner's user can, outside the workspace too; they never run in the untrusted profile";

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.severity, problem.file, problem.line, problem.column, problem.field, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
