/**
 * Mentions a platform would turn into notifications, neutralized: a zero-width space after the `@`
 * keeps the text reading `@name` but no longer mentions anyone (users and teams, `@org/team`).
 *
 * GitHub's mention filter looks for `@name` at the start of a text node of the rendered page or
 * after a non-word character, outside `<a>`, `<code>` and `<pre>`. Here: every text node of the page
 * but code (a `suggestion` block or an `@Override` must apply as written) and URLs (autolinks and
 * link destinations: `https://medium.com/@name` must stay a working link, and a platform does not
 * notify from a link). Link text, titles and labels are read as prose: a stray invisible character
 * there costs nothing. Text that renders as `@` (`\@name`, `&#64;name`) is neutralized after the
 * escape or reference. Raw HTML is read as prose too, attributes included: a browser, not the
 * markdown parser, decides what in it is text.
 *
 * A reference link finds its definition by the source of its label (`[@name]` and `[@name]: url`),
 * so labels that are keys are neutralized by their source, every `@name` in them, and the same way
 * on both sides: the link keeps working.
 */
import { applyEdits, type Edit } from './edits.js';
import { neutralizeEveryMention } from './hostile.js';
import { parseMarkdown, type Markdown } from './parse.js';
import { exitOf, sourceOffset, walkText, type TextPiece } from './text.js';
import { ZERO_WIDTH_SPACE } from './zero-width.js';

/** Code and URLs keep their bytes. */
const NOT_PROSE = new Set(['codeText', 'codeFenced', 'codeIndented', 'autolink', 'literalAutolink', 'resourceDestination', 'definitionDestination']);

/**
 * Raw HTML inside a text node: a browser may ignore the tag (a stray `</b>`), and the text on both
 * sides then joins, so `@</b>name` is a mention while `x</b>@name` still starts one after the tag.
 */
const MARKUP = '\ue000';

/**
 * In raw HTML: `@` or a reference to it (a browser takes numeric ones without `;`), after a
 * non-word character or a line start, before a name character or another reference.
 */
const RAW_HTML_MENTION = /(?<![A-Za-z0-9_])(?:@|&#0*64(?![0-9]);?|&#[xX]0*40(?![0-9A-Fa-f]);?|&commat;)(?=[A-Za-z0-9&])/g;

/** In a label that is a key: `@` or a markdown reference to it, wherever it stands (its source does not say what markup surrounds it). */
const LABEL_MENTION = /(?:@|&#0*64(?![0-9]);|&#[xX]0*40(?![0-9A-Fa-f]);|&commat;)(?=[A-Za-z0-9&])/g;

/** Label strings that only ever serve as keys: definitions' labels, full references' second label, footnote labels. */
const KEYS = new Set(['definitionLabelString', 'referenceString', 'gfmFootnoteCallString', 'gfmFootnoteDefinitionLabelString']);

/** `markdown` with every mention neutralized; a body too costly to parse gets a zero-width space after every `@name`. */
export function neutralizeMentions(markdown: string): string {
  const doc = parseMarkdown(markdown);
  return doc === undefined ? neutralizeEveryMention(markdown) : applyEdits(markdown, mentionEdits(doc));
}

/** The insertions that neutralize every mention of `doc`. */
export function mentionEdits(doc: Markdown): Edit[] {
  // Insertion points: the text node walk and the source rules can pick the same one.
  const points = new Set<number>();
  let node: TextPiece[] = [];
  const endNode = () => {
    if (node.length > 0) neutralizeTextNode(node, points);
    node = [];
  };
  const { events, source } = doc;
  walkText(doc, (token) => NOT_PROSE.has(token.type), {
    text: (piece) => node.push(piece),
    boundary: endNode,
    html(raw) {
      for (const match of raw.html.matchAll(RAW_HTML_MENTION)) points.add(sourceOffset(raw, match.index + match[0].length));
      node.push({ text: MARKUP, from: raw.lines[0]?.from ?? 0, to: raw.lines[0]?.from ?? 0, exact: false });
    },
  });
  endNode();
  for (let index = 0; index < events.length; index++) {
    const [kind, token] = events[index] as (typeof events)[number];
    if (kind !== 'enter' || !(KEYS.has(token.type) || (token.type === 'labelText' && isKeyLabel(events, index)))) continue;
    const from = token.start.offset;
    for (const match of source.slice(from, token.end.offset).matchAll(LABEL_MENTION)) points.add(from + match.index + match[0].length);
  }
  return [...points].map((at) => ({ from: at, to: at, text: ZERO_WIDTH_SPACE }));
}

/**
 * Whether the link text entered at `events[index]` is also its link's key: a shortcut (`[x]`) or
 * collapsed (`[x][]`) reference, not an inline link (`[x](url)`) or a full reference (`[x][y]`).
 */
function isKeyLabel(events: Markdown['events'], index: number): boolean {
  let label = exitOf(events, index);
  while ((events[label] as (typeof events)[number])[1].type !== 'label') label += 1;
  const next = events[label + 1];
  if (next === undefined || next[0] === 'exit') return true;
  if (next[1].type !== 'reference') return false;
  // A reference is `[`, then its label string (full) or at once `]` (collapsed).
  return (events[label + 4] as (typeof events)[number])[1].type !== 'referenceString';
}

function neutralizeTextNode(pieces: readonly TextPiece[], points: Set<number>): void {
  const text = pieces.map((piece) => piece.text).join('');
  let pieceIndex = 0;
  let pieceStart = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let next = at + 1;
    while (text[next] === MARKUP) next += 1;
    if ((at > 0 && isWordCharacter(text[at - 1])) || !isNameStart(text[next])) continue;
    let piece = pieces[pieceIndex] as TextPiece;
    while (pieceStart + piece.text.length <= at) {
      pieceStart += piece.text.length;
      piece = pieces[++pieceIndex] as TextPiece;
    }
    // After the `@` itself, or after the escape or reference that renders as it.
    const point = piece.exact ? piece.from + (at - pieceStart) + 1 : piece.to;
    points.add(point);
  }
}

/** GitHub's `\w`: `user@example.com` and `snake_@case` mention nobody. */
function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_]/.test(char);
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9]/.test(char);
}
