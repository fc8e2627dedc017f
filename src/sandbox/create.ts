import { LIMITS } from '../limits.js';
import { BackingFs } from './backing-fs.js';
import { commandEntries } from './command-list.js';
import { GatedFs } from './gated-fs.js';
import { sandboxPolicy } from './policy.js';
import type { ShellRun } from './shell.js';
import type { Sandbox, SandboxOptions } from './types.js';
import { WorkspaceReader } from './workspace-reader.js';
import { realWorkspace, resolveInWorkspace, servedDefinitions } from './workspace.js';

/**
 * The sandbox: one gate (GatedFs) over one backing filesystem (BackingFs), which the file tools use
 * directly and the shell mounts. just-bash (some 700 KB of code, tens of milliseconds to load) is
 * loaded when it is first needed rather than before the run's first model request: start-up is a
 * headline figure, and an agent that never touches the sandbox never pays. Reads of the workspace
 * (the read, grep and glob tools) need no just-bash, so an agent that only reads never loads it at
 * all; a write, the shell or the scratch area loads it. What can be checked without just-bash (the
 * workspace, the definitions copy, the command allow-list) is checked here, at once.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const workspace = realWorkspace(options.workspace);
  const definitions = servedDefinitions(workspace, options.definitionsRoot);
  if (options.profile === 'trusted') commandEntries(options.commands);
  const policy = sandboxPolicy(options, workspace);
  const reader = new WorkspaceReader(workspace, LIMITS.readFileBytes, definitions);
  const backing = new BackingFs(workspace, reader, async () => (await justBash()).shellFilesystem(workspace));
  const gate = new GatedFs(backing, policy, LIMITS.workspaceWriteBytes);
  let shell: Promise<ShellRun> | undefined;
  const loadShell = (): Promise<ShellRun> => (shell ??= backing.load().then(async () => (await justBash()).shellRunner(options, workspace, gate)));
  const sandbox: Sandbox = {
    workspace,
    profile: options.profile,
    writable: policy.writable,
    fs: gate,
    resolve: (file) => resolveInWorkspace(workspace, file),
    exec: async (command, execOptions) => (await loadShell())(command, execOptions),
    load: async () => {
      await loadShell();
      return sandbox;
    },
    get loaded() {
      return backing.loaded;
    },
  };
  return sandbox;
}

// The sandbox's one dynamic import, for the reason above; ncc puts shell.js and just-bash in a chunk of their own.
const justBash = () => import('./shell.js');
