/**
 * Hidden text out of a body: HTML comments, and what a browser reads as one (`<?...>`, `<!...>`,
 * `</ x>`), outside code. The page never shows them, but the body's source carries them to every
 * API client, notification e-mail and model that reads the thread: a channel nobody reviewing the
 * page sees. (The runner's own markers are added by the host after sanitizing.)
 */
import type { Edit } from './edits.js';
import { scanHtml } from './html.js';
import type { Markdown } from './parse.js';
import { exitOf, rawHtmlAt, sourceOffset } from './text.js';

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
    const raw = rawHtmlAt(doc, index, exit);
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
    index = exit;
  }
  return edits;
}
