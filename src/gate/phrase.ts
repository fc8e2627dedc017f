/**
 * Whether a comment calls the runner. The phrase must stand as a word of its own, case-insensitively:
 * `@flue` answers "@Flue, please" and "thanks @flue." but not "@fluent", "@flue-bot" or "me@flue.dev".
 *
 * Only the author's own words count, as the rendered page shows them (src/markdown/prose.ts): quotes
 * (`> ...`), code (fenced, indented, inline), URLs and HTML attributes or comments do not. Replying to
 * an earlier request with a quote, or documenting the phrase in backticks, must not start another run.
 */
export async function mentionsTriggerPhrase(body: string, phrase: string): Promise<boolean> {
  return (await findTriggerPhrase(body, phrase)) === 'mentioned';
}

/**
 * `mentioned` or `absent`; `unreadable` for a comment too costly to parse (src/markdown/parse.ts), which
 * is hostile and calls nobody, but whose author deserves a truer reason than "does not mention".
 */
export async function findTriggerPhrase(body: string, phrase: string): Promise<'mentioned' | 'absent' | 'unreadable'> {
  const wanted = phrase.trim();
  if (wanted === '') return 'absent';
  const escaped = escapeRegExp(wanted);
  // Without a character reference or an escape, the page's text is made of the body's own characters:
  // a body that holds the phrase nowhere cannot show it, and the markdown parser is not even loaded.
  if (!/[&\\]/.test(body) && !new RegExp(escaped, 'iu').test(body)) return 'absent';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_-])`, 'iu');
  // The gate's one dynamic import: the parser is loaded for a comment that may call the runner, never
  // on the start-up path of other events (ncc puts src/markdown and micromark in a chunk of their own).
  const { ownWords, parseMarkdown } = await import('../markdown/index.js');
  const doc = parseMarkdown(body);
  if (doc === undefined) return 'unreadable';
  return ownWords(doc).some((node) => pattern.test(node)) ? 'mentioned' : 'absent';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
