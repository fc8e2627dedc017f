import { describe, expect, it } from 'vitest';
import { parseMarkdownAgent } from '../../src/definitions/markdown-agent.js';
import { FrontmatterPositions } from '../../src/definitions/positions.js';
import { thrown } from './workspace.js';

const FILE = '.flue/agents/triage.md';
const agent = (frontmatter: string, body = 'Triage the issue.'): ReturnType<typeof parseMarkdownAgent> =>
  parseMarkdownAgent(FILE, `---\n${frontmatter}\n---\n${body}\n`);

describe('markdown agent: structure', () => {
  it('applies every default when only the description is given', () => {
    const draft = agent('description: Label new issues');
    expect(draft).toEqual({
      format: 'markdown',
      description: 'Label new issues',
      model: 'claude-sonnet-4-6',
      instructions: 'Triage the issue.',
      tools: ['read', 'grep', 'glob'],
      commands: [],
      network: { allow: [] },
      subagents: [],
      outputs: {},
      limits: { maxTurns: 30, maxCostUsd: 2, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60 },
      customTools: [],
      warnings: [],
      errors: [],
      positions: expect.any(FrontmatterPositions),
    });
  });

  it('reads the example agent of DESIGN.md §1', () => {
    const draft = agent(
      [
        'description: Label and answer new issues',
        'model: anthropic/claude-sonnet-4-6',
        'role: analyst',
        'skills: [triage]',
        'tools: [read, grep, glob, bash]',
        'commands: [npm test]',
        'network: { allow: ["https://api.example.com/v1/"] }',
        'subagents: [researcher]',
        'outputs:',
        '  add_comment: { max: 1 }',
        '  add_labels: { allowed: [bug, enhancement, question, "area/*"], max: 3 }',
        'result:',
        '  type: object',
        '  properties: { severity: { enum: [low, medium, high] } }',
        '  required: [severity]',
        'limits: { max-turns: 30, max-cost-usd: 1.50, timeout-minutes: 10 }',
      ].join('\n'),
      'You triage issues for this repository.',
    );
    const { result, ...rest } = draft;
    expect(rest).toEqual({
      format: 'markdown',
      description: 'Label and answer new issues',
      model: 'claude-sonnet-4-6',
      roleName: 'analyst',
      skillNames: ['triage'],
      instructions: 'You triage issues for this repository.',
      tools: ['read', 'bash', 'grep', 'glob'],
      commands: ['npm test'],
      network: { allow: ['https://api.example.com/v1/'] },
      subagents: ['researcher'],
      outputs: {
        add_comment: { max: 1 },
        add_labels: { allowed: ['bug', 'enhancement', 'question', 'area/*'], max: 3 },
      },
      limits: { maxTurns: 30, maxCostUsd: 1.5, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60 },
      customTools: [],
      warnings: [],
      errors: [],
      positions: expect.any(FrontmatterPositions),
    });
    expect(result?.jsonSchema).toEqual({
      type: 'object',
      properties: { severity: { enum: ['low', 'medium', 'high'] } },
      required: ['severity'],
    });
  });

  it('reads files with a BOM and CRLF line endings like any other', () => {
    const draft = parseMarkdownAgent(FILE, '\uFEFF---\r\ndescription: Windows agent\r\ntools: [read]\r\n---\r\nLine one.\r\nLine two.\r\n');
    expect([draft.description, draft.tools, draft.instructions]).toEqual(['Windows agent', ['read'], 'Line one.\nLine two.']);
  });

  it('warns about unknown fields, naming the nearest known field', () => {
    const draft = agent('description: x\ntool: [read]\nmaxTurns: 3\nauthor: me');
    expect(draft.warnings).toEqual([
      { file: FILE, position: { line: 3, column: 1 }, message: 'unknown field "tool" is ignored (did you mean "tools"?)' },
      { file: FILE, position: { line: 4, column: 1 }, message: 'unknown field "maxTurns" is ignored (did you mean limits.max-turns?)' },
      {
        file: FILE,
        position: { line: 5, column: 1 },
        message:
          'unknown field "author" is ignored; known fields are "description", "model", "role", "skills", "tools", "commands", "network", "subagents", "outputs", "result", "limits"',
      },
    ]);
    expect(draft.tools).toEqual(['read', 'grep', 'glob']);
  });

  it('warns when there are no instructions', () => {
    expect(agent('description: x', '').warnings).toEqual([
      // At the closing ---: the instructions belong right after it.
      { file: FILE, position: { line: 3 }, message: 'has no instructions after the frontmatter; the model sees only the event' },
    ]);
  });
});

describe('markdown agent: frontmatter errors', () => {
  it('refuses a file without frontmatter', () => {
    expect(thrown(() => parseMarkdownAgent(FILE, 'Just instructions.\n'))).toBe(
      '.flue/agents/triage.md:1: has no frontmatter. Start the file with a --- line, then description: <what the agent does>, then a closing --- line',
    );
  });

  it('refuses frontmatter that is never closed', () => {
    expect(thrown(() => parseMarkdownAgent(FILE, '---\ndescription: x\nBody\n'))).toBe(
      '.flue/agents/triage.md:1: frontmatter: the opening --- has no closing --- line. End the frontmatter with a line containing only ---',
    );
  });

  it('names the file line of a YAML syntax error', () => {
    expect(thrown(() => parseMarkdownAgent(FILE, '---\ndescription: x\ntools: [read, grep\nmodel: claude-opus-4-6\n---\nBody\n'))).toBe(
      '.flue/agents/triage.md:4:1: frontmatter: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. ' +
        'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &',
    );
  });

  it('explains the unquoted colon, the most common YAML mistake', () => {
    expect(thrown(() => agent('description: Triage: label issues'))).toBe(
      '.flue/agents/triage.md:2:14: frontmatter: invalid YAML: Nested mappings are not allowed in compact mappings. ' +
        'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &',
    );
  });

  it('refuses a duplicated key', () => {
    expect(thrown(() => agent('description: a\ndescription: b'))).toBe(
      '.flue/agents/triage.md:3:1: frontmatter: invalid YAML: Map keys must be unique. ' +
        'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &',
    );
  });

  it('refuses frontmatter that is not a mapping', () => {
    expect(thrown(() => agent('- description'))).toBe(
      '.flue/agents/triage.md:2:1: frontmatter: must be a mapping of fields, got a list. Start the file with a --- line, then description: <what the agent does>, then a closing --- line',
    );
  });

  it('treats empty frontmatter as a missing description', () => {
    expect(thrown(() => agent(''))).toBe('.flue/agents/triage.md:1: description: is required. Add a one-line description of what the agent does');
  });
});
