import { symlink } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createSandbox, SandboxError, type SandboxOptions } from '../../src/sandbox/index.js';
import { makeWorkspace, sandboxOptions } from './workspace.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
});
afterEach(() => cleanup());

const options = (overrides: Partial<SandboxOptions>): SandboxOptions => sandboxOptions(dir, overrides);
/** The SandboxError that building the sandbox and its shell stops with (the network allow-list is checked as the shell is built). */
const failure = async (overrides: Partial<SandboxOptions>): Promise<SandboxError> => {
  try {
    await createSandbox(options(overrides)).load();
  } catch (error) {
    if (error instanceof SandboxError) return error;
    throw error;
  }
  throw new Error('createSandbox did not fail');
};

test('the workspace must be an absolute path to a directory', async () => {
  expect((await failure({ workspace: 'repo' })).message).toBe("Workspace 'repo' is not an absolute path; pass the checkout's absolute path.");
  const missing = path.join(dir, 'missing');
  expect((await failure({ workspace: missing })).message).toBe(`Workspace '${missing}' does not exist; pass the checkout's directory.`);
  const file = path.join(dir, 'src/a.txt');
  expect((await failure({ workspace: file })).message).toBe(`Workspace '${file}' is not a directory; pass the checkout's directory.`);
});

test('a malformed network allow-list names the field', async () => {
  expect((await failure({ networkAllow: ['api.example.com'] })).message).toBe(
    'network.allow: Invalid network allow-list: Invalid URL in allow-list: "api.example.com" - must be a valid URL with scheme and host (e.g., "https://example.com")',
  );
  // The untrusted profile never builds the network, so it cannot fail on it.
  expect((await createSandbox(options({ profile: 'untrusted', networkAllow: ['api.example.com'] })).load()).profile).toBe('untrusted');
});

test('the workspace is mounted at its real path, symlinks resolved', async () => {
  const alias = path.join(path.dirname(dir), 'alias');
  await symlink(dir, alias);
  const sandbox = createSandbox(options({ workspace: alias }));
  expect(sandbox.workspace).toBe(dir);
  expect((await sandbox.exec('pwd')).stdout).toBe(`${dir}\n`);
});

test('a real command given by path is refused: the shell would interpret the file instead of running it', async () => {
  expect((await failure({ commands: ['npm test', './gradlew test'] })).message).toBe(
    'commands: "./gradlew test": a real command starts with a program name found on PATH, not a path. Name a program found on PATH ("gradlew test"); to run a script of the repository, write "sh ./gradlew test"',
  );
});
