/**
 * Text hygiene shared by the trigger stage and the stages after it: event text is written by
 * strangers, so it is capped and stripped of control characters before anything shows it.
 */
import { keepStart, oneLine } from '../text/index.js';

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

/** The first `max` characters of `text`, never splitting a character, plus a marker saying how much was cut. */
export function capText(text: string, max: number): string {
  return keepStart(text, max, (omitted) => `\n[… ${omitted} more characters cut]`);
}

/** For a header line: control characters become spaces too, then `oneLine` (200 characters unless `max` says otherwise). */
export function plainLine(text: string, max = 200): string {
  return oneLine(text.replace(CONTROL_CHARACTERS, ' '), max);
}
