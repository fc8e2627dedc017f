import path from 'node:path';
import { DefinitionError, errorMessage } from '../errors.js';
import type { AgentSpec, SkillSpec } from './types.js';
import { parseMarkdownAgent } from './markdown-agent.js';
import { parseCodeAgent } from './code-agent.js';
import { codeAgentSupport, currentRuntime, defaultModuleUrls, importAgentModule, localImportHashes, type ModuleUrls } from './module-hooks.js';
import { AGENTS_DIR, listAgentFiles, locateAgent, type AgentFile } from './locate.js';
import { loadProjectInstructions, loadRole } from './documents.js';
import { findSkill, findSkills, SKILL_ROOTS, type SkillCatalog, type SkippedSkill } from './skills.js';
import { repoPath, TrackedFiles } from './tracked-files.js';
import { formatWarning, type DefinitionWarning } from './problems.js';
import type { AgentDraft } from './draft.js';
import { didYouMean, quoteList } from './wording.js';

export interface LoadOptions {
  /**
   * Where `.flue/`, AGENTS.md and CLAUDE.md are read from. On a pull-request run this is a checkout
   * of the base ref, so a PR cannot rewrite the agent that reviews it. Default: the workspace.
   */
  definitionsRoot?: string;
  /** Where a code agent's `flue-action` and `valibot` imports resolve. Default: defaultModuleUrls(). */
  moduleUrls?: ModuleUrls;
}

/** What every agent of one load shares: found once, so `check` does not rescan skills per agent. */
export interface DefinitionsContext {
  root: string;
  moduleUrls: ModuleUrls;
  agents: AgentFile[];
  catalog: SkillCatalog;
}

export async function createContext(workspace: string, options: LoadOptions = {}): Promise<DefinitionsContext> {
  const root = path.resolve(options.definitionsRoot ?? workspace);
  return {
    root,
    moduleUrls: options.moduleUrls ?? defaultModuleUrls(),
    agents: await listAgentFiles(root),
    catalog: await findSkills(root),
  };
}

/** Finds the agent by name or path and builds its spec; every error names the file, the field and the fix. */
export async function loadAgent(workspace: string, name: string, options: LoadOptions = {}): Promise<AgentSpec> {
  const context = await createContext(workspace, options);
  return loadAgentFile(await locateAgent(context.root, name), context);
}

export async function loadAgentFile(agent: AgentFile, context: DefinitionsContext): Promise<AgentSpec> {
  return (await buildAgent(agent, context)).spec;
}

/** The spec, and its warnings with the file each is about (AgentSpec keeps them as lines). */
export async function buildAgent(agent: AgentFile, context: DefinitionsContext): Promise<{ spec: AgentSpec; warnings: DefinitionWarning[] }> {
  const tracked = new TrackedFiles(context.root);
  const text = await tracked.read(agent.path);
  const draft = agent.path.endsWith('.md') ? parseMarkdownAgent(agent.file, text) : await loadCodeDraft(agent, context.moduleUrls, context.root);
  const warnings: DefinitionWarning[] = [...draft.warnings];
  const role = draft.roleName === undefined ? undefined : await loadRole(tracked, draft.roleName, agent.file);
  if (role) warnings.push(...role.warnings);
  const skills = chooseSkills(draft.skillNames, context.catalog, agent.file, warnings);
  checkSubagents(draft.subagents, context.agents, agent.file);
  const projectInstructions = await loadProjectInstructions(tracked);
  const files = { ...tracked.hashes };
  // A code agent's own helper modules are part of its definition too.
  if (!agent.path.endsWith('.md')) {
    for (const [file, hash] of localImportHashes(agent.path)) files[repoPath(context.root, file)] = hash;
  }
  for (const skill of skills) {
    const hash = context.catalog.hashes[skill.file];
    if (hash !== undefined) files[skill.file] = hash;
  }
  const spec = assemble(agent, draft, {
    ...(role ? { role: role.role } : {}),
    ...(projectInstructions ? { projectInstructions } : {}),
    skills,
    files,
    warnings: warnings.map(formatWarning),
  });
  return { spec, warnings };
}

function assemble(
  agent: AgentFile,
  draft: AgentDraft,
  resolved: Pick<AgentSpec, 'role' | 'projectInstructions' | 'skills' | 'files' | 'warnings'>,
): AgentSpec {
  return {
    name: agent.name,
    file: agent.file,
    format: draft.format,
    description: draft.description,
    model: draft.model,
    instructions: draft.instructions,
    tools: draft.tools,
    commands: draft.commands,
    network: draft.network,
    subagents: draft.subagents,
    outputs: draft.outputs,
    ...(draft.result ? { result: draft.result } : {}),
    limits: draft.limits,
    customTools: draft.customTools,
    ...(draft.run ? { run: draft.run } : {}),
    ...resolved,
  };
}

async function loadCodeDraft(agent: AgentFile, moduleUrls: ModuleUrls, root: string): Promise<AgentDraft> {
  const unsupported = codeAgentSupport(agent.file, currentRuntime());
  if (unsupported) throw new DefinitionError(agent.file, undefined, unsupported.problem, unsupported.fix);
  let namespace: Record<string, unknown>;
  try {
    namespace = await importAgentModule(agent.path, moduleUrls, root);
  } catch (error) {
    throw importError(agent.file, error);
  }
  return parseCodeAgent(agent.file, namespace);
}

/** User code failed to load: its own message, plus what the usual cause is. */
export function importError(file: string, error: unknown): DefinitionError {
  const code = (error as { code?: unknown } | null)?.code;
  let message = errorMessage(error).split('\n')[0] ?? '';
  // Node's TypeScript syntax errors carry the position only in the stack's first line: `/path/agent.ts:12`.
  const line = error instanceof SyntaxError ? /^\S+:(\d+)\n/.exec(error.stack ?? '')?.[1] : undefined;
  if (line !== undefined) message = `${message} at line ${line}`;
  const fix =
    code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX'
      ? 'Node only strips types: replace enums, namespaces and constructor parameter properties with plain code'
      : code === 'ERR_MODULE_NOT_FOUND'
        ? 'An agent can import only "flue-action", "valibot", node: built-ins and its own relative files'
        : 'Fix the error, then run flue-action check';
  return new DefinitionError(file, undefined, `cannot be loaded: ${message}`, fix);
}

export const skippedWarning = (skipped: SkippedSkill): DefinitionWarning => ({
  file: skipped.file,
  message: `skipped: ${skipped.problem}. ${skipped.fix}`,
});

/** The agent's skills catalog: the listed skills, or every usable skill found (with their warnings). */
function chooseSkills(names: string[] | undefined, catalog: SkillCatalog, agentFile: string, warnings: DefinitionWarning[]): SkillSpec[] {
  if (names === undefined) {
    warnings.push(...catalog.warnings, ...catalog.skipped.map(skippedWarning));
    return catalog.skills;
  }
  const chosen: SkillSpec[] = [];
  for (const name of names) {
    const skill = findSkill(catalog, name);
    if (!skill) throw missingSkill(name, catalog, agentFile);
    if (!chosen.includes(skill)) chosen.push(skill);
    warnings.push(...catalog.warnings.filter((warning) => warning.skill === skill.name));
  }
  return chosen;
}

function missingSkill(name: string, catalog: SkillCatalog, agentFile: string): DefinitionError {
  const skipped = catalog.skipped.find((entry) => entry.folder === name);
  if (skipped)
    return new DefinitionError(agentFile, 'skills', `skill ${JSON.stringify(name)} cannot be used: ${skipped.file} ${skipped.problem}`, skipped.fix);
  const names = catalog.skills.map((skill) => skill.name);
  return new DefinitionError(
    agentFile,
    'skills',
    `no skill named ${JSON.stringify(name)} in ${SKILL_ROOTS.join(', ')}${didYouMean(name, names)}`,
    names.length === 0 ? `No skills exist yet: create ${SKILL_ROOTS[0]}/${name}/SKILL.md` : `Skills that exist: ${quoteList(names)}`,
  );
}

/** Only existence is checked here: a subagent is loaded (and validated) when the agent delegates to it. */
function checkSubagents(subagents: string[], agents: AgentFile[], agentFile: string): void {
  const names = [...new Set(agents.map((agent) => agent.name))];
  for (const name of subagents) {
    if (names.includes(name)) continue;
    throw new DefinitionError(
      agentFile,
      'subagents',
      `no agent named ${JSON.stringify(name)} in ${AGENTS_DIR}/${didYouMean(name, names)}`,
      `Agents that exist: ${quoteList(names)}`,
    );
  }
}
