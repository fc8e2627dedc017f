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

export function sandboxFor(dir: string, overrides: Partial<SandboxOptions> = {}): Sandbox {
  return createSandbox({
    workspace: dir,
    profile: 'trusted',
    allowWrite: false,
    commands: [],
    networkAllow: [],
    ...overrides,
  });
}

/** Every path under `dir` on the real disk, relative and sorted: proves what the shell did or did not create. */
export async function realTree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map((entry) => entry.split(path.sep).join('/')).sort();
}
