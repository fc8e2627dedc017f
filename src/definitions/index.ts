/**
 * The load stage: finds an agent, its role, skills and project instructions under `.flue/` (or a
 * base-ref checkout of it) and validates them into one AgentSpec.
 */
export { loadAgent, type LoadOptions } from './load.js';
export { locateAgent } from './locate.js';
export { listAgents, checkDefinitions, type AgentListing, type CheckResult, type DefinitionProblem } from './check.js';
export {
  findSkills,
  readSkillBody,
  SKILL_ROOTS,
  type SkillBody,
  type SkillCatalog,
  type SkippedSkill,
  type SkillWarning,
} from './skills.js';
export {
  codeAgentSupport,
  currentRuntime,
  defaultModuleUrls,
  type ModuleUrls,
  type NodeRuntime,
} from './module-hooks.js';
export { DEFAULT_MODEL } from './model-id.js';
export { DEFAULT_TOOLS } from './fields.js';
export type { DefinitionWarning } from './problems.js';
export * from './types.js';
