/**
 * Where text may be cut without splitting a character a reader sees as one. Indexes count UTF-16
 * code units, as `String.length` does (an emoji is 2); the `utf8` variants count bytes.
 *
 * A cut never falls
 * - inside a surrogate pair: half an emoji is an invalid string, which JSON readers and APIs refuse
 *   or turn into U+FFFD;
 * - before a character that attaches to the one before it: a combining mark or variation selector
 *   (`\p{M}`), a zero-width joiner or non-joiner, an emoji skin-tone modifier, a tag character (the
 *   tail of a subdivision flag), a Hangul vowel or final jamo;
 * - right after a zero-width joiner (inside 👨‍👩‍👧), between the two regional indicators of a flag
 *   (🇺🇸), or between CR and LF.
 * These are the rules of Unicode's grapheme clusters (UAX #29) that text people write meets, applied
 * by hand at the cut rather than with Intl.Segmenter: the result does not depend on the runtime's ICU
 * data, and the cost is a few characters' look-up, however long the text. A cluster longer than the
 * room (a letter under hundreds of marks) is left out whole.
 */

/** Code points that belong to the character before them (Grapheme_Extend, SpacingMark, ZWJ, V and T jamo). */
const ATTACHING = /^(?:\p{M}|[\u200C\u200D\u1160-\u11FF\uD7B0-\uD7FF\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}])$/u;

const ZERO_WIDTH_JOINER = 0x200d;
const CR = 0x0d;
const LF = 0x0a;

/** The greatest index at or before `index` where `text` may be cut (0 and `text.length` always may). */
export function boundaryAtOrBefore(text: string, index: number): number {
  let at = clamp(index, text.length);
  while (!isBoundary(text, at)) at -= unitsBefore(text, at);
  return at;
}

/** The least index at or after `index` where `text` may be cut. */
export function boundaryAtOrAfter(text: string, index: number): number {
  let at = clamp(index, text.length);
  while (!isBoundary(text, at)) at += unitsAt(text, at);
  return at;
}

/**
 * The greatest byte index at or before `index` that does not fall inside a UTF-8 sequence of
 * `bytes`. Only code points are kept whole here: bytes do not say which characters attach.
 * Invalid UTF-8 (a run of more than three continuation bytes) is cut at `index`.
 */
export function utf8BoundaryAtOrBefore(bytes: Uint8Array, index: number): number {
  const at = clamp(index, bytes.length);
  // A sequence has at most three continuation bytes after its lead byte.
  for (let start = at; start >= at - 3; start -= 1) {
    if (start <= 0) return 0;
    if (!isContinuationByte(bytes[start])) return start;
  }
  return at;
}

/** The least byte index at or after `index` that does not fall inside a UTF-8 sequence of `bytes`. */
export function utf8BoundaryAtOrAfter(bytes: Uint8Array, index: number): number {
  const at = clamp(index, bytes.length);
  for (let start = at; start <= at + 3; start += 1) {
    if (start >= bytes.length) return bytes.length;
    if (!isContinuationByte(bytes[start])) return start;
  }
  return at;
}

function isBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  if (isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) return false;
  const previous = text.codePointAt(at - unitsBefore(text, at)) as number;
  const next = text.codePointAt(at) as number;
  if (previous === CR && next === LF) return false;
  if (previous === ZERO_WIDTH_JOINER || ATTACHING.test(String.fromCodePoint(next))) return false;
  // Regional indicators pair up from the start of their run: a cut after an odd count splits a flag.
  if (isRegionalIndicator(previous) && isRegionalIndicator(next)) return regionalIndicatorsBefore(text, at) % 2 === 0;
  return true;
}

function regionalIndicatorsBefore(text: string, at: number): number {
  let count = 0;
  for (let index = at - 2; index >= 0 && isRegionalIndicator(text.codePointAt(index) as number); index -= 2) count += 1;
  return count;
}

/** 2 when a surrogate pair ends at `at`, else 1. */
function unitsBefore(text: string, at: number): number {
  return at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2)) ? 2 : 1;
}

/** 2 when a surrogate pair starts at `at`, else 1. */
function unitsAt(text: string, at: number): number {
  return isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1;
}

/** `index` as a whole number from 0 to `length`; NaN reads as 0. */
function clamp(index: number, length: number): number {
  return Math.min(Math.max(Math.floor(index) || 0, 0), length);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
const isRegionalIndicator = (codePoint: number): boolean => codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
const isContinuationByte = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;
