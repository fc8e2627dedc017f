export { createSandbox, resolveInWorkspace } from './create.js';
export { defaultProtectedPaths } from './policy.js';
export { SandboxError, isSandboxError } from './errors.js';
export type { Sandbox, SandboxExecOptions, SandboxExecResult, SandboxFs, SandboxOptions, SandboxProfile } from './types.js';
