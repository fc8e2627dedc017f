/**
 * Whether a comment calls the runner. The phrase must stand as a word of its own, case-insensitively:
 * `@flue` answers "@Flue, please" and "thanks @flue." but not "@fluent", "@flue-bot" or "me@flue.dev".
 *
 * Quoted lines (`> ...`) and code (fenced blocks, inline spans) are ignored: replying to an earlier
 * request with a quote, or documenting the phrase in backticks, must not start another run.
 */
export function mentionsTriggerPhrase(body: string, phrase: string): boolean {
  const wanted = phrase.trim();
  if (wanted === '') return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(wanted)}(?![\\p{L}\\p{N}_-])`, 'iu');
  return pattern.test(withoutQuotesAndCode(body));
}

/** The comment with quoted lines, fenced code blocks and inline code spans blanked out. */
function withoutQuotesAndCode(body: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      continue;
    }
    if (opener !== undefined) {
      fence = opener;
      continue;
    }
    if (/^ {0,3}>/.test(line)) continue;
    kept.push(line.replace(/(`+).*?\1/g, ' '));
  }
  return kept.join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
