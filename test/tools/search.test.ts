import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import type { ToolDefinition } from '../../src/tools/index.js';
import { globTool, grepTool } from '../../src/tools/search.js';
import { makeWorkspace, sandboxFor } from '../sandbox/workspace.js';
import { call, error, ok } from './harness.js';

let dir: string;
let cleanup: () => Promise<void>;
let grep: ToolDefinition;
let glob: ToolDefinition;

const write = async (file: string, content: string | Buffer) => {
  await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await fs.writeFile(path.join(dir, file), content);
};

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  await write('src/app.ts', 'const token = getToken();\nexport function run() {}\n');
  await write('src/util/strings.ts', 'export const TOKEN = "a.b";\n');
  await write('README.md', 'Run it with token a.b\n');
  await write('node_modules/dep/index.js', 'token\n');
  await write('logo.png', Buffer.from([0x89, 0x50, 0x00, 0x74, 0x6f, 0x6b, 0x65, 0x6e]));
  await fs.symlink('/etc', path.join(dir, 'etc-link'));
  await fs.symlink('README.md', path.join(dir, 'README-link.md'));
  const sandbox = sandboxFor(dir);
  grep = grepTool(sandbox);
  glob = globTool(sandbox);
});
afterEach(() => cleanup());

describe('grep', () => {
  test('matches a regex, skipping .git, node_modules, binary files and links out of the workspace', async () => {
    expect(await call(grep, { pattern: 'token|TOKEN' })).toEqual(
      ok('README-link.md:1: Run it with token a.b\nREADME.md:1: Run it with token a.b\nsrc/app.ts:1: const token = getToken();\nsrc/util/strings.ts:1: export const TOKEN = "a.b";'),
    );
    expect(await call(grep, { pattern: 'extraheader|refs/heads' })).toEqual(ok('No matches.'));
  });

  test('literal text, include globs and a path', async () => {
    expect(await call(grep, { pattern: 'a.b"', literal: true })).toEqual(ok('src/util/strings.ts:1: export const TOKEN = "a.b";'));
    expect(await call(grep, { pattern: 'oken|OKEN', include: '*.ts' })).toEqual(
      ok('src/app.ts:1: const token = getToken();\nsrc/util/strings.ts:1: export const TOKEN = "a.b";'),
    );
    expect(await call(grep, { pattern: 'oken|OKEN', include: 'src/util/**' })).toEqual(ok('src/util/strings.ts:1: export const TOKEN = "a.b";'));
    expect(await call(grep, { pattern: 'export', path: 'src/util' })).toEqual(ok('src/util/strings.ts:1: export const TOKEN = "a.b";'));
    expect(await call(grep, { pattern: 'run', path: 'src/app.ts' })).toEqual(ok('src/app.ts:2: export function run() {}'));
  });

  test('caps matches at LIMITS.grepMatches and long lines at LIMITS.grepLineChars', async () => {
    await write('many.txt', Array.from({ length: LIMITS.grepMatches + 5 }, (_, i) => `hit ${i + 1}`).join('\n'));
    const expected = Array.from({ length: LIMITS.grepMatches }, (_, i) => `many.txt:${i + 1}: hit ${i + 1}`);
    expect(await call(grep, { pattern: '^hit', path: 'many.txt' })).toEqual(
      ok(`${expected.join('\n')}\n[truncated: showing the first ${LIMITS.grepMatches} matches; narrow the pattern, path or include]`),
    );
    await write('min.js', `var needle=1;${'x'.repeat(LIMITS.grepLineChars)}`);
    expect(await call(grep, { pattern: 'needle', path: 'min.js' })).toEqual(
      ok(`min.js:1: ${`var needle=1;${'x'.repeat(LIMITS.grepLineChars)}`.slice(0, LIMITS.grepLineChars)} [line truncated]`),
    );
  });

  test('skips files over LIMITS.grepFileBytes and says so', async () => {
    await write('dump.sql', `needle\n${'-'.repeat(LIMITS.grepFileBytes)}`);
    expect(await call(grep, { pattern: 'needle' })).toEqual(ok(`[skipped 1 files over ${LIMITS.grepFileBytes} bytes: dump.sql]`));
  });

  test('an invalid regex, a missing path and a path outside the workspace are errors', async () => {
    expect(await call(grep, { pattern: 'getToken(' })).toEqual(
      error('Invalid regular expression: /getToken(/: Unterminated group. Fix the pattern, or set literal: true to search for the text as is.'),
    );
    expect(await call(grep, { pattern: 'x', path: 'nope' })).toEqual(error('nope: no such file or directory'));
    expect(await call(grep, { pattern: 'root', path: '/etc' })).toEqual(
      error(`Path '/etc' is outside the workspace; use a path relative to the workspace root (${dir}).`),
    );
  });
});

describe('glob', () => {
  test('matches sorted workspace-relative paths, skipping .git and node_modules', async () => {
    expect(await call(glob, { pattern: '**/*.{ts,js}' })).toEqual(ok('src/app.ts\nsrc/util/strings.ts'));
    expect(await call(glob, { pattern: '**/*' })).toEqual(
      ok('.flue/agents/triage.md\n.github/workflows/ci.yml\nREADME-link.md\nREADME.md\nlogo.png\nsrc/a.txt\nsrc/app.ts\nsrc/util/strings.ts'),
    );
    expect(await call(glob, { pattern: '*.ts', path: 'src/util' })).toEqual(ok('src/util/strings.ts'));
    expect(await call(glob, { pattern: './src/*.ts' })).toEqual(ok('src/app.ts'));
    expect(await call(glob, { pattern: '*.py' })).toEqual(ok('No files matched.'));
  });

  test('caps results at LIMITS.globResults', async () => {
    for (let i = 0; i < LIMITS.globResults + 3; i++) await write(`gen/f${String(i).padStart(3, '0')}.txt`, '');
    const expected = Array.from({ length: LIMITS.globResults }, (_, i) => `gen/f${String(i).padStart(3, '0')}.txt`);
    expect(await call(glob, { pattern: 'gen/*.txt' })).toEqual(
      ok(`${expected.join('\n')}\n[truncated: showing ${LIMITS.globResults} of ${LIMITS.globResults + 3} paths; narrow the pattern or path]`),
    );
  });

  test('a file, a missing path, or a path outside the workspace as the root is an error', async () => {
    expect(await call(glob, { pattern: '*', path: 'README.md' })).toEqual(
      error('README.md is not a directory; glob searches inside a directory'),
    );
    expect(await call(glob, { pattern: '*', path: 'nope' })).toEqual(error('nope: no such file or directory'));
    expect(await call(glob, { pattern: '*', path: '..' })).toEqual(
      error(`Path '..' is outside the workspace; use a path relative to the workspace root (${dir}).`),
    );
  });

  test('an aborted signal stops the walk', async () => {
    const controller = new AbortController();
    controller.abort(new Error('run cancelled'));
    await expect(call(glob, { pattern: '**' }, controller.signal)).rejects.toThrow('run cancelled');
  });
});
