import path from 'node:path';
import { pathInside } from '../paths.js';
import { DefinitionError, errorMessage, isDefinitionError } from '../errors.js';
import type { AgentSpec, SkillSpec } from './types.js';
import { readMarkdownAgent } from './markdown-agent.js';
import { readCodeAgent } from './code-agent.js';
import { codeAgentSupport, currentRuntime, defaultModuleUrls, importAgentModule, localImportHashes, type ModuleUrls } from './module-hooks.js';
import { AGENTS_DIR, listAgentFiles, locateAgent, type AgentFile } from './locate.js';
import { loadProjectInstructions, loadRole } from './documents.js';
import { findSkill, findSkills, SKILL_ROOTS, type SkillCatalog, type SkippedSkill } from './skills.js';
import { repoPath, TrackedFiles } from './tracked-files.js';
import { DefinitionErrors, ErrorCollector, errorsOf, FieldError, formatWarning, readEach, type DefinitionWarning, type ErrorList } from './problems.js';
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
  const agent = await locateAgent(context.root, name);
  // A path resolves against the definitions' folder, but an absolute one (or `../`) names any file: on a run
  // whose definitions come from a commit writers chose, that is the checkout's own agent, which the pull
  // request (or the fork) may have rewritten.
  if (options.definitionsRoot !== undefined && pathInside(context.root, agent.path) === undefined) {
    throw new DefinitionError(
      agent.file,
      undefined,
      "is outside this run's agent definitions, which are read from a commit writers chose, not from the checkout",
      'Name the agent (review), or give its path from the working directory (.flue/agents/review.md)',
    );
  }
  return loadAgentFile(agent, context);
}

export async function loadAgentFile(agent: AgentFile, context: DefinitionsContext): Promise<AgentSpec> {
  return (await buildAgent(agent, context)).spec;
}

/** The spec, and its warnings with the file each is about (AgentSpec keeps them as lines). Throws every error found, as one. */
export async function buildAgent(agent: AgentFile, context: DefinitionsContext): Promise<{ spec: AgentSpec; warnings: DefinitionWarning[] }> {
  const inspection = await inspectAgent(agent, context);
  if (inspection.spec === undefined) throw new DefinitionErrors(inspection.errors);
  return { spec: inspection.spec, warnings: inspection.warnings };
}

/** An agent's spec, or every error that stops it; its warnings either way, so `check` shows them next to its errors. */
export type AgentInspection =
  | { spec: AgentSpec; errors: []; warnings: DefinitionWarning[] }
  | { spec?: undefined; errors: ErrorList; warnings: DefinitionWarning[] };

/** Reads the agent and everything it names, keeping every error rather than stopping at the first. */
export async function inspectAgent(agent: AgentFile, context: DefinitionsContext): Promise<AgentInspection> {
  const tracked = new TrackedFiles(context.root);
  const text = await tracked.read(agent.path);
  let draft: AgentDraft;
  try {
    draft = agent.path.endsWith('.md') ? readMarkdownAgent(agent.file, text) : await loadCodeDraft(agent, context.moduleUrls, context.root);
  } catch (error) {
    if (!isDefinitionError(error)) throw error;
    return { errors: errorsOf(error), warnings: [] };
  }
  const problems = new ErrorCollector();
  problems.errors.push(...draft.errors);
  const warnings: DefinitionWarning[] = [...draft.warnings];
  const { roleName } = draft;
  const role = roleName === undefined ? undefined : await problems.readAsync(() => loadRole(tracked, roleName, agent.file), undefined);
  if (role) warnings.push(...role.warnings);
  const skills = problems.read(() => chooseSkills(draft.skillNames, context.catalog, agent.file, warnings), []);
  problems.read(() => checkSubagents(draft.subagents, context.agents, agent.file), undefined);
  // An error about the agent's own fields is placed in its frontmatter; a role's errors carry their own place.
  const located = problems.errors.map((error) => (draft.positions && error.file === agent.file ? draft.positions.locate(error) : error));
  const [first, ...rest] = located;
  if (first) return { errors: [first, ...rest], warnings };
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
  return { spec, errors: [], warnings };
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
  return readCodeAgent(agent.file, namespace);
}

/** User code failed to load: its own message, plus what the usual cause is. */
export function importError(file: string, error: unknown): DefinitionError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = errorMessage(error).split('\n')[0] ?? '';
  // Node's TypeScript syntax errors carry the position only in the stack's first line: `/path/agent.ts:12`.
  const line = error instanceof SyntaxError ? /^\S+:(\d+)\n/.exec(error.stack ?? '')?.[1] : undefined;
  const fix =
    code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX'
      ? 'Node only strips types: replace enums, namespaces and constructor parameter properties with plain code'
      : code === 'ERR_MODULE_NOT_FOUND'
        ? 'An agent can import only "flue-action", "valibot", node: built-ins and its own relative files'
        : 'Fix the error, then run flue-action check';
  return new DefinitionError(file, undefined, `cannot be loaded: ${message}`, fix, line === undefined ? undefined : { line: Number(line) });
}

export const skippedWarning = (skipped: SkippedSkill): DefinitionWarning => ({
  file: skipped.file,
  position: skipped.position,
  message: `skipped: ${skipped.problem}. ${skipped.fix}`,
});

/** The agent's skills catalog: the listed skills, or every usable skill found (with their warnings). */
function chooseSkills(names: string[] | undefined, catalog: SkillCatalog, agentFile: string, warnings: DefinitionWarning[]): SkillSpec[] {
  if (names === undefined) {
    warnings.push(...catalog.warnings, ...catalog.skipped.map(skippedWarning));
    return catalog.skills;
  }
  const chosen: SkillSpec[] = [];
  readEach(names, (name) => {
    const skill = findSkill(catalog, name);
    if (!skill) throw missingSkill(name, catalog, agentFile);
    if (chosen.includes(skill)) return;
    chosen.push(skill);
    warnings.push(...catalog.warnings.filter((warning) => warning.skill === skill.name));
  });
  return chosen;
}

function missingSkill(name: string, catalog: SkillCatalog, agentFile: string): DefinitionError {
  const skipped = catalog.skipped.find((entry) => entry.folder === name);
  if (skipped)
    return new FieldError(
      agentFile,
      'skills',
      { keys: ['skills'], item: name },
      `skill ${JSON.stringify(name)} cannot be used: ${skipped.file} ${skipped.problem}`,
      skipped.fix,
    );
  const names = catalog.skills.map((skill) => skill.name);
  return new FieldError(
    agentFile,
    'skills',
    { keys: ['skills'], item: name },
    `no skill named ${JSON.stringify(name)} in ${SKILL_ROOTS.join(', ')}${didYouMean(name, names)}`,
    names.length === 0 ? `No skills exist yet: create ${SKILL_ROOTS[0]}/${name}/SKILL.md` : `Skills that exist: ${quoteList(names)}`,
  );
}

/** Only existence is checked here: a subagent is loaded (and validated) when the agent delegates to it. */
function checkSubagents(subagents: string[], agents: AgentFile[], agentFile: string): void {
  const names = [...new Set(agents.map((agent) => agent.name))];
  readEach(subagents, (name) => {
    if (names.includes(name)) return;
    throw new FieldError(
      agentFile,
      'subagents',
      { keys: ['subagents'], item: name },
      `no agent named ${JSON.stringify(name)} in ${AGENTS_DIR}/${didYouMean(name, names)}`,
      `Agents that exist: ${quoteList(names)}`,
    );
  });
}
