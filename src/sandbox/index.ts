export { createSandbox } from './create.js';
export { DEFINITION_PATHS, PROTECTED_PATHS, UNREADABLE_PATHS } from './policy.js';
export { resolveInWorkspace } from './workspace.js';
export { SandboxError, isSandboxError } from './errors.js';
export type { Sandbox, SandboxExecOptions, SandboxExecResult, SandboxFs, SandboxOptions, SandboxProfile } from './types.js';
