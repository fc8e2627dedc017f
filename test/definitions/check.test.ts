import { afterEach, describe, expect, it } from 'vitest';
import { checkDefinitions, listAgents } from '../../src/definitions/index.js';
import { copySkills, makeWorkspace, removeWorkspaces } from './workspace.js';

afterEach(removeWorkspaces);

const GOOD = '---\ndescription: Label issues\n---\nTriage.';

describe('checkDefinitions', () => {
  it('passes a clean tree', async () => {
    const workspace = await makeWorkspace({ '.flue/agents/triage.md': GOOD, '.flue/roles/analyst.md': 'Be careful.' });
    await copySkills(workspace, '.flue/skills', ['skills/d3k']);
    expect(await checkDefinitions(workspace)).toEqual({ ok: true, problems: [] });
  });

  it('reports every agent, role and skill problem once, at its file:line, sorted by file and line', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': '---\ndescription: Label issues\ntool: [read]\n---\nTriage.',
      '.flue/agents/review.md': '---\ndescription: Review\nmodel: openai/gpt-4o\n---\nReview.',
      '.flue/agents/lead.md': '---\ndescription: Lead\nrole: boss\n---\nLead.',
      '.flue/agents/dup.md': GOOD,
      '.flue/agents/dup.mjs': 'export default {}',
      '.flue/roles/analyst.md': '---\ndescription: Analyst\ntone: dry\n---\nBe careful.',
      '.flue/roles/broken.md': '---\ndescription: [x\n---\nBody',
    });
    await copySkills(workspace, '.claude/skills', ['skills/tlon-skill', 'skills-malformed/no-frontmatter']);
    const result = await checkDefinitions(workspace);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          file: '.claude/skills/no-frontmatter/SKILL.md',
          line: 1,
          severity: 'error',
          message:
            'skipped: has no frontmatter, so it has no description. Start SKILL.md with a --- line, then name: <folder> and description: <what it does and when to use it>, then ---',
        },
        {
          file: '.claude/skills/tlon-skill/SKILL.md',
          line: 2,
          column: 7,
          severity: 'warning',
          message: 'name "tlon" differs from its folder "tlon-skill"; agents list it as "tlon"',
        },
        {
          file: '.flue/agents/dup.md',
          line: 1,
          severity: 'error',
          message: 'agent "dup" is defined twice: .flue/agents/dup.md and .flue/agents/dup.mjs. Delete or rename one of them',
        },
        {
          file: '.flue/agents/dup.mjs',
          line: 1,
          severity: 'error',
          message: 'agent "dup" is defined twice: .flue/agents/dup.md and .flue/agents/dup.mjs. Delete or rename one of them',
        },
        {
          file: '.flue/agents/lead.md',
          line: 3,
          column: 7,
          field: 'role',
          severity: 'error',
          message: '.flue/roles/boss.md does not exist. Roles that exist: "analyst", "broken"',
        },
        {
          file: '.flue/agents/review.md',
          line: 3,
          column: 8,
          field: 'model',
          severity: 'error',
          message:
            'provider "openai" is not supported (got "openai/gpt-4o"). Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"',
        },
        {
          file: '.flue/agents/triage.md',
          line: 3,
          column: 1,
          severity: 'warning',
          message: 'unknown field "tool" is ignored (did you mean "tools"?)',
        },
        {
          file: '.flue/roles/analyst.md',
          line: 3,
          column: 1,
          severity: 'warning',
          message: 'unknown field "tone" is ignored; a role has only description',
        },
        {
          file: '.flue/roles/broken.md',
          line: 2,
          column: 16,
          field: 'frontmatter',
          severity: 'error',
          message:
            'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &',
        },
      ],
    });
  });

  it('warns when there are no agents at all', async () => {
    expect(await checkDefinitions(await makeWorkspace())).toEqual({
      ok: true,
      problems: [{ file: '.flue/agents', severity: 'warning', message: 'no agents found; create .flue/agents/<name>.md' }],
    });
  });
});

describe('listAgents', () => {
  it('lists every agent with its description, or the one-line error that stops it', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': GOOD,
      '.flue/agents/broken.md': '---\nmodel: claude-opus-4-6\n---\nNo description.',
      '.flue/agents/README.txt': 'not an agent',
    });
    expect(await listAgents(workspace)).toEqual([
      {
        name: 'broken',
        file: '.flue/agents/broken.md',
        error: '.flue/agents/broken.md:1: description: is required. Add a one-line description of what the agent does',
      },
      { name: 'triage', file: '.flue/agents/triage.md', description: 'Label issues' },
    ]);
  });

  it('returns an empty list when .flue/agents does not exist', async () => {
    expect(await listAgents(await makeWorkspace())).toEqual([]);
  });
});
