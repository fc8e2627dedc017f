import { describe, expect, test } from 'vitest';
import { keepEnd, keepStart, truncate } from '../../src/text/index.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // 👨‍👩‍👧, 8 code units
/** A note that shows both counts it is given. */
const counts = (omitted: number, kept: number) => `[-${omitted} +${kept}]`;

describe('truncate', () => {
  test('text that fits is returned whole: empty, shorter, exactly max', () => {
    expect([truncate('', 0), truncate('', 5), truncate('abc', 5), truncate('hello', 5), truncate('abc', Infinity)]).toEqual([
      '',
      '',
      'abc',
      'hello',
      'abc',
    ]);
  });

  test('longer text keeps max - 1 code units and ends in …, max in all', () => {
    expect([truncate('hello!', 5), truncate('hello world', 8), truncate('hello', 2), truncate('hello', 1)]).toEqual(['hell…', 'hello w…', 'h…', '…']);
  });

  test('another ellipsis is counted the same way', () => {
    expect([truncate('hello world', 8, '...'), truncate('hello world', 3, '...'), truncate('hello', 4, '')]).toEqual(['hello...', '...', 'hell']);
  });

  test('when max is smaller than the ellipsis, as much of the ellipsis as fits', () => {
    expect([truncate('hello', 0), truncate('hello', -1), truncate('hello', 2, '...'), truncate('hello', 0, '...')]).toEqual(['', '', '..', '']);
  });

  test('the cut never splits an astral character, a letter from its marks, or an emoji sequence', () => {
    // 'abc😀def': unit 4 is the second half of the emoji.
    expect(truncate('abc\u{1F600}def', 5)).toBe('abc…');
    expect(truncate('abc\u{1F600}def', 6)).toBe('abc\u{1F600}…');
    expect(truncate('abce\u0301f', 5)).toBe('abc…');
    expect(truncate(`${FAMILY} family`, 10)).toBe(`${FAMILY} …`);
    expect(truncate(`${FAMILY}x`, 5)).toBe('…');
  });
});

describe('keepStart', () => {
  test('text that fits is returned whole, and the note is not asked for', () => {
    const never = () => {
      throw new Error('no note for text that fits');
    };
    expect([keepStart('', 0, never), keepStart('hello', 5, never), keepStart('hi', 5, never)]).toEqual(['', 'hello', 'hi']);
  });

  test('longer text keeps its first max code units, then the note with what was left out and kept', () => {
    expect(keepStart('hello world', 5, counts)).toBe('hello[-6 +5]');
    expect(keepStart('hello world', 10, counts)).toBe('hello worl[-1 +10]');
    expect(keepStart('abc', 0, counts)).toBe('[-3 +0]');
    expect(keepStart('abc', -2, counts)).toBe('[-3 +0]');
  });

  test('the cut moves back to the start of a character it would split, and the counts say so', () => {
    expect(keepStart('ab\u{1F600}cd', 3, counts)).toBe('ab[-4 +2]');
    expect(keepStart('x\r\ny', 2, counts)).toBe('x[-3 +1]');
    expect(keepStart('e\u0301\u0301x', 2, counts)).toBe('[-4 +0]');
  });
});

describe('keepEnd', () => {
  test('text that fits is returned whole', () => {
    expect([keepEnd('', 0, counts), keepEnd('abc', 3, counts), keepEnd('abc', 9, counts)]).toEqual(['', 'abc', 'abc']);
  });

  test('longer text keeps its last max code units, after the note', () => {
    expect(keepEnd('hello world', 5, counts)).toBe('[-6 +5]world');
    expect(keepEnd('hello world', 10, counts)).toBe('[-1 +10]ello world');
    expect(keepEnd('abc', 0, counts)).toBe('[-3 +0]');
  });

  test('the cut moves forward past a character it would split: no lone low surrogate, no orphaned mark', () => {
    expect(keepEnd('ab\u{1F600}cd', 3, counts)).toBe('[-4 +2]cd');
    expect(keepEnd('e\u0301xyz', 4, counts)).toBe('[-2 +3]xyz');
    expect(keepEnd(`${FAMILY}ok`, 5, counts)).toBe('[-8 +2]ok');
  });
});
