import { isFlueError } from '../errors.js';
import { terminalSafe, terminalSafeJson } from '../report/terminal.js';
import { startWithoutSecrets, type StartedEnvironment } from '../secrets/start.js';
import { RUNNER_VERSION } from '../version.js';
import { parseCliArgs, USAGE } from './args.js';
import { checkCommand, listCommand } from './definitions-commands.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { notStartedEnvelope, runCommand } from './run-command.js';

/**
 * Runs one CLI invocation. Never throws: every failure becomes one line on stderr and an exit code,
 * and with `--json` also a JSON object on stdout, so a script reading stdout always gets one.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv, io.cwd);
    switch (command.command) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return EXIT.succeeded;
      case 'version':
        io.stdout.write(`${RUNNER_VERSION}\n`);
        return EXIT.succeeded;
      case 'run':
        return await runCommand(command, io);
      case 'list':
        return await listCommand(command, io);
      case 'check':
        return await checkCommand(command, io);
      case 'view':
        // Dynamic: the report renderers it needs stay off the start-up path of `run`, a headline figure.
        return await (await import('./view-command.js')).viewCommand(command, io);
      case 'init':
        // Dynamic, as view: off the start-up path of `run`.
        return await (await import('./init-command.js')).initCommand(command, io);
    }
  } catch (error) {
    const usage = isFlueError(error);
    // Messages quote what was given (a file's field, an event's text): printed terminal-safe.
    if (usage) {
      io.stderr.write(`flue-action: ${terminalSafe(error.message)}\n`);
      // Where in the runner the message came from, for a bug report or a surprising refusal.
      if (argv.includes('--debug') && error.stack) io.stderr.write(`${terminalSafe(error.stack)}\n`);
    }
    // An unexpected error is a bug in the runner: keep the stack, it is what a bug report needs.
    else io.stderr.write(`flue-action: internal error: ${terminalSafe((error as Error)?.stack ?? String(error))}\n`);
    if (argv.includes('--json')) {
      const reason = usage ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
      io.stdout.write(`${terminalSafeJson(notStartedEnvelope(argv, reason, usage ? 'usage' : 'internal'))}\n`);
    }
    return usage ? EXIT.usage : EXIT.failed;
  }
}

/**
 * `dist/cli.js` calls this with what dist/secrets/start.js took before the bundle loaded (src/secrets/start.ts):
 * the environment in memory; `process.env` holds only variables that authenticate nothing.
 */
export async function runCliProcess(started: StartedEnvironment = startWithoutSecrets({ restart: false })): Promise<void> {
  const controller = new AbortController();
  const cancel = () => controller.abort(new Error('cancelled by SIGINT/SIGTERM'));
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  // `flue-action list | head -1` closes the pipe early: that is the reader's choice, not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: started.env,
    cwd: process.cwd(),
    signal: controller.signal,
    isTerminal: Boolean(process.stderr.isTTY),
  });
  process.off('SIGINT', cancel);
  process.off('SIGTERM', cancel);
}
