// vitest runs test files one after another in a worker without a fresh module graph (isolate: false in
// vitest.config.ts): a helper module's top-level code runs once per worker, so a hook it registers there
// (afterEach, beforeAll, ...) attaches to the first test file that imports it and silently skips the
// rest. Helpers register what they need from inside a test (onTestFinished) or export it for the file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const TEST_ROOT = fileURLToPath(new URL('./', import.meta.url));

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

test('no helper module registers a hook at its top level', () => {
  const hooks = modulesUnder(TEST_ROOT).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^(?:afterEach|beforeEach|afterAll|beforeAll)\(/gm)].map(
      (match) => `${path.relative(TEST_ROOT, file)}: ${match[0]}`,
    ),
  );
  expect(hooks).toEqual([]);
});
