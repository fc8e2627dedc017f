/**
 * Whether the run can start a child process at all, judged before the runner's bundle loads, from the
 * checkout's `.flue/`. Restarting without the secrets (start.ts) costs a second Node start on every run;
 * it protects nothing when no child will be there to read the environment block: markdown agents
 * without `commands:` start none (just-bash spawns no process).
 *
 * A cheap text test, not a parse. A file may start children when it declares commands (`commands`
 * followed by `:` or `=`, or quoted as a key: frontmatter, a code agent or a module it imports), or when
 * it is code at all (a code agent's custom tools may spawn). A false "yes" costs only the restart. A
 * false "no" (the definitions the run reads come from another commit than the checkout) fails closed:
 * exposure.ts refuses real commands while a secret is in this process's environment block, and says why.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DECLARES_COMMANDS = /\bcommands\s*[:=]|["']commands["']/;
const CODE = /\.(?:[cm]?[jt]s)$/;
/** Files looked at, and bytes of each: `.flue/` holds definitions, not data. */
const MAX_FILES = 500;
const MAX_FILE_BYTES = 1_000_000;

/** What the restart is decided from; the reason is kept for the refusal's message. */
export interface RestartDecision {
  restart: boolean;
  reason: string;
}

/** The checkout's root for the action (GITHUB_WORKSPACE and `working-directory`) or the CLI (`--cwd`). */
export function checkoutRoot(front: 'action' | 'cli', env: Readonly<Record<string, string>>, argv: readonly string[], cwd: string): string {
  if (front === 'action') return resolve(env.GITHUB_WORKSPACE || cwd, env['INPUT_WORKING-DIRECTORY']?.trim() || '.');
  let dir: string | undefined;
  argv.forEach((arg, index) => {
    if (arg === '--cwd') dir = argv[index + 1];
    else if (arg.startsWith('--cwd=')) dir = arg.slice('--cwd='.length);
  });
  return resolve(cwd, dir ?? '.');
}

export function restartDecision(root: string): RestartDecision {
  const flue = join(root, '.flue');
  const found = firstDeclaring(flue, { left: MAX_FILES });
  if (found === 'unknown') return { restart: true, reason: `${flue} could not be read whole` };
  if (found !== undefined) return { restart: true, reason: `${found} may start processes` };
  return { restart: false, reason: `no file under ${flue} declares commands or is code` };
}

/** The first file under `dir` that may start processes, `'unknown'` past the caps or on an odd error. */
function firstDeclaring(dir: string, budget: { left: number }): string | 'unknown' | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unknown';
  }
  for (const name of names) {
    const file = join(dir, name);
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) {
        const inner = firstDeclaring(file, budget);
        if (inner !== undefined) return inner;
        continue;
      }
      if (!stat.isFile()) continue;
      budget.left -= 1;
      if (budget.left < 0 || stat.size > MAX_FILE_BYTES) return 'unknown';
      if (CODE.test(name) || DECLARES_COMMANDS.test(readFileSync(file, 'utf8'))) return file;
    } catch {
      return 'unknown';
    }
  }
  return undefined;
}
