import type { AgentSpec } from '../definitions/types.js';
import type { Sandbox } from '../sandbox/index.js';
import { bashTool } from './bash.js';
import { outputTools } from './output-tools.js';
import type { OutputCollector, ProposalContext } from './outputs.js';
import { readTool } from './read.js';
import { grepTool, globTool } from './search.js';
import { activateSkillTool } from './skill-tool.js';
import type { ToolDefinition } from './types.js';
import { editTool, writeTool } from './write.js';

export { checkProposal, OutputCollector, type ProposalCheck, type ProposalContext } from './outputs.js';
export { defineRunnerTool, type RunnerToolSpec } from './define.js';
export type { ProposedOutput, ReviewComment, ToolContext, ToolDefinition, ToolResult } from './types.js';

/**
 * The model-facing tools of one agent, in a fixed order (the tool list is part of the cached
 * prompt prefix): the sandbox tools it lists, `activate_skill` when it has skills, the safe-output
 * tools its `outputs:` declares, then its custom tools. `write` brings `edit`; neither is offered
 * when the sandbox is read-only (the untrusted profile), since every call would fail.
 * `finish`, `give_up` and `task` belong to the harness.
 */
export function createAgentTools(spec: AgentSpec, sandbox: Sandbox, collector: OutputCollector, context: ProposalContext): ToolDefinition[] {
  const listed = new Set(spec.tools);
  const tools: ToolDefinition[] = [];
  if (listed.has('read')) tools.push(readTool(sandbox));
  if (listed.has('write') && sandbox.writable) tools.push(writeTool(sandbox), editTool(sandbox));
  if (listed.has('bash')) tools.push(bashTool(sandbox, spec.commands));
  if (listed.has('grep')) tools.push(grepTool(sandbox));
  if (listed.has('glob')) tools.push(globTool(sandbox));
  if (spec.skills.length > 0) tools.push(activateSkillTool(spec.skills));
  tools.push(...outputTools(spec.outputs, collector, context, sandbox.workspace), ...spec.customTools);
  return tools;
}
