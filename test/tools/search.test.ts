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
      ok(
        'README-link.md:1: Run it with token a.b\nREADME.md:1: Run it with token a.b\nsrc/app.ts:1: const token = getToken();\nsrc/util/strings.ts:1: export const TOKEN = "a.b";',
      ),
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
      error('Invalid pattern: missing closing ): `getToken(`. Fix the pattern (RE2 syntax), or set literal: true to search for the text as is.'),
    );
    expect(await call(grep, { pattern: 'x', path: 'nope' })).toEqual(error('nope: no such file or directory'));
    expect(await call(grep, { pattern: 'root', path: '/etc' })).toEqual(
      error(`Path '/etc' is outside the workspace; use a path relative to the workspace root (${dir}).`),
    );
  });
});

describe('grep patterns (RE2)', () => {
  test('JS spellings work, and (?i) ignores case', async () => {
    await write('notes.txt', 'café\nCAFE\nkey: value\n');
    expect(await call(grep, { pattern: 'caf\\u00e9', path: 'notes.txt' })).toEqual(ok('notes.txt:1: café'));
    expect(await call(grep, { pattern: '(?i)cafe', path: 'notes.txt' })).toEqual(ok('notes.txt:2: CAFE'));
    expect(await call(grep, { pattern: '^(?<key>\\w+): \\w+$', path: 'notes.txt' })).toEqual(ok('notes.txt:3: key: value'));
  });

  test('lookaround and backreferences are refused, naming the construct and the way out', async () => {
    const refused = (construct: string) =>
      error(
        `${construct} is not supported: grep runs RE2, which matches in linear time and has no lookaround or backreferences. ` +
          'Rewrite the pattern without it (match more, then read the lines), or set literal: true to search for the text as is.',
      );
    expect(await call(grep, { pattern: 'token(?=\\()' })).toEqual(refused("Lookahead '(?=…)'"));
    expect(await call(grep, { pattern: 'token(?!s)' })).toEqual(refused("Negative lookahead '(?!…)'"));
    expect(await call(grep, { pattern: '(?<=get)Token' })).toEqual(refused("Lookbehind '(?<=…)'"));
    expect(await call(grep, { pattern: '(?<!get)Token' })).toEqual(refused("Negative lookbehind '(?<!…)'"));
    expect(await call(grep, { pattern: '(a)\\1' })).toEqual(refused("The backreference '\\1'"));
    expect(await call(grep, { pattern: '(?<q>a)\\k<q>' })).toEqual(refused("The named backreference '\\k<…>'"));
    // Inside a class, `(?=` is three characters: RE2 takes it as it is.
    expect(await call(grep, { pattern: '[(?=]getToken' })).toEqual(ok('No matches.'));
  });

  test('a line too long for the pattern is skipped and named, and literal: true still searches it', async () => {
    const complex = Array.from({ length: 30 }, (_, i) => `[ab]*a[ab]{${i + 5}}c`).join('|');
    await write('data.txt', `short line c\n${'ab'.repeat(100_000)}\n`);
    expect(await call(grep, { pattern: complex, path: 'data.txt' })).toEqual(
      ok('[skipped 1 lines too long to search with a pattern this complex: data.txt:2; simplify the pattern or use literal: true]'),
    );
    expect(await call(grep, { pattern: 'babab', literal: true, path: 'data.txt' })).toEqual(ok(`data.txt:2: ${'ab'.repeat(250)} [line truncated]`));
  });

  test('patterns are capped at LIMITS.patternChars; a bad include glob is an error', async () => {
    expect(await call(grep, { pattern: 'x'.repeat(LIMITS.patternChars + 1) })).toEqual(
      error(`Invalid input for grep:\n- pattern: Invalid length: Expected <=${LIMITS.patternChars} but received ${LIMITS.patternChars + 1}`),
    );
    expect(await call(grep, { pattern: 'token', include: '*.{1..3}' })).toEqual(
      error("include: glob '*.{1..3}': brace range '{1..3}' is not supported; list the values instead, like {1,2,3}"),
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
    expect(await call(glob, { pattern: '*', path: 'README.md' })).toEqual(error('README.md is not a directory; glob searches inside a directory'));
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
