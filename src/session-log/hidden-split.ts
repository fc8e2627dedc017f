/**
 * Markup that renders as nothing on GitHub and GitLab: `ghs_abc<!-- -->def`, `ghs_abc**def**`,
 * `ghs_abc<b></b>def` or a zero-width space inside a token show a reader the whole token, while a
 * pattern over the text sees two halves. The redactor looks again at the text with that markup
 * dropped; only when that reveals a secret does it matter, and then the text is returned as the
 * reader would see it, redacted: a body that hid a secret in markup loses its markup.
 *
 * Not covered (said in THREAT_MODEL.md): encodings a reader has to decode (HTML entities, reversed or
 * spaced-out text). Redaction is the last line; the first is that no secret reaches the model.
 */
import { INVISIBLE_CHARACTERS } from '../trigger/text.js';

const MARKUP = [
  // An HTML comment, also one never closed (it hides the rest of the body).
  '<!--[\\s\\S]*?(?:-->|$)',
  // An HTML tag, which renders as nothing itself.
  '</?[A-Za-z][\\w-]*(?:\\s[^<>]*)?/?>',
  // A backslash that escapes punctuation: `ghs\\_abc` shows `ghs_abc`.
  '\\\\(?=[!-/:-@[-`{-~])',
  // Emphasis, strikethrough and code-span delimiters, which work inside a word.
  '[*~`]',
  INVISIBLE_CHARACTERS.source,
].join('|');

const HIDDEN_MARKUP = new RegExp(MARKUP, 'g');

/**
 * Markup that can split something: between two visible characters. Most text with markup has it at a
 * word's edge (`code`, **bold**, a comment on a line of its own) and skips the second look.
 */
const VISIBLE = `(?:(?!${MARKUP})\\S)`;
const SPLITTING_MARKUP = new RegExp(`${VISIBLE}(?:${MARKUP})+${VISIBLE}`);

/**
 * `text` as a reader sees it, redacted, when dropping hidden markup reveals something `redact`
 * replaces; undefined when it reveals nothing (the common case: the caller keeps its own result).
 */
export function revealHidden(text: string, redact: (value: string) => string): string | undefined {
  if (!SPLITTING_MARKUP.test(text)) return undefined;
  const visible = text.replace(HIDDEN_MARKUP, '');
  if (visible === text) return undefined;
  const redacted = redact(visible);
  return redacted === visible ? undefined : redacted;
}
