import { parseCommandEntry, type CommandEntry, type EntryWord } from '../definitions/command-entry.js';
import { SandboxError } from './errors.js';
import { truncate } from '../text/index.js';

/**
 * The `commands:` allow-list grouped by program (`npm test`, `git diff {args}` → npm: [test], git: [diff {args}]).
 * Refuses an entry the grammar refuses (see command-entry.ts). No just-bash here, so the deferred sandbox
 * can check the list at once.
 */
export function commandEntries(allowList: string[]): Map<string, CommandEntry[]> {
  const byProgram = new Map<string, CommandEntry[]>();
  for (const text of allowList) {
    const parsed = parseCommandEntry(text);
    if (!parsed.ok) throw new SandboxError('EINVAL', `commands: ${parsed.problem}. ${parsed.fix}`);
    const { entry } = parsed;
    byProgram.set(entry.program, [...(byProgram.get(entry.program) ?? []), entry]);
  }
  return byProgram;
}

/** Why an argv (after the program) does not fit one entry, and how many of its arguments did. */
interface Misfit {
  fitted: number;
  problem: string;
  /** The argument refused is an option: the one reason worth a word on how options are allowed. */
  option: boolean;
}

/**
 * Undefined when `args` fits one of the program's entries; else the refusal the model reads: what was
 * refused and why (judged against the entry that fitted the most arguments), and what the entries allow.
 */
export function refusal(program: string, entries: CommandEntry[], args: string[]): string | undefined {
  let closest: Misfit | undefined;
  for (const entry of entries) {
    const misfit = judge(entry.words, args);
    if (misfit === undefined) return undefined;
    if (closest === undefined || misfit.fitted > closest.fitted) closest = misfit;
  }
  const allowed = entries.map((entry) => `'${entry.text}'`).join(', ');
  const why = closest === undefined ? '' : `${closest.problem}; `;
  const hint = closest?.option ? ' (an option is accepted only where an entry writes it out)' : '';
  return `${program}: refused: ${why}the agent's commands: allow only ${allowed}${hint}\n`;
}

function judge(words: EntryWord[], args: string[]): Misfit | undefined {
  for (const [index, word] of words.entries()) {
    if (word.kind === 'operands') {
      for (let rest = index; rest < args.length; rest++) {
        const misfit = operandMisfit(args[rest]!, rest);
        if (misfit) return misfit;
      }
      return undefined;
    }
    const arg = args[index];
    if (arg === undefined) return { fitted: index, problem: 'too few arguments', option: false };
    if (word.kind === 'operand') {
      const misfit = operandMisfit(arg, index);
      if (misfit) return misfit;
    } else if (arg !== word.text) {
      return isOption(arg) ? optionMisfit(arg, index) : { fitted: index, problem: `${show(arg)} fits no entry`, option: false };
    }
  }
  const extra = args[words.length];
  if (extra === undefined) return undefined;
  return isOption(extra) ? optionMisfit(extra, words.length) : { fitted: words.length, problem: `${show(extra)} is an extra argument`, option: false };
}

function operandMisfit(arg: string, index: number): Misfit | undefined {
  if (arg === '') return { fitted: index, problem: 'an empty argument is not an operand', option: false };
  return isOption(arg) ? optionMisfit(arg, index) : undefined;
}

const isOption = (arg: string): boolean => arg.startsWith('-');

const optionMisfit = (arg: string, index: number): Misfit => ({
  fitted: index,
  problem: `${show(arg)} is an option`,
  option: true,
});

/** An argument as the refusal quotes it: short, on one line. */
function show(arg: string): string {
  const flat = arg.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `'${truncate(flat, 60, '...')}'`;
}
