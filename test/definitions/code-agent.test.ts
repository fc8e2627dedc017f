import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseCodeAgent, readCodeAgent } from '../../src/definitions/code-agent.js';
import { importError } from '../../src/definitions/load.js';
import { defineAgent, defineTool } from '../../src/lib/index.js';
import { thrown } from './workspace.js';

const FILE = '.flue/agents/review.ts';
const signal = new AbortController().signal;
const parse = (config: unknown): ReturnType<typeof parseCodeAgent> => parseCodeAgent(FILE, { default: config });

const search = defineTool({
  name: 'search_docs',
  description: 'Search the docs',
  input: v.object({ query: v.pipe(v.string(), v.minLength(2)), limit: v.optional(v.number()) }),
  run: async ({ query }) => ({ hits: [`${query}.md`] }),
});

describe('TS agent', () => {
  it('reads camelCase fields, custom tools, a valibot result and run()', () => {
    const run = async (): Promise<{ severity: 'low' }> => ({ severity: 'low' });
    const draft = parse(
      defineAgent({
        description: 'Review pull requests',
        instructions: '  Review the diff.  ',
        model: 'anthropic/claude-opus-4-6',
        tools: ['read', search, 'write'],
        outputs: { addComment: {}, submitReview: { events: ['COMMENT', 'REQUEST_CHANGES'] } },
        limits: { maxTurns: 12, maxCostUsd: 0.5 },
        result: v.object({ severity: v.picklist(['low', 'high']) }),
        run,
      }),
    );
    expect(draft).toMatchObject({
      format: 'typescript',
      description: 'Review pull requests',
      instructions: 'Review the diff.',
      model: 'claude-opus-4-6',
      tools: ['read', 'write', 'edit'],
      outputs: { add_comment: { max: 1 }, submit_review: { max: 1, events: ['COMMENT', 'REQUEST_CHANGES'] } },
      limits: { maxTurns: 12, maxCostUsd: 0.5, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60 },
      warnings: [],
    });
    expect(draft.run).toBe(run);
    expect(draft.result?.jsonSchema).toEqual({
      type: 'object',
      properties: { severity: { type: 'string', enum: ['low', 'high'] } },
      required: ['severity'],
    });
    expect(draft.customTools.map((tool) => [tool.name, tool.description, tool.inputSchema])).toEqual([
      [
        'search_docs',
        'Search the docs',
        {
          type: 'object',
          properties: { query: { type: 'string', minLength: 2 }, limit: { type: 'number' } },
          required: ['query'],
        },
      ],
    ]);
  });

  it('validates the result with valibot and lists every failing path', () => {
    const result = parse({
      description: 'd',
      result: v.object({ severity: v.picklist(['low', 'high']), labels: v.array(v.string()) }),
    }).result;
    expect(result?.validate({ severity: 'low', labels: [] })).toEqual({
      ok: true,
      value: { severity: 'low', labels: [] },
    });
    expect(result?.validate({ severity: 'mid', labels: ['a', 2] })).toEqual({
      ok: false,
      message: [
        'The result does not match the schema:',
        '- severity: Invalid type: Expected ("low" | "high") but received "mid"',
        '- labels[1]: Invalid type: Expected string but received 2',
      ].join('\n'),
    });
  });

  it('runs a custom tool on validated input, and returns bad input and throws as error results', async () => {
    const failing = defineTool({
      name: 'fail',
      description: 'Fails',
      input: v.object({}),
      run: () => Promise.reject(new Error('backend down')),
    });
    const [ok, bad] = parse({ description: 'd', tools: [search, failing] }).customTools;
    expect(await ok?.execute({ query: 'setup' }, { signal })).toEqual({ content: '{"hits":["setup.md"]}' });
    expect(await ok?.execute({ query: 'x', limit: 'ten' }, { signal })).toEqual({
      content:
        'Invalid input for search_docs:\n- query: Invalid length: Expected >=2 but received 1\n- limit: Invalid type: Expected number but received "ten"',
      isError: true,
    });
    expect(await bad?.execute({}, { signal })).toEqual({ content: 'fail failed: backend down', isError: true });
  });

  it('warns about unknown fields with the nearest known one', () => {
    expect(parse({ description: 'd', instruction: 'x', maxTurns: 3 }).warnings).toEqual([
      { file: FILE, message: 'unknown field "instruction" is ignored (did you mean "instructions"?)' },
      { file: FILE, message: 'unknown field "maxTurns" is ignored (did you mean limits.maxTurns?)' },
    ]);
  });
});

describe('TS agent errors', () => {
  const fix = 'Make it with defineTool({ name, description, input: v.object({...}), run })';
  it.each([
    [{}, '.flue/agents/review.ts: description: is required. Add a one-line description of what the agent does'],
    [{ description: 'd', instructions: 3 }, '.flue/agents/review.ts: instructions: must be a string, got 3. Write the instructions as one string'],
    [{ description: 'd', run: 'go' }, '.flue/agents/review.ts: run: must be a function, got "go". Write run: async (ctx) => { ... }'],
    [
      { description: 'd', limits: { max_turns: 3 } },
      '.flue/agents/review.ts: limits: unknown limit "max_turns" (did you mean "maxTurns"?). Known: "maxTurns", "maxCostUsd", "timeoutMinutes", "maxTokens", "modelRetryMinutes", "modelIdleSeconds"',
    ],
    [
      { description: 'd', outputs: { add_comment: {} } },
      '.flue/agents/review.ts: outputs: unknown output "add_comment" (did you mean "addComment"?). Safe outputs are "addComment", "addLabels", "removeLabels", "submitReview", "proposeChange"',
    ],
    [
      { description: 'd', tools: ['add_labels'] },
      '.flue/agents/review.ts: tools[0]: "add_labels" is a safe output, not a sandbox tool. Declare it under outputs instead, such as outputs: { addLabels: { max: 1 } }',
    ],
    [
      { description: 'd', result: v.string() },
      '.flue/agents/review.ts: result: must describe an object (the finish tool takes an object), got type "string". Describe the result as an object, such as v.object({ summary: v.string() })',
    ],
    [
      { description: 'd', result: 'severity' },
      '.flue/agents/review.ts: result: must be a valibot schema, got "severity". Describe the result as an object, such as v.object({ summary: v.string() })',
    ],
    [{ description: 'd', tools: [3] }, `.flue/agents/review.ts: tools[0]: must be a tool name or a custom tool, got 3. ${fix}`],
    [
      { description: 'd', tools: [{ ...search, name: 'search docs' }] },
      `.flue/agents/review.ts: tools[0].name: must be 1-64 letters, digits, "_" or "-", got "search docs". ${fix}`,
    ],
    [
      { description: 'd', tools: [{ ...search, name: 'bash' }] },
      '.flue/agents/review.ts: tools[0].name: "bash" is the name of a built-in tool. Choose another name',
    ],
    [
      { description: 'd', tools: [{ ...search, description: '' }] },
      `.flue/agents/review.ts: tools[0].description: must be a non-empty string, got "". ${fix}`,
    ],
    [
      { description: 'd', tools: [{ ...search, input: { query: 'string' } }] },
      `.flue/agents/review.ts: tools[0].input: must be a valibot schema, got a mapping. ${fix}`,
    ],
    [
      { description: 'd', tools: [{ ...search, input: v.string() }] },
      '.flue/agents/review.ts: tools[0].input: must be an object schema (tool input is an object), got type "string". Use v.object({...})',
    ],
    [{ description: 'd', tools: [{ ...search, run: undefined }] }, `.flue/agents/review.ts: tools[0].run: must be a function, got nothing. ${fix}`],
    [
      { description: 'd', tools: ['read', search, search] },
      '.flue/agents/review.ts: tools[2].name: "search_docs" is defined twice. Give each custom tool its own name',
    ],
  ])('%j', (config, message) => {
    expect(thrown(() => parse(config))).toBe(message);
  });

  it('explains a missing or wrong default export', () => {
    const fix = 'End the file with export default defineAgent({ description: "...", instructions: "..." })';
    expect(thrown(() => parseCodeAgent(FILE, { agent: {} }))).toBe(`.flue/agents/review.ts: has no default export. ${fix}`);
    expect(thrown(() => parse([]))).toBe(`.flue/agents/review.ts: default export: must be an agent definition, got a list. ${fix}`);
  });

  it('turns a failed import into one line with the likely fix', () => {
    const notFound = Object.assign(new Error("Cannot find package 'zod' imported from /w/.flue/agents/review.ts\nstack"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(importError(FILE, notFound).message).toBe(
      `.flue/agents/review.ts: cannot be loaded: Cannot find package 'zod' imported from /w/.flue/agents/review.ts. An agent can import only "flue-action", "valibot", node: built-ins and its own relative files`,
    );
    const syntax = Object.assign(new Error('TypeScript enum is not supported in strip-only mode'), {
      code: 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
    });
    expect(importError(FILE, syntax).message).toBe(
      '.flue/agents/review.ts: cannot be loaded: TypeScript enum is not supported in strip-only mode. Node only strips types: replace enums, namespaces and constructor parameter properties with plain code',
    );
    const syntaxError = Object.assign(new SyntaxError("Expected ',', got ';'"), {
      code: 'ERR_INVALID_TYPESCRIPT_SYNTAX',
    });
    syntaxError.stack = "/w/.flue/agents/review.ts:7\nexport default defineAgent({ description: 'x' ;\n";
    expect(importError(FILE, syntaxError).message).toBe(
      ".flue/agents/review.ts:7: cannot be loaded: Expected ',', got ';'. Fix the error, then run flue-action check",
    );
    expect(importError(FILE, 'thrown string').message).toBe(
      '.flue/agents/review.ts: cannot be loaded: thrown string. Fix the error, then run flue-action check',
    );
  });
});

describe('TS agent errors, all at once', () => {
  it('keeps every bad field of a TS agent, each named by its field (a module has no line to point at)', () => {
    const draft = readCodeAgent(FILE, { default: { model: 'gpt-4o', tools: ['raed', 'grpe'], instructions: 3, run: 'go' } });
    expect(draft.errors.map((error) => error.message)).toEqual([
      '.flue/agents/review.ts: description: is required. Add a one-line description of what the agent does',
      '.flue/agents/review.ts: model: "gpt-4o" is not an Anthropic model id. Use an Anthropic model, such as "claude-sonnet-4-6" or "anthropic/claude-sonnet-4-6"',
      '.flue/agents/review.ts: tools[0]: unknown tool "raed" (did you mean "read"?). Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"',
      '.flue/agents/review.ts: tools[1]: unknown tool "grpe" (did you mean "grep"?). Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"',
      '.flue/agents/review.ts: instructions: must be a string, got 3. Write the instructions as one string',
      '.flue/agents/review.ts: run: must be a function, got "go". Write run: async (ctx) => { ... }',
    ]);
    // The run path still stops at the first.
    expect(thrown(() => parse({ model: 'gpt-4o', tools: ['raed'] }))).toBe(
      '.flue/agents/review.ts: description: is required. Add a one-line description of what the agent does',
    );
  });
});
