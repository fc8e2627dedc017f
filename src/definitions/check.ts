import path from 'node:path';
import { isFlueError } from '../errors.js';
import { buildAgent, createContext, loadAgentFile, skippedWarning, type LoadOptions } from './load.js';
import { duplicateError, AGENTS_DIR } from './locate.js';
import { listRoles, parseRole, ROLES_DIR } from './documents.js';
import { TrackedFiles } from './tracked-files.js';
import type { DefinitionWarning } from './problems.js';

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

export interface DefinitionProblem {
  /** Repository-relative path. */
  file: string;
  /** `notice`: nothing is wrong, but the author must know it (what a real command can do). */
  severity: 'error' | 'warning' | 'notice';
  /** One line; does not repeat the file. */
  message: string;
}

export interface CheckResult {
  /** No problem of severity `error`. */
  ok: boolean;
  problems: DefinitionProblem[];
}

/** Validates every agent, role and skill under the root, as `flue-action check` reports them. */
export async function checkDefinitions(workspace: string, options: LoadOptions = {}): Promise<CheckResult> {
  const context = await createContext(workspace, options);
  const problems: DefinitionProblem[] = [];
  const warn = (warning: DefinitionWarning): void => void problems.push({ file: warning.file, severity: 'warning', message: warning.message });
  const fail = (file: string, message: string): void => void problems.push({ file, severity: 'error', message: withoutFile(file, message) });

  if (context.agents.length === 0) warn({ file: AGENTS_DIR, message: `no agents found; create ${AGENTS_DIR}/<name>.md` });
  for (const agent of context.agents) {
    const duplicate = duplicateError(context.agents, agent.name);
    if (duplicate) {
      fail(agent.file, duplicate.message.slice(duplicate.file.length + 2));
      continue;
    }
    try {
      // Skill warnings are reported once below, from the catalog, not once per agent that uses the skill.
      const { spec, warnings } = await buildAgent(agent, context);
      warnings.filter((warning) => context.catalog.hashes[warning.file] === undefined).forEach(warn);
      if (spec.commands.length > 0) problems.push({ file: agent.file, severity: 'notice', message: realCommandsNotice(spec.commands) });
    } catch (error) {
      if (!isFlueError(error)) throw error;
      const file = 'file' in error && typeof error.file === 'string' ? error.file : agent.file;
      fail(file, error.message);
    }
  }
  await checkRoles(context.root, warn, fail);
  for (const skipped of context.catalog.skipped) fail(skipped.file, skippedWarning(skipped).message);
  for (const warning of context.catalog.warnings) warn(warning);
  const unique = dedupe(problems);
  return { ok: unique.every((problem) => problem.severity !== 'error'), problems: unique };
}

async function checkRoles(root: string, warn: (warning: DefinitionWarning) => void, fail: (file: string, message: string) => void): Promise<void> {
  const tracked = new TrackedFiles(root);
  for (const name of await listRoles(root)) {
    const file = `${ROLES_DIR}/${name}.md`;
    try {
      parseRole(file, await tracked.read(path.join(root, file))).warnings.forEach(warn);
    } catch (error) {
      if (!isFlueError(error)) throw error;
      fail(file, error.message);
    }
  }
}

/** Said wherever `commands:` is declared: the sandbox's confinement stops at a real process. */
export const realCommandsNotice = (commands: string[]): string =>
  `commands: ${commands.map((entry) => `'${entry}'`).join(', ')} run as real processes: they can read and write anything ` +
  "the runner's user can, outside the workspace too; they never run in the untrusted profile";

const withoutFile = (file: string, message: string): string => (message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message);

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.severity}\u0000${problem.file}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
