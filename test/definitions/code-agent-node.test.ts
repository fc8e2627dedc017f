import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAgentSupport, currentRuntime, defaultModuleUrls, loadAgent } from '../../src/definitions/index.js';
import { FIXTURES, makeWorkspace, rejection, removeWorkspaces } from './workspace.js';

afterAll(removeWorkspaces);

const node20 = { version: '20.20.2', hasRegisterHooks: false, typescript: undefined };
const node22 = { version: '22.16.0', hasRegisterHooks: true, typescript: false as const };
const node24 = { version: '24.11.0', hasRegisterHooks: true, typescript: 'strip' };

describe('which Node can load a code agent', () => {
  it('needs registerHooks for any code agent, and type stripping for TypeScript', () => {
    expect(codeAgentSupport('.flue/agents/review.ts', node20)).toEqual({
      problem: 'TypeScript agents need Node >= 22.18 (this is Node 20.20.2)',
      fix: 'Use Node 24 (actions/setup-node), or write the agent as .md',
    });
    expect(codeAgentSupport('.flue/agents/review.mjs', node20)).toEqual({
      problem: 'code agents (.ts, .mts, .js, .mjs) need Node >= 22.18 (this is Node 20.20.2)',
      fix: 'Use Node 24 (actions/setup-node), or write the agent as .md',
    });
    expect(codeAgentSupport('.flue/agents/review.mts', node22)).toEqual({
      problem: 'TypeScript agents need Node >= 22.18 (this is Node 22.16.0)',
      fix: 'Use Node 24 (actions/setup-node), or write the agent as .md or .mjs',
    });
    expect(codeAgentSupport('.flue/agents/review.mjs', node22)).toBeUndefined();
    expect(codeAgentSupport('.flue/agents/review.ts', node24)).toBeUndefined();
  });

  it('resolves the bundled lib.js and valibot.js beside the running bundle', () => {
    expect(defaultModuleUrls('file:///opt/flue/dist/cli.js')).toEqual({
      'flue-action': 'file:///opt/flue/dist/lib.js',
      valibot: 'file:///opt/flue/dist/valibot.js',
    });
  });
});

const REVIEW_TS = `import { defineAgent, defineTool } from 'flue-action';
import * as v from 'valibot';

interface Finding { severity: 'low' | 'high' }

const countWords = defineTool({
  name: 'count_words',
  description: 'Count words',
  input: v.object({ text: v.string() }),
  run: async ({ text }: { text: string }) => ({ words: text.split(/\\s+/).length }),
});

export default defineAgent({
  description: 'Review with types',
  instructions: 'Review the change.',
  tools: ['read', countWords],
  result: v.object({ severity: v.picklist(['low', 'high']) }),
  run: async (ctx): Promise<Finding> => ({ severity: (await ctx.prompt('rate it')).split(' ')[0] as Finding['severity'] }),
});
`;
const PLAIN_MJS = `import { defineAgent } from 'flue-action';\nexport default defineAgent({ description: 'Plain JS', limits: { maxTurns: 4 } });\n`;
const ENUM_TS = `enum Level { Low }\nexport default { description: String(Level.Low) };\n`;
// An agent with helper modules of its own: they are part of its definition, so their hashes are logged.
const LOCAL_TS = `import { defineAgent } from 'flue-action';\nimport path from 'node:path';\nimport { words } from '../lib/words.ts';\nexport default defineAgent({ description: words('local helpers') + path.sep });\n`;
const WORDS_TS = `import { count } from '../../shared/count.mjs';\nexport const words = (text: string): string => \`\${text} (\${count(text)})\`;\n`;
const COUNT_MJS = `export const count = (text) => text.split(' ').length;\n`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const unsupported = codeAgentSupport('agent.ts', currentRuntime());

describe.skipIf(unsupported === undefined)(`code agents on this Node (${process.versions.node})`, () => {
  it('are refused with one line naming the file', async () => {
    const workspace = await makeWorkspace({ '.flue/agents/review.ts': REVIEW_TS, '.flue/agents/plain.mjs': PLAIN_MJS });
    expect(await rejection(loadAgent(workspace, 'review'))).toBe(`.flue/agents/review.ts: ${unsupported?.problem}. ${unsupported?.fix}`);
    const plain = codeAgentSupport('plain.mjs', currentRuntime());
    expect(await rejection(loadAgent(workspace, 'plain'))).toBe(`.flue/agents/plain.mjs: ${plain?.problem}. ${plain?.fix}`);
  });
});

/** One child process for every case: it pays for the TypeScript compiler once (about a second). */
async function runHarness(workspace: string, operations: unknown[][]): Promise<unknown[]> {
  const args = [`${FIXTURES}load-agent-harness.mjs`, workspace, JSON.stringify(operations)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 20_000 });
  return JSON.parse(stdout) as unknown[];
}

describe.runIf(unsupported === undefined)('code agents through Node’s own loader (child process)', () => {
  let results: unknown[] = [];
  beforeAll(async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/review.ts': REVIEW_TS,
      '.flue/agents/plain.mjs': PLAIN_MJS,
      '.flue/agents/enum.ts': ENUM_TS,
      '.flue/agents/triage.md': '---\ndescription: T\n---\nGo.',
      '.flue/agents/local.ts': LOCAL_TS,
      '.flue/lib/words.ts': WORDS_TS,
      'shared/count.mjs': COUNT_MJS,
    });
    results = await runHarness(workspace, [['load', 'review', { text: 'one two three' }], ['load', 'plain'], ['load', 'enum'], ['list'], ['check']]);
  });

  it('loads a .ts agent with zero install: flue-action and valibot resolve to the runner’s copies', () => {
    expect(results[0]).toMatchObject({
      spec: {
        name: 'review',
        file: '.flue/agents/review.ts',
        format: 'typescript',
        description: 'Review with types',
        instructions: 'Review the change.',
        tools: ['read'],
        customTools: [
          {
            name: 'count_words',
            description: 'Count words',
            inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
          },
        ],
        files: { '.flue/agents/review.ts': expect.stringMatching(/^[0-9a-f]{64}$/) as unknown },
      },
      toolResult: { content: '{"words":3}' },
      runResult: { severity: 'high' },
      validation: {
        ok: false,
        message: 'The result does not match the schema:\n- severity: Invalid type: Expected ("low" | "high") but received "mid"',
      },
    });
  });

  it('loads a .mjs agent, and explains TypeScript that Node cannot strip', () => {
    expect(results[1]).toMatchObject({ spec: { description: 'Plain JS', limits: { maxTurns: 4 } } });
    expect(results[2]).toEqual({
      error: expect.stringMatching(
        /^\.flue\/agents\/enum\.ts:1: cannot be loaded: .*enum.*\. Node only strips types: replace enums, namespaces and constructor parameter properties with plain code$/,
      ) as unknown,
    });
  });

  it('lists and checks code agents next to markdown ones', () => {
    expect(results[3]).toEqual([
      {
        name: 'enum',
        file: '.flue/agents/enum.ts',
        error: expect.stringMatching(/^\.flue\/agents\/enum\.ts:1: cannot be loaded: /) as unknown,
      },
      { name: 'local', file: '.flue/agents/local.ts', description: 'local helpers (2)/' },
      { name: 'plain', file: '.flue/agents/plain.mjs', description: 'Plain JS' },
      { name: 'review', file: '.flue/agents/review.ts', description: 'Review with types' },
      { name: 'triage', file: '.flue/agents/triage.md', description: 'T' },
    ]);
    // Node names the line of the syntax it cannot strip.
    expect(results[4]).toMatchObject({ ok: false, problems: [{ file: '.flue/agents/enum.ts', line: 1, severity: 'error' }] });
  });
});

describe.runIf(unsupported === undefined)('the files a code agent is built from (child process)', () => {
  it('are the agent and every module of the repository it imports, with the hash of what Node loaded', async () => {
    const workspace = await makeWorkspace({
      '.flue/agents/local.ts': LOCAL_TS,
      '.flue/lib/words.ts': WORDS_TS,
      'shared/count.mjs': COUNT_MJS,
    });
    // Twice: the second load meets cached modules, and must still name them.
    const [first, second] = (await runHarness(workspace, [
      ['load', 'local'],
      ['load', 'local'],
    ])) as Array<{ spec: { files: unknown } }>;
    const files = {
      '.flue/agents/local.ts': sha256(LOCAL_TS),
      '.flue/lib/words.ts': sha256(WORDS_TS),
      'shared/count.mjs': sha256(COUNT_MJS),
    };
    expect(first?.spec.files).toEqual(files);
    expect(second?.spec.files).toEqual(files);
  });
});
