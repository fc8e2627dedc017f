import { describe, expect, it } from 'vitest';
import { parseMarkdownAgent } from '../../src/definitions/markdown-agent.js';
import { thrown } from './workspace.js';

const FILE = '.flue/agents/triage.md';
const agent = (frontmatter: string): ReturnType<typeof parseMarkdownAgent> => parseMarkdownAgent(FILE, `---\n${frontmatter}\n---\nBody\n`);
/** The error of an agent with a valid description plus `field`. */
const errorOf = (field: string): string => thrown(() => agent(`description: d\n${field}`));

describe('description', () => {
  it.each([
    ['model: claude-opus-4-6', '.flue/agents/triage.md:1: description: is required. Add a one-line description of what the agent does'],
    ['description: 3', '.flue/agents/triage.md:2:14: description: must be a string, got 3. Add a one-line description of what the agent does'],
    ['description: "  "', '.flue/agents/triage.md:2:14: description: must not be empty. Add a one-line description of what the agent does'],
  ])('%s', (frontmatter, message) => {
    expect(thrown(() => agent(frontmatter))).toBe(message);
  });
});

describe('model', () => {
  it.each([
    ['anthropic/claude-opus-4-6', 'claude-opus-4-6'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5-20251001'],
    ['Anthropic/claude-sonnet-4-6', 'claude-sonnet-4-6'],
  ])('accepts %s', (given, model) => {
    expect(agent(`description: d\nmodel: ${given}`).model).toBe(model);
  });

  const fix = 'Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"';
  it.each([
    ['openai/gpt-4o', `.flue/agents/triage.md:3:8: model: provider "openai" is not supported (got "openai/gpt-4o"). ${fix}`],
    ['gpt-4o', `.flue/agents/triage.md:3:8: model: "gpt-4o" is not an Anthropic model id. ${fix}`],
    ['anthropic/sonnet', `.flue/agents/triage.md:3:8: model: "anthropic/sonnet" is not an Anthropic model id. ${fix}`],
    ['4', `.flue/agents/triage.md:3:8: model: must be a string, got 4. ${fix}`],
  ])('refuses %s', (given, message) => {
    expect(errorOf(`model: ${given}`)).toBe(message);
  });
});

describe('role, skills, commands, subagents', () => {
  it('refuses a role that is a path', () => {
    expect(errorOf('role: ../secrets')).toBe(
      '.flue/agents/triage.md:3:7: role: must be a name (letters, digits, ".", "_", "-"), got "../secrets". Name a file in .flue/roles/ without its .md extension',
    );
  });

  it('quotes a long value cut to 60 characters, never inside an emoji (JSON would spell half of one as \\ud83d)', () => {
    expect(errorOf(`role: ${'x'.repeat(56)}\u{1F600}tail`)).toBe(
      `.flue/agents/triage.md:3:7: role: must be a name (letters, digits, ".", "_", "-"), got "${'x'.repeat(56)}...". Name a file in .flue/roles/ without its .md extension`,
    );
  });

  it('refuses skills written as a single string', () => {
    expect(errorOf('skills: triage')).toBe('.flue/agents/triage.md:3:9: skills: must be a list, got "triage". List skill names, such as [triage]');
  });

  it('names the list item that is wrong', () => {
    expect(errorOf('skills: [triage, 3]')).toBe('.flue/agents/triage.md:3:18: skills[1]: must be a string, got 3. List skill names, such as [triage]');
    expect(errorOf('commands: ["npm test", ""]')).toBe(
      '.flue/agents/triage.md:3:24: commands[1]: must not be empty. List commands, such as ["npm test", "git diff {args}"]',
    );
    expect(errorOf('subagents: [a/b]')).toBe(
      '.flue/agents/triage.md:3:13: subagents[0]: must be a name (letters, digits, ".", "_", "-"), got "a/b". Use the agent file name without its extension',
    );
  });

  it('keeps an explicit empty skills list (no skills) apart from an absent one (all skills)', () => {
    expect(agent('description: d\nskills: []').skillNames).toEqual([]);
    expect(agent('description: d').skillNames).toBeUndefined();
  });

  it('removes repeated names', () => {
    expect(agent('description: d\ncommands: [npm test, npm test, make]').commands).toEqual(['npm test', 'make']);
  });
});

describe('tools', () => {
  it('orders tools canonically, and write brings edit', () => {
    expect(agent('description: d\ntools: [glob, write, read]').tools).toEqual(['read', 'write', 'edit', 'glob']);
    expect(agent('description: d\ntools: []').tools).toEqual([]);
  });

  const list = 'Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"';
  it.each([
    ['tools: read', `.flue/agents/triage.md:3:8: tools: must be a list, got "read". ${list}; write tools: [read, grep]`],
    ['tools: [read, grpe]', `.flue/agents/triage.md:3:15: tools[1]: unknown tool "grpe" (did you mean "grep"?). ${list}`],
    ['tools: [web_fetch]', `.flue/agents/triage.md:3:9: tools[0]: unknown tool "web_fetch". ${list}`],
    ['tools: [1]', `.flue/agents/triage.md:3:9: tools[0]: must be a string, got 1. ${list}`],
    [
      'tools: [read, add_comment]',
      '.flue/agents/triage.md:3:15: tools[1]: "add_comment" is a safe output, not a sandbox tool. Declare it under outputs instead, such as outputs: { add_comment: { max: 1 } }',
    ],
    [
      'tools: [task]',
      '.flue/agents/triage.md:3:9: tools[0]: "task" is not a sandbox tool: the runner adds it when the agent declares subagents. Remove it from tools',
    ],
    [
      'tools: [finish]',
      '.flue/agents/triage.md:3:9: tools[0]: "finish" is not a sandbox tool: the runner adds it when the agent declares a result. Remove it from tools',
    ],
    [
      'tools: [activate_skill]',
      '.flue/agents/triage.md:3:9: tools[0]: "activate_skill" is not a sandbox tool: the runner adds it when skills are found. Remove it from tools',
    ],
    ['tools: [constructor]', `.flue/agents/triage.md:3:9: tools[0]: unknown tool "constructor". ${list}`],
  ])('%s', (field, message) => {
    expect(errorOf(field)).toBe(message);
  });
});

describe('network', () => {
  it('reads URL prefixes; empty forms mean no network', () => {
    expect(agent('description: d\nnetwork: { allow: ["https://api.example.com/v1/", "http://127.0.0.1:8080/"] }').network).toEqual({
      allow: ['https://api.example.com/v1/', 'http://127.0.0.1:8080/'],
    });
    expect(agent('description: d\nnetwork:').network).toEqual({ allow: [] });
    expect(agent('description: d\nnetwork: {}').network).toEqual({ allow: [] });
  });

  it.each([
    [
      'network: [https://x.dev/]',
      '.flue/agents/triage.md:3:10: network: must be a mapping, got a list. Write network: { allow: ["https://api.example.com/v1/"] }',
    ],
    ['network: { allowed: [] }', '.flue/agents/triage.md:3:12: network: unknown field "allowed" (did you mean "allow"?). Known: "allow"'],
    [
      'network: { allow: [api.example.com] }',
      '.flue/agents/triage.md:3:20: network.allow[0]: "api.example.com" is not an http(s) URL. Write a full URL prefix, such as "https://api.example.com/v1/"',
    ],
    [
      'network: { allow: ["ftp://files.example.com/"] }',
      '.flue/agents/triage.md:3:20: network.allow[0]: "ftp://files.example.com/" is not an http(s) URL. Write a full URL prefix, such as "https://api.example.com/v1/"',
    ],
    [
      'network: { allow: https://x.dev/ }',
      '.flue/agents/triage.md:3:19: network.allow: must be a list, got "https://x.dev/". Write a full URL prefix, such as "https://api.example.com/v1/"',
    ],
  ])('%s', (field, message) => {
    expect(errorOf(field)).toBe(message);
  });
});
