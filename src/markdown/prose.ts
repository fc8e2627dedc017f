import type { Token } from 'micromark-util-types';
import type { Markdown } from './parse.js';
import { walkText } from './text.js';

/**
 * Not the author's own words: quotes (a reply quoting a request), code (documentation of a phrase),
 * URLs, and text the page does not show as text (image alt text, link destinations and titles,
 * reference labels, link reference definitions).
 */
const NOT_OWN_WORDS = new Set([
  'blockQuote',
  'codeText',
  'codeFenced',
  'codeIndented',
  'autolink',
  'literalAutolink',
  'image',
  'resource',
  'reference',
  'definition',
  'gfmFootnoteCall',
  'gfmFootnoteDefinitionLabel',
]);

/**
 * The text nodes of the rendered page that are the author's own words, decoded as the page shows
 * them. Raw HTML contributes the text a browser shows of it; its attributes and comments do not.
 * A footnote that nothing calls is not on the page at all.
 */
export function ownWords(doc: Markdown): string[] {
  const shownFootnotes = calledFootnotes(doc);
  const nodes: string[] = [];
  let node = '';
  const endNode = () => {
    if (node !== '') nodes.push(node);
    node = '';
  };
  const skip = (token: Token) => NOT_OWN_WORDS.has(token.type) || (token.type === 'gfmFootnoteDefinition' && !shownFootnotes.has(token.start.offset));
  walkText(doc, skip, { text: (piece) => (node += piece.text), boundary: endNode });
  endNode();
  return nodes;
}

/** Where each footnote definition that the page calls starts. */
function calledFootnotes(doc: Markdown): Set<number> {
  const calls = new Set<string>();
  const definitions: { from: number; label: string }[] = [];
  let definition = 0;
  for (const [kind, token] of doc.events) {
    if (kind !== 'enter') continue;
    const label = () => normalizeLabel(doc.source.slice(token.start.offset, token.end.offset));
    if (token.type === 'gfmFootnoteDefinition') definition = token.start.offset;
    else if (token.type === 'gfmFootnoteDefinitionLabelString') definitions.push({ from: definition, label: label() });
    else if (token.type === 'gfmFootnoteCallString') calls.add(label());
  }
  return new Set(definitions.filter(({ label }) => calls.has(label)).map(({ from }) => from));
}

/** CommonMark's label matching: case-insensitive, whitespace runs collapsed. */
function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}
