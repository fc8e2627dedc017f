import * as path from 'node:path';
import * as v from 'valibot';
import type { SkillSpec } from '../definitions/types.js';
import { readSkillBody } from '../definitions/index.js';
import type { Sandbox } from '../sandbox/index.js';
import { defineRunnerTool, toolError } from './define.js';
import type { ToolDefinition } from './types.js';

/** `activate_skill`: the full SKILL.md of a skill in the agent's catalog, and the files beside it. */
export function activateSkillTool(skills: SkillSpec[], sandbox: Sandbox): ToolDefinition {
  const names = skills.map((skill) => skill.name);
  return defineRunnerTool({
    name: 'activate_skill',
    description: "Load a skill's full instructions by name, before following it.",
    input: v.object({ name: v.pipe(v.string(), v.minLength(1)) }),
    async run({ name }) {
      const skill = skills.find((candidate) => candidate.name === name);
      if (!skill) return toolError(`Unknown skill '${name}'. Available: ${names.join(', ')}`);
      const { body, resources, truncated } = await readSkillBody(skill);
      if (resources.length === 0) return body.trim();
      const listed = resources.map((resource) => `- ${readablePath(sandbox, path.join(skill.dir, resource))}`);
      if (truncated) listed.push('- [more files not listed]');
      return `${body.trim()}\n\nFiles of this skill (open them with read):\n${listed.join('\n')}`;
    },
  });
}

/** Workspace-relative when the skill lives in the checkout, so `read` takes it as is. */
function readablePath(sandbox: Sandbox, file: string): string {
  const relative = path.relative(sandbox.workspace, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
