import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { boundaryAtOrAfter, boundaryAtOrBefore, utf8BoundaryAtOrAfter, utf8BoundaryAtOrBefore } from '../../src/text/index.js';

/** A fixed seed, so CI judges the same cases on every run; `FC_SEED=<n>` (and `FC_RUNS`) explore others. */
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 300), seed: Number(process.env.FC_SEED ?? 20261207) };

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧: three people joined by two ZWJs, 8 code units
const SCOTLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'; // 🏴󠁧󠁢󠁳󠁣󠁴󠁿: a black flag and tags, 14 code units
const US_FR = '\u{1F1FA}\u{1F1F8}\u{1F1EB}\u{1F1F7}'; // 🇺🇸🇫🇷: four regional indicators, two flags

/** Every index of `text`, each with where the cut lands before and after it. */
const cutsOf = (text: string) =>
  Array.from({ length: text.length + 1 }, (_, index) => [index, boundaryAtOrBefore(text, index), boundaryAtOrAfter(text, index)]);

describe('boundaryAtOrBefore and boundaryAtOrAfter', () => {
  test('plain text may be cut anywhere, and the ends always', () => {
    expect(cutsOf('abc')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
    expect(cutsOf('')).toEqual([[0, 0, 0]]);
  });

  test('an index outside the text, fractional or NaN is clamped to a whole index in it', () => {
    expect([-5, Number.NEGATIVE_INFINITY, Number.NaN].map((index) => boundaryAtOrBefore('abc', index))).toEqual([0, 0, 0]);
    expect([7, Number.POSITIVE_INFINITY].map((index) => boundaryAtOrBefore('abc', index))).toEqual([3, 3]);
    expect([boundaryAtOrBefore('abc', 1.9), boundaryAtOrAfter('abc', 1.9)]).toEqual([1, 1]);
    expect([boundaryAtOrAfter('abc', -1), boundaryAtOrAfter('abc', 9), boundaryAtOrAfter('', 3)]).toEqual([0, 3, 0]);
  });

  test('never inside a surrogate pair', () => {
    // a 😀 b: the emoji is units 1 and 2.
    expect(cutsOf('a\u{1F600}b')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 1, 3],
      [3, 3, 3],
      [4, 4, 4],
    ]);
    expect(cutsOf('\u{1F600}\u{1F600}')).toEqual([
      [0, 0, 0],
      [1, 0, 2],
      [2, 2, 2],
      [3, 2, 4],
      [4, 4, 4],
    ]);
  });

  test('a lone surrogate is a character of its own', () => {
    expect(cutsOf('\uD83Da\uDE00')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
      [3, 3, 3],
    ]);
  });

  test('never before a combining mark, however many follow the letter', () => {
    expect(cutsOf('ae\u0301\u0302b')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 1, 4],
      [3, 1, 4],
      [4, 4, 4],
      [5, 5, 5],
    ]);
    const zalgo = `a${'\u0301'.repeat(100)}b`;
    expect([boundaryAtOrBefore(zalgo, 50), boundaryAtOrAfter(zalgo, 50)]).toEqual([0, 101]);
  });

  test('never inside an emoji ZWJ sequence, a skin tone, a presentation selector or a tag flag', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((index) => boundaryAtOrBefore(`${FAMILY}x`, index))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect([1, 2, 3, 4, 5, 6, 7].map((index) => boundaryAtOrAfter(`${FAMILY}x`, index))).toEqual([8, 8, 8, 8, 8, 8, 8]);
    expect(cutsOf('\u{1F44D}\u{1F3FD}')).toEqual([
      [0, 0, 0],
      [1, 0, 4],
      [2, 0, 4],
      [3, 0, 4],
      [4, 4, 4],
    ]); // 👍🏽
    expect(cutsOf('\u2764\uFE0F!')).toEqual([
      [0, 0, 0],
      [1, 0, 2],
      [2, 2, 2],
      [3, 3, 3],
    ]); // ❤️!
    expect(Array.from({ length: 14 }, (_, i) => boundaryAtOrBefore(SCOTLAND, i + 1))).toEqual([...Array(13).fill(0), 14]);
  });

  test('never right after a zero-width joiner, nor before one or a non-joiner', () => {
    expect(cutsOf('a\u200Db')).toEqual([
      [0, 0, 0],
      [1, 0, 3],
      [2, 0, 3],
      [3, 3, 3],
    ]);
    expect(cutsOf('a\u200Cb')).toEqual([
      [0, 0, 0],
      [1, 0, 2],
      [2, 2, 2],
      [3, 3, 3],
    ]);
  });

  test('regional indicators pair into flags from the start of their run', () => {
    expect(cutsOf(US_FR)).toEqual([
      [0, 0, 0],
      [1, 0, 4],
      [2, 0, 4],
      [3, 0, 4],
      [4, 4, 4],
      [5, 4, 8],
      [6, 4, 8],
      [7, 4, 8],
      [8, 8, 8],
    ]);
    // After a letter the pairing starts again; an odd one out stands alone.
    expect([2, 3, 5, 7].map((index) => boundaryAtOrBefore(`x${US_FR.slice(0, 6)}`, index))).toEqual([1, 1, 5, 7]);
  });

  test('never between CR and LF', () => {
    expect(cutsOf('a\r\nb')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 1, 3],
      [3, 3, 3],
      [4, 4, 4],
    ]);
    expect(cutsOf('\n\r')).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  test('Hangul vowel and final jamo stay with their syllable', () => {
    // ᄀ ᅡ ᆨ (L V T), then 가 (LV) + ᆨ (T).
    expect(cutsOf('\u1100\u1161\u11A8')).toEqual([
      [0, 0, 0],
      [1, 0, 3],
      [2, 0, 3],
      [3, 3, 3],
    ]);
    expect(cutsOf('\uAC00\u11A8')).toEqual([
      [0, 0, 0],
      [1, 0, 2],
      [2, 2, 2],
    ]);
  });

  /** Pieces whose cluster rules the module claims to follow (no Prepend, L jamo or Indic conjuncts: see its doc). */
  const PIECES = [
    'a',
    'Z',
    ' ',
    '\u0301',
    '\u0308',
    '\u0903',
    '\uFE0F',
    '\u{1F600}',
    '\u{1F44D}',
    '\u{1F3FB}',
    '\u200D',
    '\u200C',
    '\u{1F1FA}',
    '\u{1F1F8}',
    '\u{1F3F4}',
    '\u{E0067}',
    '\u{E007F}',
    '\r',
    '\n',
    '\uAC00',
    '\uAC01',
    '\u1161',
    '\u11A8',
    '\uD83D',
    '\uDE00',
  ];
  const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const segmenterBoundaries = (text: string): Set<number> => new Set([...[...graphemes.segment(text)].map((segment) => segment.index), text.length]);

  test('every cut it chooses is a grapheme boundary by Intl.Segmenter, on the nearest side of the index', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }), fc.nat(), (pieces, seed) => {
        const text = pieces.join('');
        const index = seed % (text.length + 1);
        const before = boundaryAtOrBefore(text, index);
        const after = boundaryAtOrAfter(text, index);
        const allowed = segmenterBoundaries(text);
        expect(allowed.has(before)).toBe(true);
        expect(allowed.has(after)).toBe(true);
        expect(before).toBeLessThanOrEqual(index);
        expect(after).toBeGreaterThanOrEqual(index);
      }),
      RUNS,
    );
  });
});

describe('utf8BoundaryAtOrBefore and utf8BoundaryAtOrAfter', () => {
  // a (1 byte), € (3 bytes), 😀 (4 bytes)
  const bytes = Buffer.from('a\u20AC\u{1F600}', 'utf8');

  test('never inside a UTF-8 sequence', () => {
    const indexes = Array.from({ length: bytes.length + 1 }, (_, index) => index);
    expect(indexes.map((index) => utf8BoundaryAtOrBefore(bytes, index))).toEqual([0, 1, 1, 1, 4, 4, 4, 4, 8]);
    expect(indexes.map((index) => utf8BoundaryAtOrAfter(bytes, index))).toEqual([0, 1, 4, 4, 4, 8, 8, 8, 8]);
  });

  test('out-of-range indexes are clamped; an empty buffer has one boundary', () => {
    expect([utf8BoundaryAtOrBefore(bytes, -3), utf8BoundaryAtOrBefore(bytes, 99), utf8BoundaryAtOrAfter(bytes, 99)]).toEqual([0, 8, 8]);
    expect([utf8BoundaryAtOrBefore(new Uint8Array(0), 2), utf8BoundaryAtOrAfter(new Uint8Array(0), 2)]).toEqual([0, 0]);
  });

  test('a buffer that starts inside a sequence (the tail of a stream) starts at its next character', () => {
    const tail = bytes.subarray(6); // the last two bytes of 😀, then nothing
    expect([utf8BoundaryAtOrAfter(tail, 0), utf8BoundaryAtOrBefore(tail, 1)]).toEqual([2, 0]);
    const tailThenText = Buffer.concat([bytes.subarray(2), Buffer.from('ok')]);
    expect(tailThenText.subarray(utf8BoundaryAtOrAfter(tailThenText, 0)).toString('utf8')).toBe('\u{1F600}ok');
  });

  test('invalid UTF-8 (more continuation bytes than a sequence has) is cut where asked', () => {
    const junk = Uint8Array.from([0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x41]);
    expect([utf8BoundaryAtOrBefore(junk, 5), utf8BoundaryAtOrAfter(junk, 1)]).toEqual([5, 1]);
    expect([utf8BoundaryAtOrBefore(junk, 3), utf8BoundaryAtOrAfter(junk, 3)]).toEqual([0, 6]);
  });

  test('a cut at either boundary decodes to the text split at a character, never to U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 24 }), fc.nat(), (text, seed) => {
        const encoded = Buffer.from(text, 'utf8');
        const index = seed % (encoded.length + 1);
        for (const at of [utf8BoundaryAtOrBefore(encoded, index), utf8BoundaryAtOrAfter(encoded, index)]) {
          const head = encoded.subarray(0, at).toString('utf8');
          const tail = encoded.subarray(at).toString('utf8');
          expect(head + tail).toBe(text);
          expect(`${head}${tail}`.includes('\uFFFD')).toBe(text.includes('\uFFFD'));
        }
      }),
      RUNS,
    );
  });
});
