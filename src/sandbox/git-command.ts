import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCommand, type CustomCommand } from 'just-bash';
import { readOnlyGitArgv } from './git-argv.js';
import { runGit } from './git-process.js';
import { placement, readRefusal } from './policy.js';
import type { SandboxProfile } from './types.js';

/**
 * The shell's `git`: `status`, `diff`, `log` and `show` over the checkout, read-only (git-argv.ts says
 * what is accepted and why). The agent's own tools never read `.git/`; the runner runs git for it
 * (git-process.ts) and hands back what git printed. Under the untrusted profile no real process runs,
 * so this `git` only says so. When the agent's `commands:` lists git entries of its own, those run
 * whatever this one does not accept (shell.ts keeps them as `fallback`).
 */
export function readOnlyGit(workspace: string, profile: SandboxProfile, fallback?: CustomCommand): CustomCommand {
  return defineCommand('git', async (args, context) => {
    if (profile === 'untrusted') {
      return failure('git: not available on this run: it uses the untrusted profile, where no real process runs (git is one)\n', 126);
    }
    const cwd = realCwd(context.cwd, workspace);
    if (cwd === undefined) return failure(`git: runs only inside the workspace (cwd is ${context.cwd})\n`, 128);
    const resolve = (operand: string): string => path.resolve(cwd, operand);
    const checkPath = (operand: string): string | undefined => {
      const target = resolve(operand);
      if (placement(workspace, target).kind !== 'inside') return 'it is outside the workspace';
      return readRefusal(workspace, target);
    };
    // Anywhere on disk: an existing path outside the workspace is then a path, refused by checkPath by name.
    const exists = (operand: string): boolean => fs.existsSync(resolve(operand));
    const built = readOnlyGitArgv(args, checkPath, exists);
    if (!built.ok) {
      if (fallback !== undefined) return (await commandOf(fallback)).execute(args, context);
      return failure(`${built.message}\n`, 129);
    }
    const result = await runGit(workspace, built.argv, { cwd, ...(context.signal ? { signal: context.signal } : {}) });
    const note = result.timedOut ? 'git: stopped at the time limit of a read-only git call\n' : '';
    return { stdout: result.stdout, stderr: result.stderr + note, exitCode: result.exitCode };
  });
}

/** The shell's cwd as a real directory inside the workspace (not under `.git`), or undefined. */
function realCwd(cwd: string, workspace: string): string | undefined {
  try {
    const real = fs.realpathSync(cwd);
    return placement(workspace, real).kind === 'inside' && readRefusal(workspace, real) === undefined ? real : undefined;
  } catch {
    return undefined; // the scratch area (in memory only) has no real path
  }
}

async function commandOf(command: CustomCommand) {
  return 'load' in command ? command.load() : command;
}

const failure = (stderr: string, exitCode: number) => ({ stdout: '', stderr, exitCode });
