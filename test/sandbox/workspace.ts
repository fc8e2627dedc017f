import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

/** A temp checkout: a source file, a .git dir holding a credential-bearing config, a workflow. */
export async function makeWorkspace(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flue-sandbox-')));
  const dir = path.join(root, 'repo');
  await fs.mkdir(path.join(dir, 'src'), { recursive: true });
  await fs.mkdir(path.join(dir, '.git'), { recursive: true });
  await fs.mkdir(path.join(dir, '.github/workflows'), { recursive: true });
  await fs.mkdir(path.join(dir, '.flue/agents'), { recursive: true });
  await fs.writeFile(path.join(dir, 'src/a.txt'), 'alpha\n');
  await fs.writeFile(path.join(dir, '.git/config'), '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
  await fs.writeFile(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
  await fs.writeFile(path.join(dir, '.github/workflows/ci.yml'), 'on: push\n');
  await fs.writeFile(path.join(dir, '.flue/agents/triage.md'), '---\ndescription: x\n---\n');
  // A sibling of the workspace, to prove that `..` cannot reach it.
  await fs.writeFile(path.join(root, 'outside.txt'), 'outside secret\n');
  return { dir, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

/** The options of a trusted, read-only sandbox over `dir` with nothing else enabled. */
export const sandboxOptions = (dir: string, overrides: Partial<SandboxOptions> = {}): SandboxOptions => ({
  workspace: dir,
  profile: 'trusted',
  allowWrite: false,
  commands: [],
  networkAllow: [],
  ...overrides,
});

export function sandboxFor(dir: string, overrides: Partial<SandboxOptions> = {}): Sandbox {
  return createSandbox(sandboxOptions(dir, overrides));
}

/** What a shell script printed and its status, without `timedOut`. */
export async function shellRun(sandbox: Sandbox, command: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const { stdout, stderr, exitCode } = await sandbox.exec(command);
  return { stdout, stderr, exitCode };
}

/** The answer of a filesystem call in a comparable form: text, the stat fields that matter, or the error message. */
export async function readOutcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await call();
    if (value instanceof Uint8Array) return Buffer.from(value).toString();
    if (value && typeof value === 'object' && 'isFile' in value) {
      const { isFile, isDirectory, isSymbolicLink, size, mode } = value as Record<string, unknown>;
      return { isFile, isDirectory, isSymbolicLink, size, mode };
    }
    return value;
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Every path under `dir` on the real disk, relative and sorted: proves what the shell did or did not create. */
export async function realTree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/')).sort();
}
