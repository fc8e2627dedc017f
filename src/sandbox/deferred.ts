import { LIMITS } from '../limits.js';
import { commandEntries } from './command-list.js';
import { DeferredFs } from './deferred-fs.js';
import { GatedReads } from './gated-fs.js';
import { sandboxPolicy } from './policy.js';
import type { Sandbox, SandboxOptions } from './types.js';
import { MountedReader } from './mounted-reader.js';
import { WorkspaceReader } from './workspace-reader.js';
import { realWorkspace, resolveInWorkspace, servedDefinitions } from './workspace.js';

export interface DeferredSandbox extends Sandbox {
  /** Builds the sandbox now (createSandbox's own checks included); later calls return the same one. */
  load(): Promise<Sandbox>;
  /** Whether the sandbox (and just-bash) has been built. */
  readonly loaded: boolean;
}

/**
 * The sandbox createSandbox builds, with just-bash (some 700 KB of code, tens of milliseconds to load)
 * loaded when it is first needed rather than before the run's first model request: start-up is a
 * headline figure, and an agent that never touches the sandbox never pays. Reads of the workspace (the
 * read, grep and glob tools) need no just-bash: until the sandbox is built, they go through the same
 * read gate and policy over the same WorkspaceReader that the built sandbox mounts, so an agent that
 * only reads never loads just-bash at all. A write, the shell or the scratch area builds it.
 * What can be checked without just-bash (the workspace, the definitions copy, the command allow-list)
 * is checked here, at once, with createSandbox's own errors.
 */
export function createDeferredSandbox(options: SandboxOptions): DeferredSandbox {
  const workspace = realWorkspace(options.workspace);
  const definitions = servedDefinitions(workspace, options.definitionsRoot);
  if (options.profile === 'trusted') commandEntries(options.commands);
  let loading: Promise<Sandbox> | undefined;
  let loaded = false;
  const policy = sandboxPolicy(options, workspace);
  const reader = new MountedReader(workspace, new WorkspaceReader(workspace, LIMITS.readFileBytes, definitions));
  // The sandbox's one dynamic import, for the reason above; ncc puts create.js and just-bash in a chunk of their own.
  const load = (): Promise<Sandbox> =>
    (loading ??= import('./create.js').then(({ createSandbox }) => {
      const sandbox = createSandbox({ ...options, workspace });
      loaded = true;
      return sandbox;
    }));
  return {
    workspace,
    profile: options.profile,
    writable: policy.writable,
    fs: new DeferredFs(async () => (await load()).fs, { workspace, gate: new GatedReads(reader, policy) }),
    resolve: (file) => resolveInWorkspace(workspace, file),
    exec: async (command, execOptions) => (await load()).exec(command, execOptions),
    load,
    get loaded() {
      return loaded;
    },
  };
}
