/**
 * One GFM parse of a body, as micromark's event stream: every construct a renderer sees, with the
 * source offsets it came from. The sanitizer and the trigger-phrase check read markdown from this,
 * never with line regexes: raw HTML and autolinks take precedence over code spans, a table cell ends
 * a code span, a shorter fence closes nothing, and only a real parser gets all of that right.
 *
 * micromark is not linear on every input: thousands of quotes or lazy lines, runs of `_www.`, deep
 * nesting or thousands of emphasis delimiters in a paragraph take seconds to minutes for 64 KB, and
 * a stranger writes the comments the gate reads. So a parse has a budget (LIMITS): a clock checked
 * wherever micromark tries a construct, a count of the delimiters it pairs in the one step the clock
 * cannot reach, and a cap on containers opened on one line. Past any of them there is no parse, and
 * the caller treats the body as hostile.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import type { Construct, Event, Extension, ParseContext, Resolver } from 'micromark-util-types';
import { LIMITS } from '../limits.js';

/** Markdown text and its parse. */
export interface Markdown {
  readonly source: string;
  /** micromark's events: `['enter' | 'exit', token, context]`, tokens nested, offsets into `source`. */
  readonly events: readonly Event[];
}

/** Thrown inside micromark to abandon a parse over budget; never escapes this module. */
class OverBudget extends Error {}

let deadline = Number.POSITIVE_INFINITY;

/** Tried by micromark wherever it tries constructs (at line starts, at each possible inline construct): checks the clock, never matches. */
const clock: Construct = {
  name: 'flueParseClock',
  partial: true,
  tokenize: (_effects, _ok, nok) => (code) => {
    if (performance.now() > deadline) throw new OverBudget();
    return nok(code);
  },
};

// GitHub's flavour: autolink literals, footnotes, strikethrough, tables, task lists (tagfilter only changes HTML output).
const EXTENSIONS: Extension[] = [gfm(), { document: { null: [clock] }, flow: { null: [clock] }, string: { null: [clock] }, text: { null: [clock] } }];

/** When a parse starting now must be done by (`performance.now()` time): several parses of one body can share one. */
export function parseDeadline(): number {
  return performance.now() + LIMITS.markdownParseMs;
}

/** The parse of `source`, or undefined when it is over budget (see above), or `by` has passed. */
export function parseMarkdown(source: string, by: number = parseDeadline()): Markdown | undefined {
  if (deepestNesting(source) > LIMITS.markdownNesting) return undefined;
  deadline = by;
  try {
    const parser = withCountedDelimiters(parse({ extensions: EXTENSIONS }));
    const events = postprocess(parser.document().write(preprocess()(source, undefined, true)));
    return { source, events };
  } catch (error) {
    if (error instanceof OverBudget) return undefined;
    throw error;
  } finally {
    deadline = Number.POSITIVE_INFINITY;
  }
}

/** Delimiter runs each pairing step counts before it runs. */
const PAIRED: Readonly<Record<string, string>> = {
  attention: 'attentionSequence',
  strikethrough: 'strikethroughSequenceTemporary',
};

/**
 * The parser with emphasis and strikethrough pairing refusing (over budget) a paragraph with more
 * than LIMITS.markdownDelimiters delimiter runs. Both are registered in several construct lists (by
 * character, and for text inside links), so every list is rewritten.
 */
function withCountedDelimiters(parser: ParseContext): ParseContext {
  const counted = new Map<Construct, Construct>();
  const wrap = (construct: Construct): Construct => {
    const sequence = construct.name === undefined ? undefined : PAIRED[construct.name];
    const resolveAll = construct.resolveAll;
    if (sequence === undefined || resolveAll === undefined) return construct;
    let wrapped = counted.get(construct);
    if (wrapped === undefined) {
      const guarded: Resolver = (events, context) => {
        if (countEnters(events, sequence) > LIMITS.markdownDelimiters) throw new OverBudget();
        return resolveAll(events, context);
      };
      wrapped = { ...construct, resolveAll: guarded };
      counted.set(construct, wrapped);
    }
    return wrapped;
  };
  for (const map of Object.values(parser.constructs)) {
    if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
    const byCode = map as Record<string, unknown>;
    for (const [code, list] of Object.entries(byCode)) {
      if (Array.isArray(list)) byCode[code] = list.map((item: unknown) => (isConstruct(item) ? wrap(item) : item));
    }
  }
  return parser;
}

function isConstruct(value: unknown): value is Construct {
  return typeof value === 'object' && value !== null && 'tokenize' in value;
}

function countEnters(events: readonly Event[], type: string): number {
  let count = 0;
  for (const [kind, token] of events) if (kind === 'enter' && token.type === type) count += 1;
  return count;
}

/** The most containers (`>`, `-`, `*`, `+`, `1.`, `1)`) one line opens before its text. */
function deepestNesting(source: string): number {
  let deepest = 0;
  let depth = 0;
  let at = 0;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === '\n') {
      depth = 0;
      at += 1;
    } else if (char === ' ' || char === '\t') {
      at += 1;
    } else if (char === '>') {
      deepest = Math.max(deepest, ++depth);
      at += 1;
    } else if ((char === '-' || char === '*' || char === '+') && isBlank(source[at + 1])) {
      deepest = Math.max(deepest, ++depth);
      at += 1;
    } else if (char >= '0' && char <= '9') {
      let end = at;
      while (end - at < 9 && source[end] !== undefined && (source[end] as string) >= '0' && (source[end] as string) <= '9') end += 1;
      if ((source[end] === '.' || source[end] === ')') && isBlank(source[end + 1])) {
        deepest = Math.max(deepest, ++depth);
        at = end + 1;
      } else {
        at = skipLine(source, at);
      }
    } else {
      at = skipLine(source, at);
    }
  }
  return deepest;
}

function isBlank(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\n';
}

/** The index of the next line ending (where the nesting count restarts), or the end. */
function skipLine(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end === -1 ? source.length : end;
}
