/**
 * The first thing the action's steps and the CLI run, before the runner's bundle is loaded: take the
 * environment into memory, then make sure no process the run starts can read a secret from it.
 *
 * A child can read the environment block its parent was started with (`/proc/<ppid>/environ` on
 * Linux), whatever `process.env` says later. So, where Node has process.execve (>= 22.15, not on
 * Windows), the process restarts itself in place (same pid, same arguments) with only the kept
 * variables (variables.ts); the rest crosses over in a private file (handoff.ts). Either way,
 * `process.env` ends up holding only the kept variables: a TS agent's top-level code, or a library
 * that reads the environment, finds no secret there.
 *
 * Where the restart is not possible the secrets stay in this process's environment block, and
 * src/secrets/exposure.ts refuses to start an agent's real commands.
 */
import { tmpdir } from 'node:os';
import { HANDOFF_VARIABLE, removeHandoff, takeHandoff, writeHandoff } from './handoff.js';
import { checkoutRoot, restartDecision } from './restart-needed.js';
import { isKept, isMemoryOnly, keptVariables, secretValues, type Environment } from './variables.js';

export interface StartedEnvironment {
  /**
   * The environment the step or the command was started with, whole (null prototype, frozen). Inputs
   * and settings are read from here, never from `process.env`.
   */
  readonly env: Environment;
  /** Every secret value in it (variables.ts `secretValues`): redacted wherever the run writes. */
  readonly secrets: readonly string[];
}

export interface StartOptions {
  /**
   * Restart without the secrets in the environment: the main step and the CLI, which start commands,
   * name their front end (`'action'`, `'cli'`) and restart only when the checkout's `.flue/` may declare
   * commands (restart-needed.ts); `false` for the post step, which starts none.
   */
  restart: false | 'action' | 'cli';
}

/** Kept in the restarted (or not restarted) environment: why, for exposure.ts's message. */
export const RESTART_NOTE_VARIABLE = 'FLUE_RESTART_NOTE';

/**
 * Returns the environment the process was started with. With `restart`, where it can, it first
 * replaces the process (this call then never returns in the first image) and returns in the new one.
 */
export function startWithoutSecrets(options: StartOptions): StartedEnvironment {
  const handoff = process.env[HANDOFF_VARIABLE];
  if (handoff !== undefined) {
    delete process.env[HANDOFF_VARIABLE];
    return settle(Object.assign(environmentCopy(), takeHandoff(handoff)));
  }
  const env = environmentCopy();
  if (options.restart !== false) {
    const decision = restartDecision(checkoutRoot(options.restart, env, process.argv.slice(2), process.cwd()));
    if (decision.restart) restartWithKeptVariables(env);
    else process.env[RESTART_NOTE_VARIABLE] = `not restarted: ${decision.reason}`;
  }
  return settle(env);
}

/** Replaces the process with itself, started with the kept variables only; returns when it cannot. */
function restartWithKeptVariables(env: Environment): void {
  if (typeof process.execve !== 'function') return;
  const kept = keptVariables(env);
  const moved = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(env)) if (!(name in kept)) moved[name] = value;
  if (Object.keys(moved).length === 0) return;
  let file: string | undefined;
  try {
    file = writeHandoff(moved, env.RUNNER_TEMP || tmpdir());
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...kept, [HANDOFF_VARIABLE]: file });
  } catch (error) {
    if (file !== undefined) removeHandoff(file);
    // Not fatal here: the secrets stay in this process's environment, and exposure.ts refuses commands.
    process.stderr.write(`flue-action: could not restart without the secrets in its environment: ${(error as Error).message}\n`);
  }
}

/** `process.env` reduced to the kept variables (plus the in-memory ones); the whole environment returned. */
function settle(env: Record<string, string>): StartedEnvironment {
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || !isKept(name, value)) delete process.env[name];
  }
  for (const [name, value] of Object.entries(env)) if (isMemoryOnly(name, value)) process.env[name] = value;
  return { env: Object.freeze(env), secrets: Object.freeze(secretValues(env)) };
}

function environmentCopy(): Record<string, string> {
  const copy = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) copy[name] = value;
  return copy;
}
