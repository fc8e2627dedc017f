import * as os from 'node:os';

/** Home of the shell: a directory in the in-memory scratch area, so `~/.cache` never lands in the checkout. */
export const SHELL_HOME = '/home/flue';

/**
 * The shell's environment, built from scratch: nothing of the runner's environment (tokens, keys,
 * runner paths) reaches the model's shell.
 */
export function shellEnvironment(workspace: string): Record<string, string> {
  return {
    HOME: SHELL_HOME,
    USER: 'flue',
    PATH: '/usr/bin:/bin',
    PWD: workspace,
    LANG: 'C.UTF-8',
    CI: 'true',
    TERM: 'dumb',
  };
}

/**
 * The environment of an allow-listed real process (`npm test`): enough to find and run tools, nothing
 * that authenticates. PATH is the runner's, so the tools the workflow installed are found. runProcess
 * adds one variable, FLUE_COMMAND_TREE, a marker by which it finds the command's descendants.
 */
export function commandEnvironment(): Record<string, string> {
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.homedir(),
    TMPDIR: os.tmpdir(),
    CI: 'true',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    // Colour codes cost tokens and carry no information for the model.
    NO_COLOR: '1',
  };
  if (process.platform === 'win32') {
    // Windows cannot start most programs without these; none of them is a credential.
    for (const name of ['Path', 'SystemRoot', 'ComSpec', 'PATHEXT', 'windir']) {
      const value = process.env[name];
      if (value !== undefined) environment[name] = value;
    }
  }
  return environment;
}
