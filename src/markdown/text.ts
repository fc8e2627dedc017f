/**
 * The text a reader of the rendered page sees, read from the parse: text nodes as the page will hold
 * them (character references and escapes decoded, raw HTML reduced to its visible text), each piece
 * with the source range it came from, so a caller can edit the source where the page shows something.
 */
import type { Token } from 'micromark-util-types';
import { decodeHtmlText, decodeMarkdownReference, scanHtml } from './html.js';
import type { Markdown } from './parse.js';

/** Text of the rendered page, and the source it came from. */
export interface TextPiece {
  readonly text: string;
  readonly from: number;
  readonly to: number;
  /** `text` is `source.slice(from, to)` character for character; otherwise it is decoded (`\@`, `&#64;`) and only `to` is an edit point. */
  readonly exact: boolean;
}

export interface TextVisitor {
  /** Text in page order. Pieces with no `boundary()` between them are one text node of the page. */
  text(piece: TextPiece): void;
  /** A text node ends: an element starts or ends (emphasis, a link, a cell), or a tag, a comment, a line break. */
  boundary(): void;
  /**
   * Raw HTML, inline or a block. Without this callback its visible text goes to `text()` and each
   * tag or comment to `boundary()`, which is how a browser reads it, but for a tag it ignores (a
   * stray end tag): the text on both sides then joins.
   */
  html?(raw: RawHtml): void;
  /** Every token read that is not text itself (nor inside a skipped one), before what is inside it and after. */
  enter?(token: Token): void;
  exit?(token: Token): void;
}

/** Whether a view leaves out a token's text, and all text inside it. */
export type Skip = (token: Token) => boolean;

/** Tokens whose text is shown as written: plain text, code, the URL of an autolink. */
const LITERAL = new Set([
  'data',
  'codeTextData',
  'codeFlowValue',
  'autolinkProtocol',
  'autolinkEmail',
  'literalAutolinkHttp',
  'literalAutolinkWww',
  'literalAutolinkEmail',
]);

/**
 * Container prefixes inside a paragraph (`> ` or a list item's indent on a continuation line), and
 * whitespace the renderer drops: the text node goes on across them.
 */
const TRANSPARENT = new Set(['linePrefix', 'listItemIndent', 'blockQuotePrefix', 'lineSuffix']);

/**
 * Walks the page's text. A token `skip` takes is not read, nor anything inside it: a reader neither
 * sees its text nor sees it join the text around it.
 */
export function walkText(doc: Markdown, skip: Skip, visitor: TextVisitor): void {
  const { source, events } = doc;
  for (let index = 0; index < events.length; index++) {
    const [kind, token] = events[index] as (typeof events)[number];
    if (kind === 'exit') {
      if (!TRANSPARENT.has(token.type) && !LITERAL.has(token.type)) {
        visitor.boundary();
        visitor.exit?.(token);
      }
      continue;
    }
    const from = token.start.offset;
    const to = token.end.offset;
    if (LITERAL.has(token.type)) {
      if (to > from) visitor.text({ text: source.slice(from, to), from, to, exact: true });
      continue;
    }
    // A line ending, an escape or a reference is text of the same node as the text around it.
    if (token.type === 'lineEnding') {
      visitor.text({ text: '\n', from, to: from, exact: false });
      index = exitOf(events, index);
      continue;
    }
    if (token.type === 'characterEscape' || token.type === 'characterReference') {
      const written = source.slice(from, to);
      const text = token.type === 'characterEscape' ? written.slice(1) : decodeMarkdownReference(written);
      visitor.text({ text, from, to, exact: false });
      index = exitOf(events, index);
      continue;
    }
    if (TRANSPARENT.has(token.type)) {
      index = exitOf(events, index) - 1;
      continue;
    }
    visitor.enter?.(token);
    if ((token.type === 'htmlText' || token.type === 'htmlFlow') && !skip(token)) {
      const exit = exitOf(events, index);
      const raw = rawHtmlAt(doc, index, exit);
      if (visitor.html) visitor.html(raw);
      else htmlText(raw, visitor);
      visitor.exit?.(token);
      index = exit;
      continue;
    }
    visitor.boundary();
    if (skip(token)) index = exitOf(events, index) - 1;
  }
}

/** The index of the exit event of the token entered at `events[enter]`. */
export function exitOf(events: Markdown['events'], enter: number): number {
  const token = (events[enter] as (typeof events)[number])[1];
  let index = enter + 1;
  while ((events[index] as (typeof events)[number])[1] !== token) index += 1;
  return index;
}

/** A raw HTML token's text as the browser gets it: its lines joined by `\n`, container prefixes left out. */
export interface RawHtml {
  readonly html: string;
  /** Where each line of `html` starts, in `html` and in the source. */
  readonly lines: readonly { readonly at: number; readonly from: number }[];
}

/** The raw HTML of the htmlText or htmlFlow token whose enter and exit events are `enter` and `exit`. */
export function rawHtmlAt(doc: Markdown, enter: number, exit: number): RawHtml {
  let html = '';
  const lines: { at: number; from: number }[] = [];
  for (let index = enter + 1; index < exit; index++) {
    const [kind, token] = doc.events[index] as (typeof doc.events)[number];
    if (kind !== 'enter') continue;
    if (token.type === 'lineEnding') html += '\n';
    if (token.type !== 'htmlTextData' && token.type !== 'htmlFlowData') continue;
    lines.push({ at: html.length, from: token.start.offset });
    html += doc.source.slice(token.start.offset, token.end.offset);
  }
  return { html, lines };
}

/** The source offset of `raw.html[at]` (or of the end of its line, for the `\n` between two lines). */
export function sourceOffset(raw: RawHtml, at: number): number {
  let low = 0;
  let high = raw.lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((raw.lines[middle] as RawHtml['lines'][number]).at <= at) low = middle;
    else high = middle - 1;
  }
  const line = raw.lines[low];
  return line === undefined ? 0 : line.from + (at - line.at);
}

/** Raw HTML's visible text, one piece per line, tags and hidden text as boundaries. */
function htmlText(raw: RawHtml, visitor: TextVisitor): void {
  for (const piece of scanHtml(raw.html)) {
    if (piece.kind === 'doctype') continue;
    if (piece.kind !== 'text') {
      visitor.boundary();
      continue;
    }
    let at = piece.from;
    while (at < piece.to) {
      const lineEnd = raw.html.indexOf('\n', at);
      const end = lineEnd === -1 || lineEnd >= piece.to ? piece.to : lineEnd;
      if (end > at) {
        const text = raw.html.slice(at, end);
        const decoded = decodeHtmlText(text);
        const from = sourceOffset(raw, at);
        visitor.text({ text: decoded, from, to: from + (end - at), exact: decoded === text });
      }
      if (end < piece.to) visitor.text({ text: '\n', from: sourceOffset(raw, end), to: sourceOffset(raw, end), exact: false });
      at = end + 1;
    }
  }
}
