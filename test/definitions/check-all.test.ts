// `check` lists every problem of every file in one pass, each at its file:line:column; `run` still stops at
// the first error of its agent, and says where it is.
import { afterEach, describe, expect, it } from 'vitest';
import { isDefinitionError } from '../../src/errors.js';
import { checkDefinitions, loadAgent } from '../../src/definitions/index.js';
import { DefinitionErrors } from '../../src/definitions/problems.js';
import { brokenRepository } from './broken-repository.js';
import { makeWorkspace, rejection, removeWorkspaces } from './workspace.js';

afterEach(removeWorkspaces);

const TOOLS = 'Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"';
const YAML_FIX = 'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &';

describe('checkDefinitions on a repository with every kind of problem', () => {
  it('lists every error and warning of every file at once, each at its line and column, sorted by file and line', async () => {
    expect(await checkDefinitions(await brokenRepository())).toEqual({
      ok: false,
      problems: [
        {
          file: '.claude/skills/bad-yaml/SKILL.md',
          line: 4,
          column: 22,
          severity: 'error',
          message:
            'skipped: frontmatter is not valid YAML (line 4: Missing closing "quote). Quote values that contain ": " or start with a quote, [ or {',
        },
        {
          file: '.claude/skills/tlon-skill/SKILL.md',
          line: 2,
          column: 7,
          severity: 'warning',
          message: 'name "tlon" differs from its folder "tlon-skill"; agents list it as "tlon"',
        },
        {
          file: '.flue/agents/broken-yaml.md',
          line: 4,
          column: 1,
          field: 'frontmatter',
          severity: 'error',
          message: `invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ${YAML_FIX}`,
        },
        {
          file: '.flue/agents/empty.md',
          line: 2,
          column: 14,
          field: 'description',
          severity: 'error',
          message: 'must be a string, got 3. Add a one-line description of what the agent does',
        },
        {
          file: '.flue/agents/empty.md',
          line: 3,
          column: 10,
          field: 'outputs',
          severity: 'error',
          message: 'must be a mapping, got a list. Write outputs: { add_comment: { max: 1 } }',
        },
        // A warning of a file with errors is not held back until they are fixed.
        {
          file: '.flue/agents/empty.md',
          line: 4,
          severity: 'warning',
          message: 'has no instructions after the frontmatter; the model sees only the event',
        },
        {
          file: '.flue/agents/lead.md',
          line: 3,
          column: 7,
          field: 'role',
          severity: 'error',
          message: '.flue/roles/boss.md does not exist. Roles that exist: "analyst"',
        },
        {
          file: '.flue/agents/lead.md',
          line: 4,
          column: 15,
          field: 'skills',
          severity: 'error',
          message: 'no skill named "d3x" in .flue/skills, .agents/skills, .claude/skills (did you mean "d3k"?). Skills that exist: "d3k", "tlon"',
        },
        {
          file: '.flue/agents/lead.md',
          line: 5,
          column: 19,
          field: 'subagents',
          severity: 'error',
          message: 'no agent named "helpr" in .flue/agents/. Agents that exist: "broken-yaml", "empty", "lead", "many"',
        },
        {
          file: '.flue/agents/many.md',
          line: 3,
          column: 8,
          field: 'model',
          severity: 'error',
          message:
            'provider "openai" is not supported (got "openai/gpt-4o"). Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"',
        },
        {
          file: '.flue/agents/many.md',
          line: 4,
          column: 9,
          field: 'tools[0]',
          severity: 'error',
          message: `unknown tool "raed" (did you mean "read"?). ${TOOLS}`,
        },
        { file: '.flue/agents/many.md', line: 4, column: 21, field: 'tools[2]', severity: 'error', message: `unknown tool "fly". ${TOOLS}` },
        { file: '.flue/agents/many.md', line: 5, column: 1, severity: 'warning', message: 'unknown field "tool" is ignored (did you mean "tools"?)' },
        {
          file: '.flue/agents/many.md',
          line: 6,
          column: 22,
          field: 'limits.max-turns',
          severity: 'error',
          message: 'must be a whole number of at least 1, got "10". Remove it for the default (30)',
        },
        {
          file: '.flue/agents/many.md',
          line: 6,
          column: 28,
          field: 'limits',
          severity: 'error',
          message:
            'unknown limit "budget". Known: "max-turns", "max-cost-usd", "timeout-minutes", "max-tokens", "model-retry-minutes", "model-idle-seconds"',
        },
        {
          file: '.flue/agents/many.md',
          line: 8,
          column: 23,
          field: 'outputs.add_comment.max',
          severity: 'error',
          message: 'must be a whole number of at least 1, got 0. Remove it for the default (1)',
        },
        {
          file: '.flue/agents/many.md',
          line: 9,
          column: 26,
          field: 'outputs.add_labels.allowed',
          severity: 'error',
          message: 'must list at least one label or glob. List the labels or globs the agent may use, such as [bug, question, "area/*"]',
        },
        {
          file: '.flue/roles/analyst.md',
          line: 3,
          column: 1,
          severity: 'warning',
          message: 'unknown field "tone" is ignored; a role has only description',
        },
      ],
    });
  });

  it('finds a lone tool typo with its line: an error, not a warning', async () => {
    const workspace = await makeWorkspace({ '.flue/agents/triage.md': '---\ndescription: Label issues\n\ntools: [raed]\n---\nTriage.\n' });
    expect(await checkDefinitions(workspace)).toEqual({
      ok: false,
      problems: [
        {
          file: '.flue/agents/triage.md',
          line: 4,
          column: 9,
          field: 'tools[0]',
          severity: 'error',
          message: `unknown tool "raed" (did you mean "read"?). ${TOOLS}`,
        },
      ],
    });
  });

  it('lists every syntax error of a YAML frontmatter, and a missing field at the opening ---', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/twice.md': '---\ndescription: a\ndescription: b\nmodel: c\nmodel: d\n---\nGo.\n',
      '.flue/agents/bare.md': '---\nmodel: claude-opus-4-6\n---\nGo.\n',
    });
    const unique = (line: number) => ({
      file: '.flue/agents/twice.md',
      line,
      column: 1,
      field: 'frontmatter',
      severity: 'error',
      message: `invalid YAML: Map keys must be unique. ${YAML_FIX}`,
    });
    expect(await checkDefinitions(workspace)).toEqual({
      ok: false,
      problems: [
        {
          file: '.flue/agents/bare.md',
          line: 1,
          field: 'description',
          severity: 'error',
          message: 'is required. Add a one-line description of what the agent does',
        },
        unique(3),
        unique(5),
      ],
    });
  });
});

describe('loadAgent (the run path) on the same files', () => {
  it('stops at the first error of the agent it runs, and says where it is', async () => {
    const workspace = await brokenRepository();
    expect(await rejection(loadAgent(workspace, 'many'))).toBe(
      '.flue/agents/many.md:3:8: model: provider "openai" is not supported (got "openai/gpt-4o"). ' +
        'Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"',
    );
    expect(await rejection(loadAgent(workspace, 'lead'))).toBe(
      '.flue/agents/lead.md:3:7: role: .flue/roles/boss.md does not exist. Roles that exist: "analyst"',
    );
  });

  it('throws one DefinitionError that carries the others for whoever wants them all', async () => {
    const error = await loadAgent(await brokenRepository(), 'many').catch((caught: unknown) => caught);
    expect(isDefinitionError(error)).toBe(true);
    expect(error).toBeInstanceOf(DefinitionErrors);
    // In the order the fields are read (DESIGN.md's order); `check` sorts them by line.
    expect((error as DefinitionErrors).errors.map((each) => each.message.split(': ')[0])).toEqual([
      '.flue/agents/many.md:3:8',
      '.flue/agents/many.md:4:9',
      '.flue/agents/many.md:4:21',
      '.flue/agents/many.md:8:23',
      '.flue/agents/many.md:9:26',
      '.flue/agents/many.md:6:28',
      '.flue/agents/many.md:6:22',
    ]);
  });
});

describe('positions in files written on Windows', () => {
  it('are the same with a BOM and CRLF line ends: neither moves a line or a column', async () => {
    const text = '---\ndescription: Label issues\ntools: [read, raed]\nlimits: { max-turn: 3 }\n---\nTriage.\n';
    const unix = await checkDefinitions(await makeWorkspace({ '.flue/agents/triage.md': text }));
    const windows = await checkDefinitions(await makeWorkspace({ '.flue/agents/triage.md': `\uFEFF${text.replaceAll('\n', '\r\n')}` }));
    expect(unix.problems.map(({ line, column, field }) => ({ line, column, field }))).toEqual([
      { line: 3, column: 15, field: 'tools[1]' },
      { line: 4, column: 11, field: 'limits' },
    ]);
    expect(windows).toEqual(unix);
  });
});
