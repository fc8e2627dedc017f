import * as fs from 'node:fs';
import * as path from 'node:path';
import { SandboxError } from './errors.js';
import { DEFINITION_PATHS, placement } from './policy.js';
import type { ServedDefinitions } from './workspace-reader.js';

// Plain node:fs and path logic, no just-bash: the deferred sandbox checks the workspace with it before
// just-bash is loaded, so a bad workspace fails the run as early as it always did.

/** The workspace's real absolute path (symlinks resolved); refuses a relative path, a missing one, a file. */
export function realWorkspace(workspace: string): string {
  if (!path.isAbsolute(workspace)) {
    throw new SandboxError('ENOENT', `Workspace '${workspace}' is not an absolute path; pass the checkout's absolute path.`);
  }
  let real: string;
  try {
    real = fs.realpathSync(workspace);
  } catch {
    throw new SandboxError('ENOENT', `Workspace '${workspace}' does not exist; pass the checkout's directory.`);
  }
  if (!fs.statSync(real).isDirectory()) {
    throw new SandboxError('ENOENT', `Workspace '${workspace}' is not a directory; pass the checkout's directory.`);
  }
  return real;
}

/** Resolves a path the model gave against the workspace; refuses one that leaves it. */
export function resolveInWorkspace(workspace: string, file: string): string {
  const target = path.posix.resolve(workspace, file);
  if (placement(workspace, target).kind !== 'inside') {
    throw new SandboxError('EACCES', `Path '${file}' is outside the workspace; use a path relative to the workspace root (${workspace}).`);
  }
  return target;
}

/**
 * The definitions copy the sandbox serves in place of the workspace's own (a pull-request run's base
 * commit), at its real path, or undefined when the definitions are the workspace's.
 */
export function servedDefinitions(workspace: string, definitionsRoot: string | undefined): ServedDefinitions | undefined {
  if (definitionsRoot === undefined) return undefined;
  let root: string;
  try {
    root = fs.realpathSync(definitionsRoot);
  } catch {
    throw new SandboxError('ENOENT', `Definitions folder '${definitionsRoot}' does not exist; pass the folder the agent was loaded from.`);
  }
  return root === workspace ? undefined : { root, names: DEFINITION_PATHS };
}
