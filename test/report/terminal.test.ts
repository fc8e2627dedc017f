import { describe, expect, test } from 'vitest';
import { paint, terminalSafe, terminalSafeJson } from '../../src/report/terminal.js';

describe('terminalSafe', () => {
  test.each([
    ['CSI colours and screen clears', 'a\u001b[31;1mred\u001b[0m\u001b[2J\u001b[?25lb', 'aredb'],
    ['OSC 52 ended by BEL', 'x\u001b]52;c;cGFzdGU=\u0007y', 'xy'],
    ['OSC 8 link ended by ST', '\u001b]8;;https://evil.example\u001b\\docs\u001b]8;;\u001b\\', 'docs'],
    ['DCS, SOS, PM and APC strings', '\u001bPq#0\u001b\\a\u001bXs\u001b\\b\u001b^p\u001b\\c\u001b_a\u001b\\', 'abc'],
    ['8-bit CSI, OSC and ST', 'a\u009b2Jb\u009d52;c;eA==\u009cc', 'abc'],
    ['an unterminated OSC loses its introducer, its text stays inert', 'a\u001b]52;c;eA==', 'a52;c;eA=='],
    ['two-byte escapes and a lone ESC', 'a\u001bcb\u001b(Bc\u001b', 'abc'],
    ['a carriage return cannot overwrite the line; CRLF is a newline', 'ok\rFAIL\r\nnext', 'okFAIL\nnext'],
    ['bell, backspace, DEL and C1 controls', 'a\u0007\u0008\u007f\u0085b', 'ab'],
    ['tab and newline stay', 'a\tb\nc', 'a\tb\nc'],
  ])('%s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  test('a run of unterminated string starts is read once, and leaves nothing', () => {
    const input = '\u009d'.repeat(50_000) + '\u001b]'.repeat(50_000) + 'end';
    expect(terminalSafe(input)).toBe('end');
  });
});

describe('terminalSafeJson', () => {
  test('DEL and C1 are written as escapes; the value reads back the same', () => {
    const value = { text: 'a\u009b2J\u007fb\u001b[31m' };
    const json = terminalSafeJson(value);
    expect(json).toBe('{\n  "text": "a\\u009b2J\\u007fb\\u001b[31m"\n}');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('paint', () => {
  test("the runner's colours are added after the text is made safe", () => {
    expect(paint(['→ ', ['cyan', 'bash\u001b[0m'], ' x\u001b]0;t\u0007'], true)).toBe('→ \u001b[36mbash\u001b[0m x');
  });
});
