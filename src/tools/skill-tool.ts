import * as path from 'node:path';
import * as v from 'valibot';
import type { SkillSpec } from '../definitions/types.js';
import { readSkillBody } from '../definitions/index.js';
import { defineRunnerTool, toolError } from './define.js';
import type { ToolDefinition } from './types.js';

/** `activate_skill`: the full SKILL.md of a skill in the agent's catalog, and the files beside it. */
export function activateSkillTool(skills: SkillSpec[]): ToolDefinition {
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
      const listed = resources.map((resource) => `- ${readablePath(skill, resource)}`);
      if (truncated) listed.push('- [more files not listed]');
      return `${body.trim()}\n\nFiles of this skill (open them with read):\n${listed.join('\n')}`;
    },
  });
}

/**
 * The path `read` opens a resource by: workspace-relative, beside the skill's repository-relative
 * SKILL.md. On a pull-request run the skill was read from the base commit's copy, which the sandbox
 * serves at these same workspace paths, so the model reads the base's files, never the PR's.
 */
const readablePath = (skill: SkillSpec, resource: string): string => path.posix.join(path.posix.dirname(skill.file), resource);
