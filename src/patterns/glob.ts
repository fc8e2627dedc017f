/**
 * Globs matched by RE2 (re2js), in time linear in the path whatever the pattern. picomatch compiles
 * a glob to a backtracking JS RegExp: `*a*a*a*a*a*a*a*a*a*a*b` against a 60-character name ran for
 * minutes with the event loop blocked, and extglobs like `+(a|aa)+` are exponential. The model
 * writes grep and glob patterns, so the syntax kept is what code globs use, and nothing else:
 *
 *   `*` any characters but `/` · `?` one character but `/` · `**` as a whole segment, any depth ·
 *   `[abc]` `[a-z]` `[!a]` `[^a]` `[[:alpha:]]` · `{a,b}` (nestable) · `\x` the character x ·
 *   a leading `!` negates.
 *
 * Extglobs (`+(…)`, `*(…)`, `?(…)`, `@(…)`, `!(…)`) and brace ranges (`{1..9}`) are refused with a
 * message saying what to write instead; other parentheses and `|` are plain characters.
 */
import { RE2JS, RE2JSException } from 're2js';
import { quoteForRe2, type Compiled } from './compiled.js';

export interface GlobOptions {
  /** A pattern without `/` matches the last segment of the path (grep's `include: '*.ts'`). */
  basename?: boolean;
  /** Case-insensitive (label names on GitHub and GitLab). */
  nocase?: boolean;
}

export type GlobMatcher = (path: string) => boolean;

/** A matcher for `pattern`, or the problem with it, phrased for the person or model who wrote it. */
export function compileGlob(pattern: string, options: GlobOptions = {}): Compiled<GlobMatcher> {
  let body = pattern;
  let negated = false;
  while (body.startsWith('!') && !body.startsWith('!(')) {
    negated = !negated;
    body = body.slice(1);
  }
  // Paths are matched without a leading `./`, so a pattern written with one still matches.
  body = body.replace(/^(\.\/)+/, '');
  let regex: RE2JS;
  try {
    // (?s): a file name may hold a newline, and `**` must cross it.
    regex = RE2JS.compile(`(?s)${options.nocase ? '(?i)' : ''}${new GlobTranslator(body).translate()}`);
  } catch (error) {
    // A GlobProblem, or RE2 refusing what the translation made (a pattern too large to compile).
    if (error instanceof GlobProblem || error instanceof RE2JSException) {
      return { ok: false, problem: `glob '${pattern}': ${error.message}` };
    }
    throw error;
  }
  const onBasename = (options.basename ?? false) && !body.includes('/');
  return {
    ok: true,
    value: (path) => regex.testExact(onBasename ? path.slice(path.lastIndexOf('/') + 1) : path) !== negated,
  };
}

class GlobProblem extends Error {}

/** RE2's ASCII classes, usable as `[[:name:]]` in a glob as in RE2. */
const POSIX_CLASSES = new Set([
  'alnum',
  'alpha',
  'ascii',
  'blank',
  'cntrl',
  'digit',
  'graph',
  'lower',
  'print',
  'punct',
  'space',
  'upper',
  'word',
  'xdigit',
]);

/**
 * One pass over the glob, building RE2 source. Brace pairs are found first (a stack, one pass), so
 * the translation never backs up: an unmatched `{` is text, and every character is read once.
 */
class GlobTranslator {
  private at = 0;
  /** The index of the `}` closing each `{` that opens a group of two or more alternatives. */
  private readonly groups = new Map<number, number>();

  constructor(private readonly glob: string) {
    const open: Array<{ index: number; comma: boolean }> = [];
    for (let index = 0; index < glob.length; index += 1) {
      const char = glob[index];
      if (char === '\\') index += 1;
      else if (char === '[') index = classEnd(glob, index) ?? index;
      else if (char === '{') open.push({ index, comma: false });
      else if (char === ',' && open.length > 0) (open.at(-1) as { comma: boolean }).comma = true;
      else if (char === '}') {
        const group = open.pop();
        if (group === undefined) continue;
        const inner = glob.slice(group.index + 1, index);
        if (!group.comma && /^[^{}]*\.\.[^{}]*$/.test(inner)) {
          throw new GlobProblem(`brace range '{${inner}}' is not supported; list the values instead, like {1,2,3}`);
        }
        if (group.comma) this.groups.set(group.index, index);
      }
    }
  }

  translate(): string {
    return this.sequence(undefined);
  }

  /** Until the end, or (inside a group closing at `close`) the `,` or `}` that ends this alternative. */
  private sequence(close: number | undefined): string {
    let out = '';
    while (this.at < this.glob.length) {
      const char = this.glob[this.at] as string;
      if (close !== undefined && (char === ',' || this.at === close)) break;
      out += this.step(char);
    }
    return out;
  }

  private step(char: string): string {
    const next = this.glob[this.at + 1];
    if ('*?+@!'.includes(char) && next === '(') {
      throw new GlobProblem(`extglob '${char}(…)' is not supported; use braces {a,b} for alternatives, or \\( for a literal parenthesis`);
    }
    switch (char) {
      case '\\':
        this.at += next === undefined ? 1 : 2;
        return quoteForRe2(next ?? '\\');
      case '*':
        return this.stars();
      case '?':
        this.at += 1;
        return '[^/]';
      case '[':
        return this.characterClass();
      case '{':
        return this.group();
      case '/':
        return this.slash();
      default:
        this.at += 1;
        return quoteForRe2(char);
    }
  }

  // `a/**` matches `a` itself too, as in picomatch, and so does `a/**/**`: the slash before final globstars is optional.
  private slash(): string {
    const tail = /^(?:\/\*\*)+/.exec(this.glob.slice(this.at))?.[0] ?? '';
    if (tail !== '' && this.endsSegmentAt(this.at + tail.length)) {
      this.at += tail.length;
      return '(?:/.*)?';
    }
    this.at += 1;
    return '/';
  }

  private stars(): string {
    const start = this.at;
    while (this.glob[this.at] === '*') this.at += 1;
    const before = this.glob[start - 1];
    const wholeSegment = this.at - start === 2 && (before === undefined || '/{,'.includes(before));
    if (!wholeSegment) return '[^/]*';
    if (this.glob[this.at] === '/') {
      this.at += 1;
      return '(?:.*/)?';
    }
    return this.endsSegmentAt(this.at) ? '.*' : '[^/]*';
  }

  private endsSegmentAt(index: number): boolean {
    const after = this.glob[index];
    return after === undefined || after === '}' || after === ',';
  }

  /** `[…]`; an unclosed `[` is the character itself. */
  private characterClass(): string {
    const end = classEnd(this.glob, this.at);
    if (end === undefined) {
      this.at += 1;
      return quoteForRe2('[');
    }
    let index = this.at + 1;
    const negated = this.glob[index] === '!' || this.glob[index] === '^';
    if (negated) index += 1;
    let body = '';
    while (index < end) {
      const posix = /^\[:([a-z]+):\]/.exec(this.glob.slice(index, index + 12));
      if (posix && POSIX_CLASSES.has(posix[1] as string)) {
        body += posix[0];
        index += posix[0].length;
        continue;
      }
      const [low, lowLength] = classCharacter(this.glob, index);
      index += lowLength;
      if (this.glob[index] === '-' && index + 1 < end) {
        const [high, highLength] = classCharacter(this.glob, index + 1);
        if ((high.codePointAt(0) ?? 0) < (low.codePointAt(0) ?? 0)) {
          throw new GlobProblem(`range '${low}-${high}' in [...] runs backwards; write it low to high`);
        }
        body += `${classQuote(low)}-${classQuote(high)}`;
        index += 1 + highLength;
      } else {
        body += classQuote(low);
      }
    }
    this.at = end + 1;
    return negated ? `[^/${body}]` : `[${body}]`;
  }

  /** `{a,b}` as an RE2 alternation; `{a}` and an unmatched `{` are text, as in bash and picomatch. */
  private group(): string {
    const close = this.groups.get(this.at);
    this.at += 1;
    if (close === undefined) return quoteForRe2('{');
    const alternatives = [this.sequence(close)];
    while (this.at < close) {
      this.at += 1; // the comma
      alternatives.push(this.sequence(close));
    }
    this.at = close + 1;
    return `(?:${alternatives.join('|')})`;
  }
}

/**
 * The index of the `]` closing the class opened at `open`, or undefined when it is not closed. A `]`
 * right after `[`, `[!` or `[^` is a member, and `\\]` is escaped, as in bash.
 */
function classEnd(glob: string, open: number): number | undefined {
  let index = open + 1;
  if (glob[index] === '!' || glob[index] === '^') index += 1;
  if (glob[index] === ']') index += 1;
  for (; index < glob.length; index += 1) {
    if (glob[index] === '\\') index += 1;
    else if (glob[index] === '[' && glob[index + 1] === ':') {
      const posixEnd = glob.indexOf(':]', index + 2);
      if (posixEnd !== -1 && POSIX_CLASSES.has(glob.slice(index + 2, posixEnd))) index = posixEnd + 1;
    } else if (glob[index] === ']') return index;
  }
  return undefined;
}

/** The character at `index` inside a class (`\\x` is x), and how many pattern characters it took. */
function classCharacter(glob: string, index: number): [string, number] {
  const escaped = glob[index] === '\\' ? 1 : 0;
  const char = String.fromCodePoint(glob.codePointAt(index + escaped) ?? 0);
  return [char, escaped + char.length];
}

const classQuote = (char: string): string => (/[\\\][^-]/.test(char) ? `\\${char}` : char);

/**
 * Any of `patterns` (label globs an agent file lists). A pattern that does not compile matches
 * nothing: definitions are checked when they load, so this only guards code that skipped that.
 */
export function compileGlobList(patterns: readonly string[], options: GlobOptions = {}): GlobMatcher {
  const matchers = patterns.map((pattern) => compileGlob(pattern, options)).flatMap((c) => (c.ok ? [c.value] : []));
  return (path) => matchers.some((matches) => matches(path));
}
