/**
 * The checkout the filesystem attacks run in, as actions/checkout and its neighbours leave it: the
 * job's token in the config of every repository (the root, a submodule, a `path:` checkout, a
 * worktree), a cloud credentials file at the root, and the sandbox built the way the pipeline builds it.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';

/** A token in the form actions/checkout writes it: `AUTHORIZATION: basic base64(x-access-token:TOKEN)`. */
export const header = (token: string): string => `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

/** Where each credential sits, with the header it holds. */
export const CREDENTIALS: Readonly<Record<string, string>> = {
  '.git/config': header('ghs_rootRootRootRootRootRootRootRoot00'),
  '.git/modules/lib/config': header('ghs_submoduleSubmoduleSubmodule000000'),
  'tools/.git/config': header('ghs_pathCheckoutPathCheckoutPath00000'),
  '.git/worktrees/w/config': header('ghs_worktreeWorktreeWorktreeWorkt00'),
  '.git/worktrees/w/config.worktree': header('ghs_worktreeConfigWorktreeConfigW00'),
  'gha-creds-5f0c2a9e.json': 'Bearer eyJhbGciOiJSUzI1NiJ9.oidc-request-token.c2lnbmF0dXJl',
};

/** Every credential value, to search outputs and copies for. */
export const SECRET_VALUES = Object.values(CREDENTIALS);

export interface Checkout {
  /** The workspace (real path). */
  dir: string;
  /** A folder beside it, for a base-commit copy of the definitions. */
  root: string;
  cleanup(): Promise<void>;
}

export async function makeCheckout(): Promise<Checkout> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flue-attack-fs-')));
  const dir = path.join(root, 'repo');
  await writeTree(dir, {
    'src/a.txt': 'alpha\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    // A submodule's working tree points at its repository under .git/modules with a gitfile.
    'lib/.git': 'gitdir: ../.git/modules/lib\n',
    'lib/index.js': 'export {};\n',
    '.git/modules/lib/HEAD': 'ref: refs/heads/main\n',
    'tools/README.md': 'tools\n',
    '.github/workflows/ci.yml': 'on: push\n',
    '.flue/agents/fix.md': '---\ndescription: x\n---\n',
    ...Object.fromEntries(
      Object.entries(CREDENTIALS).map(([file, secret]) => [
        file,
        file.endsWith('.json')
          ? `{"credential_source":{"headers":{"Authorization":"${secret}"}}}\n`
          : `[http]\n\textraheader = AUTHORIZATION: ${secret}\n`,
      ]),
    ),
  });
  return { dir, root, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

export async function writeTree(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), content);
  }
}

/** The sandbox as src/pipeline.ts builds it for a run. */
export function pipelineSandbox(
  dir: string,
  options: { allowWrite?: boolean; profile?: 'trusted' | 'untrusted'; definitionsRoot?: string } = {},
): Sandbox {
  return createSandbox({
    workspace: dir,
    profile: options.profile ?? 'trusted',
    allowWrite: options.allowWrite ?? false,
    commands: [],
    networkAllow: [],
    definitionsRoot: options.definitionsRoot,
  });
}

/** Every file under `dir` with its content, to prove what changed on disk and what did not. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join('/');
    if (entry.isSymbolicLink()) out[relative] = `-> ${await fs.readlink(full)}`;
    else if (entry.isFile()) out[relative] = (await fs.readFile(full)).toString('utf8');
    else if (entry.isDirectory()) out[`${relative}/`] = '';
  }
  return out;
}
