/**
 * Text hygiene shared by the trigger stage and the stages after it: event text is written by
 * strangers, so it is capped and stripped of control characters before anything shows it.
 */

// C0 controls except tab and newline, DEL, and C1 controls: invisible in a terminal or a comment,
// they can hide text from the human reading a log, or carry terminal escape sequences.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Normalizes line ends to `\n` and removes control characters other than tab and newline. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

/**
 * Characters that render as nothing (or reorder what is around them) but reach a model as text: a
 * hidden channel for instructions a human reviewer never sees, or a way to split a token so a pattern
 * misses it while the page still shows it whole. Zero-width and joiner characters, the bidirectional
 * controls (Trojan Source), the soft hyphen, Hangul fillers, variation selectors and the Unicode tag
 * block (ASCII smuggling). Emoji sequences lose their joiners; nothing readable is lost.
 */
export const INVISIBLE_CHARACTERS =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]|\uDB40[\uDC00-\uDDEF]/g;

/** `text` without INVISIBLE_CHARACTERS. */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, '');
}

/** The first `max` characters of `text`, never splitting a surrogate pair, plus a marker saying how much was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}\n[… ${text.length - end} more characters cut]`;
}

/** For a header line: control characters and line breaks become spaces, runs collapse, long values end in `…`. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\s\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let end = max - 1;
  if (isHighSurrogate(flat.charCodeAt(end - 1))) end -= 1;
  return `${flat.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
