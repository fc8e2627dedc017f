import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { BUILD_INPUTS_FILE, buildInputsHash } from '../../scripts/build-inputs.mjs';
import { distIsCurrent } from './built.js';

let root = '';
afterEach(() => rm(root, { recursive: true, force: true }));

/** A checkout with the build's inputs and a dist/ built from them, as scripts/build.mjs leaves it. */
async function builtCheckout(): Promise<string> {
  root = await mkdtemp(path.join(os.tmpdir(), 'flue-built-'));
  const files: Record<string, string> = {
    'src/index.ts': 'export {};\n',
    'src/action/run.ts': 'export const run = 1;\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    'scripts/build.mjs': '// build\n',
    'README.md': '# not an input\n',
  };
  for (const [file, content] of Object.entries(files)) await write(file, content);
  await write(`dist/${BUILD_INPUTS_FILE}`, `${buildInputsHash(root)}\n`);
  return root;
}

const write = async (file: string, content: string) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
};

test('dist/ built from the sources as they are is current; a file outside the inputs changes nothing', async () => {
  await builtCheckout();
  expect(distIsCurrent(root)).toBe(true);
  await write('README.md', '# edited\n');
  expect(distIsCurrent(root)).toBe(true);
});

test.each([
  ['a source edited', () => write('src/action/run.ts', 'export const run = 2;\n')],
  ['a source added', () => write('src/action/new.ts', 'export {};\n')],
  ['a source removed', () => rm(path.join(root, 'src/action/run.ts'))],
  [
    'a source moved',
    async () => {
      await rm(path.join(root, 'src/action/run.ts'));
      await write('src/run.ts', 'export const run = 1;\n');
    },
  ],
  ['the lockfile changed', () => write('package-lock.json', '{ "lockfileVersion": 3 }\n')],
  ['tsconfig.json changed', () => write('tsconfig.json', '{ "compilerOptions": {} }\n')],
  ['the build script changed', () => write('scripts/build.mjs', '// build, faster\n')],
  ['dist/ from before builds recorded their inputs', () => rm(path.join(root, 'dist', BUILD_INPUTS_FILE))],
])('dist/ is stale after %s without a rebuild', async (_change, change) => {
  await builtCheckout();
  await change();
  expect(distIsCurrent(root)).toBe(false);
});
