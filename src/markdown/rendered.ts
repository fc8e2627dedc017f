/**
 * Secrets that only the rendered page spells out. A redactor reads the source, where
 * `ghs_X<!-- -->Y`, `ghs_X**Y**`, `ghs_X&#89;` or a token split by a zero-width space hold no token;
 * the page shows each whole, ready to copy. Each leaf block's rendered text (its text nodes joined,
 * tags and comments dropped, references decoded, invisible characters removed) goes through the
 * redactor too, and a block whose rendered text holds a secret is replaced whole by `[REDACTED]`:
 * which of its source bytes formed the secret is not worth guessing.
 */
import type { Token } from 'micromark-util-types';
import { REDACTED, type Redactor } from '../session-log/redact.js';
import { stripInvisibleCharacters } from '../trigger/text.js';
import type { Edit } from './edits.js';
import type { Markdown } from './parse.js';
import { walkText } from './text.js';

/** Blocks whose text the page shows as one stretch; a table is read cell by cell. */
const LEAF_BLOCKS = new Set(['paragraph', 'atxHeading', 'setextHeading', 'codeFenced', 'codeIndented', 'htmlFlow', 'tableContent']);

/**
 * Text the page does not show: a fence's info string, link destinations and titles, reference labels.
 * An image's alt text is shown (the page prints it where the image does not load, and copies it), so
 * it counts.
 */
const NOT_SHOWN = new Set([
  'codeFencedFence',
  'resourceDestination',
  'resourceTitle',
  'reference',
  'definition',
  'gfmFootnoteCall',
  'gfmFootnoteDefinitionLabel',
]);

const LINE_BREAKS = new Set(['hardBreakEscape', 'hardBreakTrailing']);

/** A leaf block: its source range and the text the page shows for it. */
export interface RenderedBlock {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export function renderedBlocks(doc: Markdown): RenderedBlock[] {
  const blocks: RenderedBlock[] = [];
  let open: { token: Token; text: string } | undefined;
  walkText(doc, (token) => NOT_SHOWN.has(token.type), {
    enter(token) {
      if (open === undefined && LEAF_BLOCKS.has(token.type)) open = { token, text: '' };
      else if (open !== undefined && LINE_BREAKS.has(token.type)) open.text += '\n';
    },
    exit(token) {
      if (open?.token !== token) return;
      blocks.push({ from: token.start.offset, to: token.end.offset, text: open.text });
      open = undefined;
    },
    text(piece) {
      if (open !== undefined) open.text += piece.text;
    },
    boundary() {},
  });
  return blocks;
}

/** Replacements, by `[REDACTED]`, of every leaf block whose rendered text holds something the redactor takes out. */
export function renderedSecretEdits(doc: Markdown, redactor: Redactor): Edit[] {
  const edits: Edit[] = [];
  for (const block of renderedBlocks(doc)) {
    const shown = stripInvisibleCharacters(block.text);
    if (redactor.text(shown) !== shown) edits.push({ from: block.from, to: block.to, text: REDACTED });
  }
  return edits;
}
