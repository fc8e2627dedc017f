/**
 * A body too costly to parse (parse.ts) is made safe without a parse, at the price of its markdown:
 * an attacker gets a plainer comment, not a way around the sanitizer. Every `<` is escaped, so there
 * is no raw HTML and nothing hidden; every `@name` is neutralized wherever it stands, code and URLs
 * included; and when the text a reader could see, markup characters dropped, holds a secret, the
 * whole body is redacted.
 */
import { REDACTED, type Redactor } from '../session-log/redact.js';
import { stripInvisibleCharacters } from '../trigger/text.js';
import { decodeHtmlText } from './html.js';
import { ZERO_WIDTH_SPACE } from './zero-width.js';

/** `@`, or a reference to it (numeric ones as a browser takes them, without `;`), before a name character or another reference. */
const ANY_MENTION = /(?:@|&#0*64(?![0-9]);?|&#[xX]0*40(?![0-9A-Fa-f]);?|&commat;)(?=[A-Za-z0-9&])/g;

export function neutralizeEveryMention(text: string): string {
  return text.replace(ANY_MENTION, `$&${ZERO_WIDTH_SPACE}`);
}

export function sanitizeHostile(markdown: string, redactor: Redactor): string {
  const escaped = markdown.replaceAll('<', '&lt;');
  return revealsSecret(escaped, redactor) ? REDACTED : neutralizeEveryMention(escaped);
}

/** Link destinations, then emphasis, code and escape characters, dropped: what is left is at least what a reader sees, joined. */
function revealsSecret(markdown: string, redactor: Redactor): boolean {
  const visible = stripInvisibleCharacters(decodeHtmlText(markdown.replace(/\]\([^()\s]*\)/g, ']').replace(/[*~`\\[\]]/g, '')));
  return redactor.text(visible) !== visible;
}
