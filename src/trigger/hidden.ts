/**
 * Hidden channels out of event text before the model reads it. A page shows a reviewer what it
 * renders; the model reads the source. Prose (titles, bodies, comments) loses what the page hides:
 * raw HTML a browser drops (comments, `<?…>`, `<!…>`, a tag cut off at the end) becomes a visible
 * marker, so the model knows something was there, and invisible characters go. Code in a diff is
 * different: a reviewer sees it as text, and a reviewing agent must be able to flag a bidi override
 * (Trojan Source), so there invisible characters are spelled out instead.
 */
import { INVISIBLE_CHARACTERS, stripControlCharacters, stripInvisibleCharacters } from './text.js';

/** What the model reads where a page hides raw HTML. */
export const HIDDEN_HTML_MARKER = '[hidden HTML removed]';

/** Prose a stranger wrote, made to read as the page shows it. */
export type ProseCleaner = (markdown: string) => string;

/**
 * A cleaner for `texts`. Hidden HTML is judged by the GFM parse the sanitizer uses (so `<!--` in a
 * code span or block, which the page shows, stays), loaded only when some text has a `<`: without
 * one nothing is hidden HTML, and the parser is not needed to start most runs.
 */
export async function proseCleaner(texts: ReadonlyArray<string | undefined>): Promise<ProseCleaner> {
  if (!texts.some((text) => text?.includes('<'))) return (markdown) => stripInvisibleCharacters(stripControlCharacters(markdown));
  const { applyEdits, hiddenHtmlEditsOf } = await import('../markdown/index.js');
  return (markdown) => {
    const source = stripControlCharacters(markdown);
    if (!source.includes('<')) return stripInvisibleCharacters(source);
    // A marker rather than nothing: the text around a removed comment cannot join into a new one.
    const edits = hiddenHtmlEditsOf(source, 'remove').map((edit) => ({ ...edit, text: HIDDEN_HTML_MARKER }));
    return stripInvisibleCharacters(applyEdits(source, edits));
  };
}

/** `text` with each invisible character spelled out as `<U+202E>`. */
export function showInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
