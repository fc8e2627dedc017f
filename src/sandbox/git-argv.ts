/**
 * The grammar of the sandbox's read-only `git`: what the model may type, and the argv the runner builds
 * from it. Nothing the model wrote reaches git as an option: each option below is matched word for word
 * and written out again by the runner, every other word is refused, and operands are placed after the
 * runner's own words (revisions) or after `--` (paths), so none can be read as an option. Every option
 * git has that writes a file (`--output`), runs a program (`--ext-diff`, `-c`, `--upload-pack`,
 * `--exec-path`, aliases) or reaches past the checkout (`-C`, `--git-dir`, `--no-index`, `-g`) is
 * therefore refused by construction, not by a list of known bad ones.
 */

export const GIT_SUBCOMMANDS = ['status', 'diff', 'log', 'show'] as const;
type Subcommand = (typeof GIT_SUBCOMMANDS)[number];

/** Why a path operand may not be read (outside the workspace, under `.git`), or undefined when it may. */
export type PathCheck = (operand: string) => string | undefined;

/** Whether an operand names something that exists on disk: `git diff src` means the folder, not a branch named src. */
export type PathExists = (operand: string) => boolean;

export type GitArgv = { ok: true; argv: string[] } | { ok: false; message: string };

/** Commits `git log` prints without `-n`: the tail of a long log is what the output cap would keep, and the newest matter. */
export const DEFAULT_LOG_COUNT = 30;

// The options each subcommand accepts, as typed. The runner's own words come first in `fixed`.
const OPTIONS: Record<Subcommand, readonly string[]> = {
  status: ['-s', '--short', '--porcelain', '-b', '--branch'],
  diff: ['--stat', '--name-only', '--name-status', '--cached', '--staged'],
  log: ['--oneline', '--stat', '--name-only'],
  show: ['--stat', '--name-only', '--oneline'],
};

// Diffs never use a driver the checkout's .gitattributes names, nor colour; submodules are not entered.
const NO_DRIVERS = ['--no-ext-diff', '--no-textconv', '--no-color'];
const FIXED: Record<Subcommand, readonly string[]> = {
  status: ['status', '--ignore-submodules=all'],
  diff: ['diff', ...NO_DRIVERS, '--ignore-submodules=all'],
  log: ['log', ...NO_DRIVERS, '--no-decorate'],
  show: ['show', ...NO_DRIVERS],
};

/**
 * A revision as the model may name it: a name, a hash, `HEAD~2`, `main^`, `a..b`. Not `@{...}`: a reflog
 * entry's message can hold the URL a clone or fetch used, token and all. Not `:/text` or a leading `-`.
 */
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9_./~^-]*$/;

const USAGE =
  'read-only git allows `git status [-s] [paths]`, `git diff [--stat|--name-only|--cached] [rev [rev]] [-- paths]`, ' +
  '`git log [-n N] [--oneline] [--stat] [rev] [-- paths]` and `git show [--stat] [rev[:path]]`';

/** The argv (after `git`) for what the model typed, or why it is refused. */
export function readOnlyGitArgv(args: readonly string[], checkPath: PathCheck, exists: PathExists): GitArgv {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined) return refuse(`git: ${USAGE}.`);
  if (!isSubcommand(subcommand)) return refuse(`git: '${show(subcommand)}' is refused: ${USAGE}; nothing else (no option before the subcommand).`);
  const options: string[] = [];
  const operands: string[] = [];
  let paths: string[] | undefined;
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index]!;
    if (paths !== undefined) paths.push(arg);
    else if (arg === '--') paths = [];
    else if (subcommand === 'log' && (arg === '-n' || arg === '--max-count')) {
      const count = rest[++index];
      if (count === undefined || !/^[1-9][0-9]{0,5}$/.test(count)) return refuse(`git log ${arg}: give a number of commits (1 or more)`);
      options.push(`--max-count=${count}`);
    } else if (subcommand === 'log' && /^(?:-n|-|--max-count=)[1-9][0-9]{0,5}$/.test(arg)) {
      options.push(`--max-count=${arg.replace(/^\D+/, '')}`);
    } else if (arg.startsWith('-')) {
      if (!OPTIONS[subcommand].includes(arg)) {
        return refuse(
          `git ${subcommand}: option '${show(arg)}' is refused; allowed: ${OPTIONS[subcommand].join(', ')}${subcommand === 'log' ? ', -n N' : ''}`,
        );
      }
      options.push(arg === '--staged' ? '--cached' : arg);
    } else operands.push(arg);
  }
  if (subcommand === 'log' && !options.some((option) => option.startsWith('--max-count='))) options.push(`--max-count=${DEFAULT_LOG_COUNT}`);
  const split = splitOperands(subcommand, operands, paths, exists);
  if (!split.ok) return split;
  const { revisions, pathOperands } = split;
  for (const operand of pathOperands) {
    const problem = pathProblem(operand, checkPath);
    if (problem !== undefined) return refuse(`git ${subcommand}: path '${show(operand)}' is refused: ${problem}`);
  }
  // `git diff` with no revision compares the checkout with its index, and with a path outside the
  // checkout it turns into `--no-index`, a diff of any two files on disk: naming HEAD rules both out.
  const base = subcommand === 'diff' && revisions.length === 0 && !options.includes('--cached') ? ['HEAD'] : [];
  return { ok: true, argv: [...FIXED[subcommand], ...options, ...base, ...revisions, '--', ...pathOperands] };
}

type Split = { ok: true; revisions: string[]; pathOperands: string[] } | { ok: false; message: string };

/**
 * Revisions and paths. `git show` takes one object (`rev` or `rev:path`) and no paths. Elsewhere, before
 * a `--`, an operand that exists on disk is a path (as git itself decides) and anything else a revision.
 */
function splitOperands(subcommand: Subcommand, operands: string[], paths: string[] | undefined, exists: PathExists): Split {
  if (subcommand === 'show') {
    if (paths !== undefined && paths.length > 0) return refuse('git show: takes one revision or rev:path, and no paths after --');
    if (operands.length > 1) return refuse('git show: name one revision or rev:path at a time');
    const [object = 'HEAD'] = operands;
    const colon = object.indexOf(':');
    const revision = colon === -1 ? object : object.slice(0, colon);
    if (!REVISION.test(revision)) return refuse(`git show: '${show(object)}' is not a revision this git accepts (${revisionHint})`);
    if (colon !== -1 && /[\u0000-\u001f]/.test(object)) return refuse(`git show: '${show(object)}' holds a control character`);
    return { ok: true, revisions: [object], pathOperands: [] };
  }
  if (subcommand === 'status') return { ok: true, revisions: [], pathOperands: [...operands, ...(paths ?? [])] };
  const revisions: string[] = [];
  const pathOperands = [...(paths ?? [])];
  for (const operand of operands) {
    if (paths === undefined && exists(operand)) pathOperands.push(operand);
    else if (REVISION.test(operand)) revisions.push(operand);
    else return refuse(`git ${subcommand}: '${show(operand)}' is neither a file here nor a revision this git accepts (${revisionHint})`);
  }
  const most = subcommand === 'diff' ? 2 : 4;
  if (revisions.length > most) return refuse(`git ${subcommand}: at most ${most} revisions`);
  return { ok: true, revisions, pathOperands };
}

const revisionHint = 'a branch, tag or hash, HEAD~N, a..b; no reflog @{...}';

function pathProblem(operand: string, checkPath: PathCheck): string | undefined {
  if (operand === '') return 'an empty path';
  // Pathspec magic (`:(top)`, `:!x`) is git's own syntax for paths; plain paths are enough here.
  if (operand.startsWith(':')) return 'pathspec magic is not supported; name the path';
  if (/[\u0000-\u001f]/.test(operand)) return 'it holds a control character';
  return checkPath(operand);
}

const isSubcommand = (word: string): word is Subcommand => (GIT_SUBCOMMANDS as readonly string[]).includes(word);

const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** An argument as a refusal quotes it: short, on one line. */
function show(arg: string): string {
  const flat = arg.replace(/[\u0000-\u001f\u007f]/g, '?');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
