import { SandboxError } from './errors.js';

/** An allow-list entry split into words after the program: `npm test` → ['test']. */
export type Prefix = string[];

const words = (entry: string): string[] => entry.trim().split(/\s+/).filter((word) => word !== '');

/**
 * The `commands:` allow-list grouped by program (`npm test`, `npm run lint` → npm: [test], [run, lint]).
 * Refuses an entry given by path. No just-bash here, so the deferred sandbox can check the list at once.
 */
export function commandPrefixes(allowList: string[]): Map<string, Prefix[]> {
  const byProgram = new Map<string, Prefix[]>();
  for (const entry of allowList) {
    const [program, ...rest] = words(entry);
    if (program === undefined) continue;
    if (program.includes('/')) {
      // just-bash runs `./x` by interpreting the file itself, so such an entry would never reach a real process.
      throw new SandboxError(
        'EINVAL',
        `commands: '${entry}': a real command starts with a program name found on PATH; run a script of the repository as 'sh ${entry}'`,
      );
    }
    byProgram.set(program, [...(byProgram.get(program) ?? []), rest]);
  }
  return byProgram;
}
