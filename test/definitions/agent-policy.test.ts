import { describe, expect, it } from 'vitest';
import { parseMarkdownAgent } from '../../src/definitions/markdown-agent.js';
import { thrown } from './workspace.js';

const FILE = '.flue/agents/triage.md';
const agent = (frontmatter: string): ReturnType<typeof parseMarkdownAgent> =>
  parseMarkdownAgent(FILE, `---\ndescription: d\n${frontmatter}\n---\nBody\n`);
const errorOf = (frontmatter: string): string => thrown(() => agent(frontmatter));

describe('outputs', () => {
  it('fills in the default max for {}, an empty value and true', () => {
    const yaml = [
      'outputs:',
      '  add_comment: {}',
      '  add_labels: { allowed: [bug] }',
      '  remove_labels: { allowed: [triage], max: 1 }',
      '  submit_review: true',
    ];
    expect(agent(yaml.join('\n')).outputs).toEqual({
      add_comment: { max: 1 },
      add_labels: { allowed: ['bug'], max: 3 },
      remove_labels: { allowed: ['triage'], max: 1 },
      submit_review: { max: 1, events: ['COMMENT'] },
    });
    expect(agent('outputs:\n  add_comment:').outputs).toEqual({ add_comment: { max: 1 } });
  });

  it('leaves out a kind set to false, and reads review events case-insensitively', () => {
    expect(agent('outputs: { add_comment: false, submit_review: { events: [comment, approve, APPROVE] } }').outputs).toEqual({
      submit_review: { max: 1, events: ['COMMENT', 'APPROVE'] },
    });
  });

  it.each([
    ['outputs: [add_comment]', '.flue/agents/triage.md:3:10: outputs: must be a mapping, got a list. Write outputs: { add_comment: { max: 1 } }'],
    [
      'outputs: { add_comments: {} }',
      '.flue/agents/triage.md:3:12: outputs: unknown output "add_comments" (did you mean "add_comment"?). Safe outputs are "add_comment", "add_labels", "remove_labels", "submit_review", "propose_change"',
    ],
    [
      'outputs: { addComment: {} }',
      '.flue/agents/triage.md:3:12: outputs: unknown output "addComment" (did you mean "add_comment"?). Safe outputs are "add_comment", "add_labels", "remove_labels", "submit_review", "propose_change"',
    ],
    [
      'outputs: { add_comment: 2 }',
      '.flue/agents/triage.md:3:25: outputs.add_comment: must be a mapping, got 2. Write add_comment: { max: 1 }, or {} for the defaults',
    ],
    ['outputs: { add_comment: { maximum: 2 } }', '.flue/agents/triage.md:3:27: outputs.add_comment: unknown field "maximum". Known: "max"'],
    [
      'outputs: { add_comment: { max: 0 } }',
      '.flue/agents/triage.md:3:32: outputs.add_comment.max: must be a whole number of at least 1, got 0. Remove it for the default (1)',
    ],
    [
      'outputs: { add_labels: { allowed: [bug], max: 1.5 } }',
      '.flue/agents/triage.md:3:47: outputs.add_labels.max: must be a whole number of at least 1, got 1.5. Remove it for the default (3)',
    ],
    [
      'outputs: { add_labels: {} }',
      '.flue/agents/triage.md:3:24: outputs.add_labels.allowed: is required. List the labels or globs the agent may use, such as [bug, question, "area/*"]',
    ],
    [
      'outputs: { remove_labels: { allowed: [] } }',
      '.flue/agents/triage.md:3:38: outputs.remove_labels.allowed: must list at least one label or glob. List the labels or globs the agent may use, such as [bug, question, "area/*"]',
    ],
    [
      'outputs: { add_labels: { allowed: bug } }',
      '.flue/agents/triage.md:3:35: outputs.add_labels.allowed: must be a list, got "bug". List the labels or globs the agent may use, such as [bug, question, "area/*"]',
    ],
    [
      'outputs: { submit_review: { events: [LGTM] } }',
      '.flue/agents/triage.md:3:38: outputs.submit_review.events[0]: unknown review event "LGTM". Review events are "COMMENT", "REQUEST_CHANGES", "APPROVE"',
    ],
    [
      'outputs: { submit_review: { events: [] } }',
      '.flue/agents/triage.md:3:37: outputs.submit_review.events: must list at least one review event. Review events are "COMMENT", "REQUEST_CHANGES", "APPROVE"',
    ],
  ])('%s', (frontmatter, message) => {
    expect(errorOf(frontmatter)).toBe(message);
  });
});

describe('limits', () => {
  it('overrides only what is given', () => {
    const all =
      'limits: { max-turns: 5, max-cost-usd: 0.25, timeout-minutes: 1.5, max-tokens: 100000, model-retry-minutes: 20, model-idle-seconds: 90 }';
    expect(agent(all).limits).toEqual({
      maxTurns: 5,
      maxCostUsd: 0.25,
      timeoutMinutes: 1.5,
      maxTokens: 100_000,
      modelRetryMinutes: 20,
      modelIdleSeconds: 90,
    });
    expect(agent('limits: { max-turns: 5 }').limits).toEqual({
      maxTurns: 5,
      maxCostUsd: 2,
      timeoutMinutes: 10,
      maxTokens: 2_000_000,
      modelRetryMinutes: 5,
      modelIdleSeconds: 60,
    });
  });

  it.each([
    ['limits: 5', '.flue/agents/triage.md:3:9: limits: must be a mapping, got 5. Write limits: { max-turns: 30, max-cost-usd: 2 }'],
    [
      'limits: { max_turns: 5 }',
      '.flue/agents/triage.md:3:11: limits: unknown limit "max_turns" (did you mean "max-turns"?). Known: "max-turns", "max-cost-usd", "timeout-minutes", "max-tokens", "model-retry-minutes", "model-idle-seconds"',
    ],
    [
      'limits: { budget: 5 }',
      '.flue/agents/triage.md:3:11: limits: unknown limit "budget". Known: "max-turns", "max-cost-usd", "timeout-minutes", "max-tokens", "model-retry-minutes", "model-idle-seconds"',
    ],
    [
      'limits: { max-turns: 0 }',
      '.flue/agents/triage.md:3:22: limits.max-turns: must be a whole number of at least 1, got 0. Remove it for the default (30)',
    ],
    [
      'limits: { max-turns: "10" }',
      '.flue/agents/triage.md:3:22: limits.max-turns: must be a whole number of at least 1, got "10". Remove it for the default (30)',
    ],
    [
      'limits: { max-cost-usd: -1 }',
      '.flue/agents/triage.md:3:25: limits.max-cost-usd: must be a number greater than 0, got -1. Remove it for the default (2)',
    ],
    [
      'limits: { max-cost-usd: .inf }',
      '.flue/agents/triage.md:3:25: limits.max-cost-usd: must be a number greater than 0, got Infinity. Remove it for the default (2)',
    ],
    [
      'limits: { timeout-minutes: 0 }',
      '.flue/agents/triage.md:3:28: limits.timeout-minutes: must be a number greater than 0, got 0. Remove it for the default (10)',
    ],
    [
      'limits: { max-tokens: 1e3.5 }',
      '.flue/agents/triage.md:3:23: limits.max-tokens: must be a whole number of at least 1, got "1e3.5". Remove it for the default (2000000)',
    ],
  ])('%s', (frontmatter, message) => {
    expect(errorOf(frontmatter)).toBe(message);
  });
});

describe('result', () => {
  const severity =
    'result:\n  type: object\n  properties:\n    severity: { enum: [low, high] }\n    labels: { type: array, items: { type: string } }\n  required: [severity]\n  additionalProperties: false';

  it('accepts a valid result and returns it unchanged', () => {
    expect(agent(severity).result?.validate({ severity: 'low', labels: ['bug'] })).toEqual({
      ok: true,
      value: { severity: 'low', labels: ['bug'] },
    });
  });

  it('lists every failing path in one message the model can act on', () => {
    expect(agent(severity).result?.validate({ labels: ['bug', 3], extra: true })).toEqual({
      ok: false,
      message: [
        'The result does not match the schema:',
        '- (root): Instance does not have required property "severity".',
        '- labels[1]: Instance type "number" is invalid. Expected "string".',
        '- (root): Property "extra" does not match additional properties schema.',
      ].join('\n'),
    });
    expect(agent(severity).result?.validate('high')).toEqual({
      ok: false,
      message: 'The result does not match the schema:\n- (root): Instance type "string" is invalid. Expected "object".',
    });
  });

  it('reports one line for an anyOf, not one per branch', () => {
    const result = agent('result: { type: object, properties: { n: { anyOf: [{ type: string }, { type: number }] } } }').result;
    expect(result?.validate({ n: true })).toEqual({
      ok: false,
      message: 'The result does not match the schema:\n- n: Instance does not match any subschemas.',
    });
  });

  it('never throws, even for a schema whose $ref cannot be resolved', () => {
    const result = agent('result: { type: object, properties: { a: { $ref: "#/$defs/missing" } } }').result;
    expect(result?.validate({ a: 1 })).toEqual({
      ok: false,
      message: expect.stringMatching(/^The result cannot be checked: /) as unknown,
    });
  });

  const fix = 'Describe the result as an object, such as { type: object, properties: { summary: { type: string } }, required: [summary] }';
  it.each([
    ['result: [severity]', `.flue/agents/triage.md:3:9: result: must be a JSON Schema mapping, got a list. ${fix}`],
    [
      'result: { type: string }',
      `.flue/agents/triage.md:3:9: result: must describe an object (the finish tool takes an object), got type "string". ${fix}`,
    ],
    [
      'result: { properties: {} }',
      `.flue/agents/triage.md:3:9: result: must describe an object (the finish tool takes an object), got type nothing. ${fix}`,
    ],
  ])('%s', (frontmatter, message) => {
    expect(errorOf(frontmatter)).toBe(message);
  });
});
