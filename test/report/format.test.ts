import { describe, expect, test } from 'vitest';
import { describeOutput, DISPLAY, mainArgument, shorten } from '../../src/report/format.js';

describe('shorten', () => {
  test('text that fits is shown whole; longer text is cut, saying how much was left out', () => {
    expect([shorten('', 3), shorten('abc', 3), shorten('abcd', 3), shorten('abcdef', 0)]).toEqual(['', 'abc', 'abc… (+1 chars)', '… (+6 chars)']);
  });

  test('the cut never leaves half an emoji in the transcript', () => {
    // Unit 3 is the second half of 😀: the cut moves before the emoji, and the count includes it.
    expect(shorten('ab\u{1F600}cd', 3)).toBe('ab… (+4 chars)');
  });
});

describe('one-line displays', () => {
  test("a tool's main argument is on one line and cut whole-character at DISPLAY.valueChars", () => {
    const command = `echo\n${'x'.repeat(DISPLAY.valueChars - 6)}\u{1F600}tail`;
    expect(mainArgument('bash', { command })).toBe(`echo ${'x'.repeat(DISPLAY.valueChars - 6)}… (+6 chars)`);
    expect(mainArgument('grep', { pattern: 'a  b', path: 'src' })).toBe('a b in src');
    expect([mainArgument('bash', null), mainArgument('bash', ['x']), mainArgument('bash', {})]).toEqual(['', '', '']);
  });

  test('a proposed comment is shown on one line, cut at DISPLAY.argumentsChars', () => {
    const body = `Thanks!\n\n${'y'.repeat(DISPLAY.argumentsChars)}`;
    expect(describeOutput({ kind: 'add_comment', body })).toBe(`Thanks! ${'y'.repeat(DISPLAY.argumentsChars - 8)}… (+8 chars)`);
  });
});
