import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSkills, readSkillBody } from '../../src/definitions/skills.js';
import { parseSkill } from '../../src/definitions/skill-file.js';
import { copySkills, FIXTURES, makeWorkspace, removeWorkspaces, writeFiles } from './workspace.js';

afterEach(removeWorkspaces);

const REAL = ['skills/blucli', 'skills/d3k', 'skills/kiro-spec-status', 'skills/tlon-skill', 'skills/yara-authoring'];
const SPEC_FIELDS = 'name, description, license, compatibility, metadata, allowed-tools';

describe('real published skills', () => {
  it('load from .claude/skills with the warnings their spec breaches deserve', async () => {
    const workspace = await makeWorkspace();
    await copySkills(workspace, '.claude/skills', REAL);
    const catalog = await findSkills(workspace);
    expect(catalog.skills.map((skill) => [skill.name, skill.file, skill.allowedTools])).toEqual([
      ['blucli', '.claude/skills/blucli/SKILL.md', undefined],
      ['d3k', '.claude/skills/d3k/SKILL.md', undefined],
      ['kiro-spec-status', '.claude/skills/kiro-spec-status/SKILL.md', ['Read', 'Glob', 'Grep']],
      ['tlon', '.claude/skills/tlon-skill/SKILL.md', undefined],
      ['yara-authoring', '.claude/skills/yara-authoring/SKILL.md', ['Bash', 'Read', 'Write', 'Glob', 'Grep']],
    ]);
    expect(catalog.skills[1]).toEqual({
      name: 'd3k',
      description: 'd3k assistant for debugging web apps',
      file: '.claude/skills/d3k/SKILL.md',
      dir: path.join(workspace, '.claude/skills/d3k'),
    });
    expect(catalog.skills[0]?.metadata?.otto).toMatch(/^\{"emoji":"🫐","requires":\{"bins":\["blu"\]\}/);
    expect(catalog.skipped).toEqual([]);
    expect(catalog.warnings).toEqual([
      {
        file: '.claude/skills/blucli/SKILL.md',
        skill: 'blucli',
        position: { line: 8, column: 7 },
        message: 'metadata.otto should be a string, got a mapping; it was converted to JSON',
      },
      {
        file: '.claude/skills/blucli/SKILL.md',
        skill: 'blucli',
        position: { line: 4, column: 1 },
        message: `unknown field "homepage" is ignored (the Agent Skills spec defines ${SPEC_FIELDS})`,
      },
      {
        file: '.claude/skills/tlon-skill/SKILL.md',
        skill: 'tlon',
        position: { line: 2, column: 7 },
        message: 'name "tlon" differs from its folder "tlon-skill"; agents list it as "tlon"',
      },
    ]);
  });

  it('reads a derived copy with an over-long description and one with a BOM and CRLF line ends', async () => {
    const workspace = await makeWorkspace();
    await copySkills(workspace, '.agents/skills', ['skills-derived/github-long', 'skills-derived/d3k-windows']);
    const catalog = await findSkills(workspace);
    expect(catalog.skills.map((skill) => [skill.name, skill.description.length])).toEqual([
      ['d3k-windows', 36],
      ['github-long', 1268],
    ]);
    expect(catalog.skills[0]?.description).toBe('d3k assistant for debugging web apps');
    expect(catalog.warnings.map((warning) => warning.message)).toEqual([
      'description is 1268 characters; the Agent Skills spec allows 1024, and the catalog sends all of it on every model call',
      'metadata.otto should be a string, got a mapping; it was converted to JSON',
    ]);
    const body = await readSkillBody(catalog.skills[0]!);
    expect(body.body.startsWith('# d3k Commands\n\nd3k captures browser and server logs')).toBe(true);
    expect(body.body).not.toContain('\r');
  });

  it('lists the resources beside SKILL.md for activate_skill', async () => {
    const workspace = await makeWorkspace();
    await copySkills(workspace, '.flue/skills', ['skills/tlon-skill']);
    const [tlon] = (await findSkills(workspace)).skills;
    const body = await readSkillBody(tlon!);
    expect(body.resources).toEqual([
      'references/hooks-examples/auto-react.hoon',
      'references/hooks-examples/delete-old-posts.hoon',
      'references/hooks-examples/word-filter.hoon',
      'references/hooks.md',
      'references/urbit-api.md',
      'scripts/postinstall.js',
    ]);
    expect(body.truncated).toBe(false);
    const original = await readFile(path.join(FIXTURES, 'skills/tlon-skill/SKILL.md'), 'utf8');
    expect(body.body).toBe(original.slice(original.indexOf('\n---\n', 4) + 5).trim());
  });
});

describe('malformed skills', () => {
  it('are skipped with the reason and the fix, never thrown', async () => {
    const workspace = await makeWorkspace();
    await copySkills(workspace, '.flue/skills', [
      'skills-malformed/bad-yaml',
      'skills-malformed/no-description',
      'skills-malformed/no-frontmatter',
      'skills-malformed/unclosed',
    ]);
    const catalog = await findSkills(workspace);
    expect(catalog.skills).toEqual([]);
    expect(catalog.skipped).toEqual([
      {
        folder: 'bad-yaml',
        file: '.flue/skills/bad-yaml/SKILL.md',
        problem: 'frontmatter is not valid YAML (line 4: Missing closing "quote)',
        fix: 'Quote values that contain ": " or start with a quote, [ or {',
        // Where the YAML library notices the quote was never closed: the end of the next line.
        position: { line: 4, column: 22 },
      },
      {
        folder: 'no-description',
        file: '.flue/skills/no-description/SKILL.md',
        problem: 'description is required',
        fix: 'Add description: <what the skill does and when to use it>',
        position: { line: 1 },
      },
      {
        folder: 'no-frontmatter',
        file: '.flue/skills/no-frontmatter/SKILL.md',
        problem: 'has no frontmatter, so it has no description',
        fix: 'Start SKILL.md with a --- line, then name: <folder> and description: <what it does and when to use it>, then ---',
        position: { line: 1 },
      },
      {
        folder: 'unclosed',
        file: '.flue/skills/unclosed/SKILL.md',
        problem: 'its frontmatter has no closing --- line',
        fix: 'End the frontmatter with a line containing only ---',
        position: { line: 1 },
      },
    ]);
  });

  it('reads an unquoted "Use when: ..." description line by line, with a warning', async () => {
    const workspace = await makeWorkspace();
    await copySkills(workspace, '.flue/skills', ['skills-malformed/colon-description']);
    const catalog = await findSkills(workspace);
    expect(catalog.skills).toEqual([
      {
        name: 'colon-description',
        description: 'Triage helper. Use when: a new issue arrives and needs labels',
        file: '.flue/skills/colon-description/SKILL.md',
        dir: path.join(workspace, '.flue/skills/colon-description'),
      },
    ]);
    expect(catalog.warnings.map((warning) => warning.message)).toEqual([
      'frontmatter is not valid YAML (line 3: Nested mappings are not allowed in compact mappings); read name and description line by line, other fields ignored. Quote values that contain ": "',
    ]);
  });
});

describe('discovery', () => {
  it('looks in .flue, .agents, .claude in that order; the first of a name wins', async () => {
    const skill = (description: string): string => `---\nname: triage\ndescription: ${description}\n---\nBody\n`;
    const workspace = await makeWorkspace({
      '.claude/skills/triage/SKILL.md': skill('from claude'),
      '.agents/skills/triage/SKILL.md': skill('from agents'),
      '.flue/skills/triage/SKILL.md': skill('from flue'),
      '.flue/skills/empty-folder/README.md': 'not a skill',
      '.flue/skills/stray-file.md': 'not a skill either',
    });
    const catalog = await findSkills(workspace);
    expect(catalog.skills.map((entry) => entry.description)).toEqual(['from flue']);
    expect(catalog.warnings.map((warning) => `${warning.file}: ${warning.message}`)).toEqual([
      '.agents/skills/triage/SKILL.md: skill "triage" is also defined by .flue/skills/triage/SKILL.md, which wins; this one is ignored',
      '.claude/skills/triage/SKILL.md: skill "triage" is also defined by .flue/skills/triage/SKILL.md, which wins; this one is ignored',
    ]);
  });

  it('finds nothing, without error, when no skill folder exists', async () => {
    expect(await findSkills(await makeWorkspace())).toEqual({ skills: [], skipped: [], warnings: [], hashes: {} });
  });

  it('caps the resource list', async () => {
    const files: Record<string, string> = { '.flue/skills/big/SKILL.md': '---\ndescription: Big\n---\nBody' };
    for (let index = 0; index < 105; index++) files[`.flue/skills/big/data/${String(index).padStart(3, '0')}.txt`] = 'x';
    files['.flue/skills/big/.hidden'] = 'skipped';
    const workspace = await makeWorkspace(files);
    await writeFiles(workspace, { '.flue/skills/big/node_modules/x.js': 'skipped' });
    const body = await readSkillBody((await findSkills(workspace)).skills[0]!);
    expect(body.resources).toHaveLength(100);
    expect(body.resources.at(-1)).toBe('data/099.txt');
    expect(body.truncated).toBe(true);
  });
});

describe('SKILL.md fields', () => {
  const where = { file: '.flue/skills/x/SKILL.md', dir: '/w/.flue/skills/x', folder: 'x' };
  const parse = (frontmatter: string): ReturnType<typeof parseSkill> => parseSkill(`---\n${frontmatter}\n---\nBody`, where);

  it('reads every spec field', () => {
    const parsed = parse(
      'name: x\ndescription: Does x\nlicense: Apache-2.0\ncompatibility: Needs git\nmetadata: { author: me, version: "1.0" }\nallowed-tools: Bash(git add:*) Read',
    );
    expect(parsed).toEqual({
      ok: true,
      skill: {
        file: where.file,
        dir: where.dir,
        name: 'x',
        description: 'Does x',
        license: 'Apache-2.0',
        compatibility: 'Needs git',
        metadata: { author: 'me', version: '1.0' },
        allowedTools: ['Bash(git add:*)', 'Read'],
      },
      warnings: [],
    });
  });

  // Each row: the frontmatter, where its warnings point (line:column of the field; line 1 for a missing one), the warnings.
  it.each([
    ['description: d', '1', 'name is missing; using the folder name "x"'],
    ['name: 7\ndescription: d', '2:7', 'name must be a string, got 7; using the folder name "x"'],
    [
      'name: X_Skill\ndescription: d',
      '2:7',
      'name "X_Skill" breaks the Agent Skills spec (lowercase letters, digits and single hyphens, at most 64 characters)',
      'name "X_Skill" differs from its folder "x"; agents list it as "X_Skill"',
    ],
    [`name: x\ndescription: d\ncompatibility: ${'c'.repeat(501)}`, '4:16', 'compatibility is 501 characters; the Agent Skills spec allows 500'],
    ['name: x\ndescription: d\nlicense: 3', '4:10', 'license should be a string, got 3'],
    ['name: x\ndescription: d\nmetadata: [a]', '4:11', 'metadata must be a mapping, got a list; it is ignored'],
    [
      'name: x\ndescription: d\nallowed-tools: { a: 1 }',
      '4:16',
      'allowed-tools must be a space-separated string or a list of strings, got a mapping; it is ignored',
    ],
    [
      'name: x\ndescription: d\ntags: [a]\nauthor: b',
      '4:1',
      `unknown fields "tags", "author" are ignored (the Agent Skills spec defines ${SPEC_FIELDS})`,
    ],
  ])('%s', (frontmatter, place, ...warnings) => {
    const parsed = parse(frontmatter);
    const [line, column] = place.split(':').map(Number);
    const position = column === undefined ? { line } : { line, column };
    expect(parsed.ok && parsed.warnings).toEqual(warnings.map((message) => ({ file: where.file, message, position })));
  });

  it('refuses a description that is not text', () => {
    expect(parse('name: x\ndescription: [a, b]')).toEqual({
      ok: false,
      problem: 'description must be a non-empty string, got a list',
      fix: 'Add description: <what the skill does and when to use it>',
      position: { line: 3, column: 14 },
    });
    expect(parse('- a')).toMatchObject({ ok: false, problem: 'frontmatter must be a mapping of fields, got a list' });
  });
});
