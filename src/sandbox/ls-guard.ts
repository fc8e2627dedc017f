import { defineCommand, type Command, type CustomCommand } from 'just-bash';

// Glob characters: an operand that still holds one reached `ls` because the shell matched nothing.
const GLOB = /[*?[]/;

/**
 * just-bash's `ls` matches an operand that still holds glob characters with minimatch, whose pattern is a
 * backtracking JS RegExp: `ls *a*a*a*a*a*a*a*a*a*a*b` beside a 60-character file name never returns, and
 * a synchronous match is out of reach of the run's clock (trust rule: every user-supplied pattern runs
 * in linear time). The shell's own glob expansion runs on RE2 and is safe; only `ls` globs a second time.
 * GNU ls never globs: such an operand names a file that does not exist, and this `ls` says so itself.
 * Everything else goes on to `inner` (a real `ls` the agent allow-listed) or just-bash's own.
 */
export function guardedLs(inner?: CustomCommand): Command {
  return defineCommand('ls', async (args, context) => {
    const missing: string[] = [];
    let operands = false;
    for (const arg of args) {
      if (!operands && arg === '--') operands = true;
      else if (!operands && arg.startsWith('-')) {
        if (GLOB.test(arg)) return { stdout: '', stderr: `ls: ${arg}: pattern options are not supported in the sandbox\n`, exitCode: 2 };
      } else if (GLOB.test(arg) && !(await context.fs.exists(context.fs.resolvePath(context.cwd, arg)))) {
        missing.push(arg);
      }
    }
    if (missing.length > 0) {
      const stderr = missing.map((arg) => `ls: cannot access '${arg}': No such file or directory\n`).join('');
      return { stdout: '', stderr, exitCode: 2 };
    }
    if (inner !== undefined) return (await commandOf(inner)).execute(args, context);
    if (context.origCommand) return context.origCommand(args);
    return { stdout: '', stderr: 'ls: not available\n', exitCode: 127 };
  });
}

/** The custom commands with `ls` guarded: the agent's own real `ls` wrapped, else just-bash's. */
export function withGuardedLs(commands: CustomCommand[]): CustomCommand[] {
  const own = commands.find((command) => command.name === 'ls');
  return [...commands.filter((command) => command !== own), guardedLs(own)];
}

async function commandOf(command: CustomCommand): Promise<Command> {
  return 'load' in command ? command.load() : command;
}
