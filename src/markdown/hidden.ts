/**
 * Hidden text out of a body: HTML comments, and what a browser reads as one (`<?...>`, `<!...>`,
 * `</ x>`), outside code. The page never shows them, but the body's source carries them to every
 * API client, notification e-mail and model that reads the thread: a channel nobody reviewing the
 * page sees. (The runner's own markers are added by the host after sanitizing.)
 */
import type { Edit } from './edits.js';
import { scanHtml } from './html.js';
import { parseMarkdown, type Markdown } from './parse.js';
import { exitOf, rawHtmlAt, sourceOffset, type RawHtml } from './text.js';

/**
 * Edits that take every hidden stretch of raw HTML in `doc` out (`remove`), or make it plain text by
 * escaping each of its `<` (`show`): what is shown cannot hide again, whatever is around it.
 */
export function hiddenHtmlEdits(doc: Markdown, how: 'remove' | 'show'): Edit[] {
  const edits: Edit[] = [];
  for (let index = 0; index < doc.events.length; index++) {
    const [kind, token] = doc.events[index] as (typeof doc.events)[number];
    if (kind !== 'enter' || (token.type !== 'htmlText' && token.type !== 'htmlFlow')) continue;
    const exit = exitOf(doc.events, index);
    edits.push(...rawHtmlEdits(rawHtmlAt(doc, index, exit), how));
    index = exit;
  }
  return edits;
}

/**
 * hiddenHtmlEdits of `source`'s parse. A body too costly to parse (parse.ts) is read as raw HTML
 * from end to end: whatever a browser could hide in it goes, also where the page would show it as
 * code, because such a body is hostile.
 */
export function hiddenHtmlEditsOf(source: string, how: 'remove' | 'show'): Edit[] {
  const doc = parseMarkdown(source);
  return doc === undefined ? rawHtmlEdits({ html: source, lines: [{ at: 0, from: 0 }] }, how) : hiddenHtmlEdits(doc, how);
}

function rawHtmlEdits(raw: RawHtml, how: 'remove' | 'show'): Edit[] {
  const edits: Edit[] = [];
  for (const piece of scanHtml(raw.html)) {
    if (piece.kind === 'text' || piece.kind === 'tag') continue;
    if (how === 'remove') {
      edits.push({ from: sourceOffset(raw, piece.from), to: sourceOffset(raw, piece.to), text: '' });
      continue;
    }
    for (let at = raw.html.indexOf('<', piece.from); at !== -1 && at < piece.to; at = raw.html.indexOf('<', at + 1)) {
      const from = sourceOffset(raw, at);
      edits.push({ from, to: from + 1, text: '&lt;' });
    }
  }
  return edits;
}
