// A TypeScript agent with zero install, through the built CLI: `flue-action` and `valibot` resolve to
// dist/lib.js and dist/valibot.js, the repository has no node_modules. CI runs this on Node 20 and 24.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as valibot from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import { cleanEnv, DIST_CLI, makeTempDir, onlyLog, removeTempDirs, requireBuiltCli, runBuiltCli } from './helpers.js';

const COUNT_TS = `import { defineAgent, defineTool } from 'flue-action';
import * as v from 'valibot';

interface Count { words: number }

const countWords = defineTool({
  name: 'count_words',
  description: 'Count the words of a text',
  input: v.object({ text: v.string() }),
  run: async ({ text }: { text: string }): Promise<Count> => ({ words: text.trim().split(/\\s+/).length }),
});

export default defineAgent({
  description: 'Counts words',
  instructions: 'Count the words with count_words, then finish.',
  tools: ['read', countWords],
  result: v.object({ words: v.pipe(v.number(), v.integer()) }),
});
`;

const SCRIPT = [
  '{"content": [{"type": "tool_use", "name": "count_words", "input": {"text": "one two three"}}]}',
  '{"content": [{"type": "tool_use", "name": "finish", "input": {"words": 3}}]}',
].join('\n');

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
/** Node strips types and has module.registerHooks from 22.18 on. */
const stripsTypes = major > 22 || (major === 22 && minor >= 18);

let repo: string;
let logs: string;
const env = cleanEnv(); // no ANTHROPIC_API_KEY: the run uses --scripted-model
beforeAll(async () => {
  requireBuiltCli();
  repo = await makeTempDir({ '.flue/agents/count.ts': COUNT_TS, 'script.jsonl': SCRIPT });
  logs = await makeTempDir();
});
afterAll(removeTempDirs);

const run = () => runBuiltCli(['run', 'count', '--cwd', repo, '--scripted-model', 'script.jsonl', '--log-dir', logs], { env, cwd: repo });

describe.runIf(stripsTypes)(`a .ts agent on Node ${process.versions.node}`, () => {
  it('passes check', async () => {
    expect(await runBuiltCli(['check', '--cwd', repo], { env })).toEqual({
      code: 0,
      stdout: 'ok: 0 error(s), 0 warning(s)\n',
      stderr: '',
    });
  });

  it('loads from a repository whose package.json has no "type" without Node\'s warning about it', async () => {
    // Most repositories' package.json say no "type"; Node would guess the agent's format and warn on stderr each run.
    const typeless = await makeTempDir({ 'package.json': '{ "name": "app", "private": true }\n', '.flue/agents/count.ts': COUNT_TS });
    expect(await runBuiltCli(['check', '--cwd', typeless], { env })).toEqual({
      code: 0,
      stdout: 'ok: 0 error(s), 0 warning(s)\n',
      stderr: '',
    });
  });

  it('runs its custom tool and finishes with a result its valibot schema accepts', async () => {
    const result = await run();
    expect(result.stderr).toContain('→ count_words one two three\n← count_words ');
    expect(result).toMatchObject({ code: 0, stdout: '{\n  "words": 3\n}\n' });
    const events = readSessionLog(onlyLog(logs)).events;
    expect(events.find((event) => event.type === 'tool_result' && event.name === 'count_words')).toMatchObject({
      isError: false,
      content: '{"words":3}',
    });
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded', result: { words: 3 } });
  });
});

describe.skipIf(stripsTypes)(`a .ts agent on Node ${process.versions.node}`, () => {
  const problem = `TypeScript agents need Node >= 22.18 (this is Node ${process.versions.node}). Use Node 24 (actions/setup-node), or write the agent as .md`;
  const message = `.flue/agents/count.ts: ${problem}`;

  it('check reports the file and the Node it needs', async () => {
    expect(await runBuiltCli(['check', '--cwd', repo], { env })).toEqual({
      code: 2,
      stdout: `.flue/agents/count.ts: error: ${problem}\nfailed: 1 error(s), 0 warning(s)\n`,
      stderr: '',
    });
  });

  it('run refuses it in one line, exit 2', async () => {
    expect(await run()).toEqual({ code: 2, stdout: '', stderr: `flue-action: ${message}\n` });
  });
});

describe('dist/valibot.js', () => {
  it('exports every name valibot exports, reserved words (enum, function, null, void) included', async () => {
    const script = 'const v = await import(process.argv[1]); console.log(JSON.stringify(Object.keys(v)));';
    const url = pathToFileURL(path.join(path.dirname(DIST_CLI), 'valibot.js')).href;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, url]);
    const names = (JSON.parse(stdout) as string[]).sort();
    expect(names).toEqual(Object.keys(valibot).sort());
    expect(names).toEqual(expect.arrayContaining(['enum', 'function', 'null', 'void']));
  });

  it('is loaded from beside the CLI that runs, not from the user’s repository', () => {
    expect(readFileSync(path.join(path.dirname(DIST_CLI), 'lib.js'), 'utf8')).toContain("import { core } from './core.js';");
  });
});
