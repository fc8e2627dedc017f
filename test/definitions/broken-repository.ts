// A repository with one broken definition file of every kind, for the tests of `check` (API and CLI).
import { copySkills, makeWorkspace } from './workspace.js';

/** One file with many problems: two bad fields, two tool typos, an unknown key, a wrong type, a bad output policy. */
export const MANY = [
  '---',
  'description: Many problems',
  'model: openai/gpt-4o',
  'tools: [raed, bash, fly]',
  'tool: [read]',
  'limits: { max-turns: "10", budget: 5 }',
  'outputs:',
  '  add_comment: { max: 0 }',
  '  add_labels: { allowed: [] }',
  '---',
  'Do it.',
  '',
].join('\n');

/** A repository with one broken file of every kind; the skills are published SKILL.md files (fixtures/README.md). */
export async function brokenRepository(): Promise<string> {
  const workspace = await makeWorkspace({
    '.flue/agents/many.md': MANY,
    '.flue/agents/lead.md': '---\ndescription: Lead\nrole: boss\nskills: [d3k, d3x]\nsubagents: [many, helpr]\n---\nLead.\n',
    '.flue/agents/broken-yaml.md': '---\ndescription: Broken\ntools: [read\nmodel: x\n---\nGo.\n',
    '.flue/agents/empty.md': '---\ndescription: 3\noutputs: [add_comment]\n---\n',
    '.flue/roles/analyst.md': '---\ndescription: Analyst\ntone: dry\n---\nBe careful.\n',
  });
  await copySkills(workspace, '.claude/skills', ['skills/tlon-skill', 'skills/d3k', 'skills-malformed/bad-yaml']);
  return workspace;
}
