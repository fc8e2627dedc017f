/**
 * The `grep` tool's patterns, run by RE2 (re2js): time linear in the line whatever the pattern. A JS
 * RegExp backtracks: `^(\w+\s?)+$` over a LICENSE file never returns, and since the match is
 * synchronous the event loop stops with it, so neither the run's time limit nor SIGTERM can fire.
 * RE2 has no lookaround and no backreferences (nothing that needs backtracking); those get a message
 * naming the construct and the way out.
 */
import { RE2JS, RE2JSException } from 're2js';
import type { Compiled } from './compiled.js';

export interface LinePattern {
  /** Whether the pattern occurs anywhere in `line`. */
  test(line: string): boolean;
  /**
   * RE2's program size: the worst case of one test is proportional to it times the line's length
   * (each input character steps every live state), so grep can refuse a line that would take too long.
   */
  cost: number;
}

const FIX = 'or set literal: true to search for the text as is';

/** A test for one line of text: the pattern found anywhere in it, as a regex or (`literal`) as text. */
export function compileLinePattern(pattern: string, options: { literal?: boolean } = {}): Compiled<LinePattern> {
  let regex: RE2JS;
  try {
    // JS spellings RE2 lacks (`\u00e9`, `\cA`, `(?<name>`) become RE2's; the meaning is kept.
    regex = RE2JS.compile(options.literal ? RE2JS.quote(pattern) : RE2JS.translateRegExp(pattern));
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    const unsupported = unsupportedConstruct(pattern);
    if (unsupported) {
      return {
        ok: false,
        problem:
          `${unsupported} is not supported: grep runs RE2, which matches in linear time and has no lookaround ` +
          `or backreferences. Rewrite the pattern without it (match more, then read the lines), ${FIX}.`,
      };
    }
    const why = error.message.replace(/^error parsing regexp: /, '');
    return { ok: false, problem: `Invalid pattern: ${why}. Fix the pattern (RE2 syntax), ${FIX}.` };
  }
  return { ok: true, value: { test: (line) => regex.test(line), cost: regex.programSize() } };
}

/** Names the first lookaround or backreference in `pattern` (outside classes and escapes), if any. */
function unsupportedConstruct(pattern: string): string | undefined {
  let inClass = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index];
    const rest = pattern.slice(index, index + 4);
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `The backreference '\\${next}'`;
      if (!inClass && next === 'k' && pattern[index + 2] === '<') return "The named backreference '\\k<…>'";
      index += 1;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (rest.startsWith('(?=')) return "Lookahead '(?=…)'";
    else if (rest.startsWith('(?!')) return "Negative lookahead '(?!…)'";
    else if (rest.startsWith('(?<=')) return "Lookbehind '(?<=…)'";
    else if (rest.startsWith('(?<!')) return "Negative lookbehind '(?<!…)'";
  }
  return undefined;
}
