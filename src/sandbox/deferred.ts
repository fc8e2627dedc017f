import { commandPrefixes } from './command-list.js';
import { DeferredFs } from './deferred-fs.js';
import { sandboxPolicy } from './policy.js';
import type { Sandbox, SandboxOptions } from './types.js';
import { realWorkspace, resolveInWorkspace } from './workspace.js';

export interface DeferredSandbox extends Sandbox {
  /** Builds the sandbox now (createSandbox's own checks included); later calls return the same one. */
  load(): Promise<Sandbox>;
}

/**
 * The sandbox createSandbox builds, with just-bash (some 700 KB of code, tens of milliseconds to load)
 * loaded when a tool first touches the filesystem or the shell rather than before the run's first
 * model request: start-up is a headline figure, and an agent that never touches the sandbox never pays.
 * What can be checked without just-bash (the workspace, the command allow-list) is checked here, at
 * once, with createSandbox's own errors; every file access still goes through createSandbox's one gate.
 */
export function createDeferredSandbox(options: SandboxOptions): DeferredSandbox {
  const workspace = realWorkspace(options.workspace);
  if (options.profile === 'trusted') commandPrefixes(options.commands);
  let loading: Promise<Sandbox> | undefined;
  // The sandbox's one dynamic import, for the reason above; ncc puts create.js and just-bash in a chunk of their own.
  const load = (): Promise<Sandbox> =>
    (loading ??= import('./create.js').then(({ createSandbox }) => createSandbox({ ...options, workspace })));
  return {
    workspace,
    profile: options.profile,
    writable: sandboxPolicy(options, workspace).writable,
    fs: new DeferredFs(async () => (await load()).fs),
    resolve: (file) => resolveInWorkspace(workspace, file),
    exec: async (command, execOptions) => (await load()).exec(command, execOptions),
    load,
  };
}
