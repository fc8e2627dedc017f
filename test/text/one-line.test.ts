import { describe, expect, test } from 'vitest';
import { oneLine } from '../../src/text/index.js';

describe('oneLine', () => {
  test('every run of white space becomes one space, and the ends are trimmed', () => {
    expect(oneLine('')).toBe('');
    expect(oneLine('   \n\t ')).toBe('');
    expect(oneLine('  a \n\t b\r\nc\r\rd\fe\vf  ')).toBe('a b c d e f');
    expect(oneLine('no\u00A0break\u2028line\u3000ideographic')).toBe('no break line ideographic');
  });

  test('other control characters are left for the sanitizer of wherever the line goes', () => {
    expect(oneLine('a\u0007b\u001B[31mc\u0085d')).toBe('a\u0007b\u001B[31mc\u0085d');
  });

  test('without max, nothing is cut', () => {
    const long = 'word '.repeat(1000).trim();
    expect(oneLine(long)).toBe(long);
  });

  test('a line longer than max ends in …, max characters in all, measured after trimming', () => {
    expect(oneLine('abc', 3)).toBe('abc');
    expect(oneLine('abcd', 3)).toBe('ab…');
    expect(oneLine('  abc  ', 3)).toBe('abc');
    expect(oneLine('hello\n\nworld', 8)).toBe('hello w…');
    expect(oneLine('abc', 1)).toBe('…');
    expect(oneLine('abc', 0)).toBe('');
  });

  test('the cut never splits an astral character or a letter from its mark', () => {
    expect(oneLine('a\u{1F600}b', 3)).toBe('a…');
    expect(oneLine('ab\u{1F600}', 3)).toBe('ab…');
    expect(oneLine('cafe\u0301 au lait', 5)).toBe('caf…');
  });
});
