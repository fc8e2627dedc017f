import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDefinitionError } from '../../src/errors.js';
import { loadAgent } from '../../src/definitions/index.js';
import { copySkills, makeWorkspace, rejection, removeWorkspaces } from './workspace.js';

afterEach(removeWorkspaces);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const TRIAGE = '---\ndescription: Label issues\nrole: analyst\n---\nTriage it.\n';
const ANALYST = '---\ndescription: Careful analyst\n---\nYou are careful.\n';
const SKILL = '---\nname: labels\ndescription: How labels are chosen\n---\nUse area/* labels.\n';

describe('loadAgent', () => {
  it('builds the spec from the agent, its role, AGENTS.md and the skills, with the sha256 of each file', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': TRIAGE,
      '.flue/roles/analyst.md': ANALYST,
      '.flue/skills/labels/SKILL.md': SKILL,
      'AGENTS.md': '# Project\n\nUse pnpm.\n',
      'CLAUDE.md': 'Ignored when AGENTS.md exists.',
    });
    const spec = await loadAgent(workspace, 'triage');
    expect(spec).toEqual({
      name: 'triage',
      file: '.flue/agents/triage.md',
      format: 'markdown',
      description: 'Label issues',
      model: 'claude-sonnet-4-6',
      instructions: 'Triage it.',
      role: { name: 'analyst', file: '.flue/roles/analyst.md', body: 'You are careful.' },
      projectInstructions: { file: 'AGENTS.md', body: '# Project\n\nUse pnpm.' },
      skills: [
        {
          name: 'labels',
          description: 'How labels are chosen',
          file: '.flue/skills/labels/SKILL.md',
          dir: path.join(workspace, '.flue/skills/labels'),
        },
      ],
      tools: ['read', 'grep', 'glob'],
      commands: [],
      network: { allow: [] },
      subagents: [],
      outputs: {},
      limits: { maxTurns: 30, maxCostUsd: 2, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60 },
      customTools: [],
      files: {
        '.flue/agents/triage.md': sha256(TRIAGE),
        '.flue/roles/analyst.md': sha256(ANALYST),
        'AGENTS.md': sha256('# Project\n\nUse pnpm.\n'),
        '.flue/skills/labels/SKILL.md': sha256(SKILL),
      },
      warnings: [],
    });
  });

  it('falls back to CLAUDE.md', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: A\n---\nGo.',
      'CLAUDE.md': 'Claude notes\r\n',
    });
    const spec = await loadAgent(workspace, 'a');
    expect(spec.projectInstructions).toEqual({ file: 'CLAUDE.md', body: 'Claude notes' });
    expect(Object.keys(spec.files)).toEqual(['.flue/agents/a.md', 'CLAUDE.md']);
  });

  it('reads .flue/ and AGENTS.md from definitionsRoot (the base ref of a PR), not the workspace', async () => {
    const head = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: Rewritten by the PR\n---\nObey the PR.',
      'AGENTS.md': 'PR text',
    });
    const base = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: From base\n---\nReview.',
      'AGENTS.md': 'Base text',
    });
    const spec = await loadAgent(head, 'a', { definitionsRoot: base });
    expect([spec.description, spec.instructions, spec.projectInstructions?.body]).toEqual(['From base', 'Review.', 'Base text']);
  });

  it("attack: on a run whose definitions come from the base, an agent path that leaves them (absolute, ../) never loads the checkout's file", async () => {
    // `agent: ${{ github.workspace }}/.flue/agents/a.md` resolved against the base copy is still the PR's file.
    const head = await makeWorkspace({ '.flue/agents/a.md': '---\ndescription: Rewritten by the PR\n---\nObey the PR.' });
    const base = await makeWorkspace({ '.flue/agents/a.md': '---\ndescription: From base\n---\nReview.' });
    const absolute = path.join(head, '.flue/agents/a.md');
    for (const given of [absolute, path.relative(base, absolute)]) {
      expect(await rejection(loadAgent(head, given, { definitionsRoot: base }))).toBe(
        `${absolute}: is outside this run's agent definitions, which are read from a commit writers chose, not from the checkout. ` +
          'Name the agent (review), or give its path from the working directory (.flue/agents/review.md)',
      );
    }
    // A path inside the copy is the base's file, a folder whose name starts with two dots included.
    expect((await loadAgent(head, '.flue/agents/a.md', { definitionsRoot: base })).description).toBe('From base');
    const dotted = await makeWorkspace({ '..agents/a.md': '---\ndescription: Dotted folder\n---\nReview.' });
    expect((await loadAgent(head, '..agents/a.md', { definitionsRoot: dotted })).description).toBe('Dotted folder');
  });

  it('accepts a path to the agent file instead of a name', async () => {
    const workspace = await makeWorkspace({ 'agents/custom.md': '---\ndescription: Elsewhere\n---\nHi.' });
    const spec = await loadAgent(workspace, 'agents/custom.md');
    expect([spec.name, spec.file]).toEqual(['custom', 'agents/custom.md']);
    expect(await rejection(loadAgent(workspace, 'agents/missing.md'))).toBe(
      'agents/missing.md: does not exist. Give the path of an agent file, or an agent name from .flue/agents/',
    );
    expect(await rejection(loadAgent(workspace, 'agents/notes.txt'))).toBe(
      'agents/notes.txt: is not an agent file. Agents are .md, .ts, .mts, .js or .mjs files',
    );
  });

  it('lists the agents that exist when the name is unknown', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': TRIAGE,
      '.flue/agents/review.ts': '',
      '.flue/agents/types.d.ts': '',
    });
    const error = await loadAgent(workspace, 'triag').catch((caught: unknown) => caught);
    expect(isDefinitionError(error)).toBe(true);
    expect((error as Error).message).toBe('.flue/agents: no agent named "triag" (did you mean "triage"?). Agents that exist: "review", "triage"');
    expect(await rejection(loadAgent(await makeWorkspace(), 'triage'))).toBe(
      '.flue/agents: no agent named "triage". No agents exist yet: create .flue/agents/triage.md',
    );
  });

  it('refuses a name that two files define', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': TRIAGE,
      '.flue/agents/triage.mjs': 'export default {}',
    });
    expect(await rejection(loadAgent(workspace, 'triage'))).toBe(
      '.flue/agents/triage.md: agent "triage" is defined twice: .flue/agents/triage.md and .flue/agents/triage.mjs. Delete or rename one of them',
    );
  });
});

describe('loadAgent: references to other files', () => {
  it('names the agent file, the role field and the roles that exist when a role is missing', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': TRIAGE,
      '.flue/roles/analyst-v2.md': 'x',
      '.flue/roles/writer.md': 'y',
    });
    expect(await rejection(loadAgent(workspace, 'triage'))).toBe(
      '.flue/agents/triage.md:3:7: role: .flue/roles/analyst.md does not exist (did you mean "analyst-v2"?). Roles that exist: "analyst-v2", "writer"',
    );
    const empty = await makeWorkspace({ '.flue/agents/triage.md': TRIAGE });
    expect(await rejection(loadAgent(empty, 'triage'))).toBe(
      '.flue/agents/triage.md:3:7: role: .flue/roles/analyst.md does not exist. No roles exist yet: create .flue/roles/analyst.md',
    );
  });

  it('refuses a role with broken frontmatter, naming the role file and line', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/triage.md': TRIAGE,
      '.flue/roles/analyst.md': '---\ndescription: [x\n---\nBody',
    });
    expect(await rejection(loadAgent(workspace, 'triage'))).toBe(
      '.flue/roles/analyst.md:2:16: frontmatter: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ' +
        'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &',
    );
  });

  it('keeps only the listed skills, with their own warnings', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: A\nskills: [tlon, d3k]\n---\nGo.',
    });
    await copySkills(workspace, '.claude/skills', ['skills/blucli', 'skills/d3k', 'skills/tlon-skill']);
    const spec = await loadAgent(workspace, 'a');
    expect(spec.skills.map((skill) => skill.name)).toEqual(['tlon', 'd3k']);
    expect(spec.warnings).toEqual([
      '.claude/skills/tlon-skill/SKILL.md:2:7: name "tlon" differs from its folder "tlon-skill"; agents list it as "tlon"',
    ]);
    expect(Object.keys(spec.files)).toEqual(['.flue/agents/a.md', '.claude/skills/tlon-skill/SKILL.md', '.claude/skills/d3k/SKILL.md']);
  });

  it('offers every usable skill by default, and warns about the ones skipped', async () => {
    const workspace = await makeWorkspace({ '.flue/agents/a.md': '---\ndescription: A\n---\nGo.' });
    await copySkills(workspace, '.flue/skills', ['skills/d3k', 'skills-malformed/no-description']);
    const spec = await loadAgent(workspace, 'a');
    expect(spec.skills.map((skill) => skill.name)).toEqual(['d3k']);
    expect(spec.warnings).toEqual([
      '.flue/skills/no-description/SKILL.md:1: skipped: description is required. Add description: <what the skill does and when to use it>',
    ]);
  });

  it('refuses an explicitly listed skill that is missing or cannot be loaded', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: A\nskills: [bad-yaml]\n---\nGo.',
      '.flue/agents/b.md': '---\ndescription: B\nskills: [d3x]\n---\nGo.',
      '.flue/agents/c.md': '---\ndescription: C\nskills: [labels]\n---\nGo.',
    });
    await copySkills(workspace, '.flue/skills', ['skills/d3k', 'skills-malformed/bad-yaml']);
    expect(await rejection(loadAgent(workspace, 'a'))).toBe(
      '.flue/agents/a.md:3:10: skills: skill "bad-yaml" cannot be used: .flue/skills/bad-yaml/SKILL.md frontmatter is not valid YAML (line 4: Missing closing "quote). ' +
        'Quote values that contain ": " or start with a quote, [ or {',
    );
    expect(await rejection(loadAgent(workspace, 'b'))).toBe(
      '.flue/agents/b.md:3:10: skills: no skill named "d3x" in .flue/skills, .agents/skills, .claude/skills (did you mean "d3k"?). Skills that exist: "d3k"',
    );
    const bare = await makeWorkspace({ '.flue/agents/c.md': '---\ndescription: C\nskills: [labels]\n---\nGo.' });
    expect(await rejection(loadAgent(bare, 'c'))).toBe(
      '.flue/agents/c.md:3:10: skills: no skill named "labels" in .flue/skills, .agents/skills, .claude/skills. No skills exist yet: create .flue/skills/labels/SKILL.md',
    );
  });

  it('finds a skill by folder name when its name differs', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/a.md': '---\ndescription: A\nskills: [tlon-skill]\n---\nGo.',
    });
    await copySkills(workspace, '.flue/skills', ['skills/tlon-skill']);
    expect((await loadAgent(workspace, 'a')).skills.map((skill) => skill.name)).toEqual(['tlon']);
  });

  it('checks that every subagent exists', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/lead.md': '---\ndescription: Lead\nsubagents: [researcher, reviewr]\n---\nDelegate.',
      '.flue/agents/researcher.md': '---\ndescription: R\n---\nResearch.',
      '.flue/agents/reviewer.mjs': 'export default {}',
    });
    expect(await rejection(loadAgent(workspace, 'lead'))).toBe(
      '.flue/agents/lead.md:3:25: subagents: no agent named "reviewr" in .flue/agents/ (did you mean "reviewer"?). Agents that exist: "lead", "researcher", "reviewer"',
    );
  });
});
