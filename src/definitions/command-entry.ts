/**
 * The grammar of a `commands:` entry, the public contract of which real processes an agent may start.
 * An entry is split on whitespace (no quoting). The first word is the program, found on PATH. Every
 * other word is either a literal, which the argument in its place must equal exactly, or a placeholder:
 *
 * - `{arg}`: exactly one operand;
 * - `{args}`: zero or more operands, only as the last word.
 *
 * An operand is a non-empty argument that does not start with `-`: an option never enters through a
 * placeholder, and nothing may follow the last word of an entry. An option the agent needs is written
 * out literally (`npm test -- --ci`, `pytest -q {args}`). Options after a prefix are what turned
 * `git log` into a file writer (`--output=`) and `npm test` into a JS runner (`--node-options=`).
 *
 * Pure and free of imports: the definitions stage validates entries with it as the agent is loaded,
 * and the sandbox parses them again (its own callers may not have come through a definition).
 */

/** One word of an entry after the program. */
export type EntryWord = { kind: 'literal'; text: string } | { kind: 'operand' } | { kind: 'operands' };

export interface CommandEntry {
  /** The entry with its words separated by single spaces: how messages show it. */
  text: string;
  program: string;
  words: EntryWord[];
}

export type EntryParse = { ok: true; entry: CommandEntry } | { ok: false; problem: string; fix: string };

export const ARG = '{arg}';
export const ARGS = '{args}';

const PLACEHOLDER_FIX = `Placeholders are ${ARG} (exactly one operand) and ${ARGS} (zero or more operands, as the last word); write an option out literally, such as "pytest -q ${ARGS}"`;

export function parseCommandEntry(entry: string): EntryParse {
  const split = entry
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const [program, ...rest] = split;
  const text = split.join(' ');
  if (program === undefined) return refused('an entry is empty', 'Write a program and its arguments, such as "npm test"');
  if (looksLikePlaceholder(program)) {
    return refused(`"${text}" starts with a placeholder`, `Start with the program's name, such as "git diff ${ARGS}"`);
  }
  if (program.includes('/') || program.includes('\\')) {
    // just-bash runs `./x` by interpreting the file itself, so such an entry would never reach a real process.
    return refused(
      `"${text}": a real command starts with a program name found on PATH, not a path`,
      `Name a program found on PATH ("${[program.split(/[/\\]/).pop(), ...rest].join(' ')}"); to run a script of the repository, write "sh ${text}"`,
    );
  }
  const words: EntryWord[] = [];
  for (const [index, word] of rest.entries()) {
    if (word === ARGS) {
      if (index !== rest.length - 1) return refused(`"${text}": ${ARGS} must be the last word`, PLACEHOLDER_FIX);
      words.push({ kind: 'operands' });
    } else if (word === ARG) {
      words.push({ kind: 'operand' });
    } else if (looksLikePlaceholder(word)) {
      return refused(`"${text}": ${word} is not a placeholder`, PLACEHOLDER_FIX);
    } else if (word.includes(ARG) || word.includes(ARGS)) {
      // `--out={arg}` would be an option chosen by the model: the one thing placeholders never give.
      return refused(`"${text}": a placeholder is a whole word, not part of "${word}"`, PLACEHOLDER_FIX);
    } else {
      words.push({ kind: 'literal', text: word });
    }
  }
  return { ok: true, entry: { text, program, words } };
}

/** `{foo}`: braces around a name, the shape of a placeholder (`{}` alone is a literal, as `find` uses it). */
const looksLikePlaceholder = (word: string): boolean => /^\{[^{}\s]+\}$/.test(word);

const refused = (problem: string, fix: string): EntryParse => ({ ok: false, problem, fix });
