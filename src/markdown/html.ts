/**
 * Raw HTML as a browser reads it. A markdown renderer passes raw HTML through untouched, so what a
 * reader sees of it is what the browser's tokenizer makes of it, not what CommonMark says its
 * extent is: `<!-- a --!> b -->` is a comment up to `--!>` for a browser (CommonMark: up to `-->`),
 * and `<![CDATA[ a > b ]]>` a bogus comment up to the first `>`.
 *
 * This is the tokenizer's data state only (no `<script>` or `<textarea>` raw text, no foreign
 * content): enough to tell the text a reader sees from tags and from hidden text, in linear time.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';

/**
 * A stretch of raw HTML: text a reader sees, a tag, or hidden text: a comment (`<!-- -->`, and what
 * a browser reads as one: `<?...>`, `<!...>`), or a doctype, which a browser drops without a trace,
 * so that the text on both sides of it joins.
 */
export interface HtmlPiece {
  readonly kind: 'text' | 'tag' | 'hidden' | 'doctype';
  readonly from: number;
  readonly to: number;
}

export function scanHtml(html: string): HtmlPiece[] {
  const pieces: HtmlPiece[] = [];
  let textStart = 0;
  let cursor = 0;
  while (cursor < html.length) {
    const open = html.indexOf('<', cursor);
    if (open === -1) break;
    const markup = markupAt(html, open);
    if (markup === undefined) {
      cursor = open + 1;
      continue;
    }
    if (open > textStart) pieces.push({ kind: 'text', from: textStart, to: open });
    pieces.push({ kind: markup.kind, from: open, to: markup.end });
    textStart = cursor = markup.end;
  }
  if (html.length > textStart) pieces.push({ kind: 'text', from: textStart, to: html.length });
  return pieces;
}

/** The markup starting at `html[at] === '<'`, or undefined when that `<` is text. */
function markupAt(html: string, at: number): { kind: HtmlPiece['kind']; end: number } | undefined {
  const next = html[at + 1];
  if (html.startsWith('<!--', at)) return { kind: 'hidden', end: commentEnd(html, at + 4) };
  // Declarations, CDATA outside SVG/MathML, processing instructions and `</ x>`: bogus comments up to the first `>`.
  const bogus = () => ({ kind: 'hidden' as const, end: endAfter(html, '>', at + 2) });
  if (next === '!' && html.slice(at + 2, at + 9).toLowerCase() === 'doctype') return { kind: 'doctype', end: endAfter(html, '>', at + 2) };
  if (next === '!' || next === '?') return bogus();
  if (next === '/') {
    const first = html[at + 2];
    if (first === undefined) return undefined;
    if (first === '>') return { kind: 'hidden', end: at + 3 };
    return isAsciiAlpha(first) ? tagAt(html, at + 2) : bogus();
  }
  return next !== undefined && isAsciiAlpha(next) ? tagAt(html, at + 1) : undefined;
}

/** Where a comment whose text starts at `from` ends: `<!-->`, `<!--->`, then the first `-->` or `--!>`. */
function commentEnd(html: string, from: number): number {
  if (html[from] === '>') return from + 1;
  if (html.startsWith('->', from)) return from + 2;
  for (let search = from; ; ) {
    const dashes = html.indexOf('--', search);
    if (dashes === -1) return html.length;
    if (html[dashes + 2] === '>') return dashes + 3;
    if (html.startsWith('!>', dashes + 2)) return dashes + 4;
    search = dashes + 1;
  }
}

/** A start or end tag whose name starts at `name`; attribute values may hold `>` inside quotes. */
function tagAt(html: string, name: number): { kind: 'tag' | 'hidden'; end: number } {
  const length = html.length;
  let at = name;
  while (at < length && !isHtmlSpace(html[at]) && html[at] !== '/' && html[at] !== '>') at += 1;
  for (;;) {
    while (at < length && (isHtmlSpace(html[at]) || html[at] === '/')) at += 1;
    // A tag cut by the end of the input is dropped by the browser, with everything after its `<`.
    if (at >= length) return { kind: 'hidden', end: length };
    if (html[at] === '>') return { kind: 'tag', end: at + 1 };
    // An attribute name; its first character may be `=`.
    at += 1;
    while (at < length && !isHtmlSpace(html[at]) && !'/>='.includes(html[at] as string)) at += 1;
    while (at < length && isHtmlSpace(html[at])) at += 1;
    if (html[at] !== '=') continue;
    at += 1;
    while (at < length && isHtmlSpace(html[at])) at += 1;
    const quote = html[at];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, at + 1);
      if (close === -1) return { kind: 'hidden', end: length };
      at = close + 1;
    } else {
      while (at < length && !isHtmlSpace(html[at]) && html[at] !== '>') at += 1;
    }
  }
}

function endAfter(html: string, needle: string, from: number): number {
  const found = html.indexOf(needle, from);
  return found === -1 ? html.length : found + needle.length;
}

function isHtmlSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';
}

function isAsciiAlpha(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

/**
 * HTML text with its character references decoded as a browser decodes them in text: numeric ones
 * with or without `;`, named ones with `;`. Of the legacy names a browser also takes without `;`,
 * only `&shy` matters here (it renders as nothing, so it can split a token the page shows whole);
 * the others decode to visible punctuation or accented letters.
 */
export function decodeHtmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(HTML_REFERENCE, (whole: string, hex?: string, decimal?: string, name?: string, semicolon?: string) => {
    if (hex !== undefined) return decodeNumericCharacterReference(hex, 16);
    if (decimal !== undefined) return decodeNumericCharacterReference(decimal, 10);
    const named = semicolon === ';' && name !== undefined ? decodeNamedCharacterReference(name) : false;
    if (named !== false) return named;
    return name?.startsWith('shy') ? `\u00ad${whole.slice(4)}` : whole;
  });
}

const HTML_REFERENCE = /&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*))(;?)/g;

/** A markdown character reference token's source (`&amp;`, `&#64;`, `&#x40;`), decoded as CommonMark does. */
export function decodeMarkdownReference(source: string): string {
  const body = source.slice(1, -1);
  if (body.startsWith('#x') || body.startsWith('#X')) return decodeNumericCharacterReference(body.slice(2), 16);
  if (body.startsWith('#')) return decodeNumericCharacterReference(body.slice(1), 10);
  return decodeNamedCharacterReference(body) || source;
}
