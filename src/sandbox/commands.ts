import * as fs from 'node:fs';
import { defineCommand, latin1FromBytes, type CustomCommand, type ExecResult } from 'just-bash';
import { LIMITS } from '../limits.js';
import { commandEntries, refusal } from './command-list.js';
import { commandEnvironment } from './environment.js';
import { placement } from './policy.js';
import { runProcess } from './process.js';

/**
 * One just-bash command per program named in the allow-list. A call runs the real program only when
 * its argv fits an entry word for word (command-entry.ts: `npm test` allows `npm test` alone, `git diff
 * {args}` allows operands but never an option); it is spawned without a shell, so shell syntax in an
 * argument stays text. just-bash's own wrappers (`xargs`, `env`, `timeout`, `bash -c`) reach the
 * program through this same command, so they are checked the same way.
 */
export function realCommands(allowList: string[], workspace: string, timeoutMs: number): CustomCommand[] {
  const byProgram = commandEntries(allowList);
  // Built here, not per call: just-bash's defence-in-depth blocks `process.env` while a script runs.
  const environment = commandEnvironment();
  return [...byProgram].map(([program, entries]) =>
    defineCommand(program, async (args, context) => {
      const refused = refusal(program, entries, args);
      if (refused !== undefined) {
        // An allow-list entry can shadow a builtin (`grep`); other uses of it stay that builtin, which
        // is just-bash's own (in-process, over the gated filesystem), never the real program.
        if (context.origCommand) return context.origCommand(args);
        return failure(refused, 126);
      }
      const cwd = realCwd(context.cwd, workspace);
      if (cwd === undefined) {
        return failure(`${program}: real commands run only inside the workspace (cwd is ${context.cwd})\n`, 126);
      }
      const result = await runProcess(program, args, {
        cwd,
        env: environment,
        stdin: Buffer.from(latin1FromBytes(context.stdin), 'latin1'),
        timeoutMs,
        maxOutputBytes: LIMITS.commandOutputBytes,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      const note = result.timedOut ? `${program}: killed after ${timeoutMs / 1000}s (the time limit of a real command)\n` : '';
      return { stdout: result.stdout, stderr: result.stderr + note, exitCode: result.exitCode };
    }),
  );
}

/** The shell's cwd as a real directory inside the workspace, or undefined when it is not one. */
function realCwd(cwd: string, workspace: string): string | undefined {
  try {
    const real = fs.realpathSync(cwd);
    return placement(workspace, real).kind === 'inside' ? real : undefined;
  } catch {
    return undefined; // a scratch directory (in memory only) has no real path
  }
}

const failure = (stderr: string, exitCode: number): ExecResult => ({ stdout: '', stderr, exitCode });
