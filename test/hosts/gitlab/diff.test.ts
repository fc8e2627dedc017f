import { expect, test } from 'vitest';
import { shownLines } from '../../../src/hosts/gitlab/diff.js';

test('the head lines a GitLab diff shows: added lines alone, context lines with their base number, across hunks', () => {
  const diff = [
    '@@ -1,3 +1,3 @@ first',
    ' one',
    '-two',
    '+TWO',
    ' three',
    '@@ -20,2 +20,3 @@ second',
    ' twenty',
    '+inserted',
    ' twenty-one',
    '\\ No newline at end of file',
  ].join('\n');
  expect([...shownLines(diff)]).toEqual([
    [1, { oldLine: 1 }],
    [2, {}],
    [3, { oldLine: 3 }],
    [20, { oldLine: 20 }],
    [21, {}],
    [22, { oldLine: 21 }],
  ]);
});

test('a diff GitLab left out (too large, collapsed: empty) and text before the first hunk show no line', () => {
  expect(shownLines('').size).toBe(0);
  expect(shownLines('+not in a hunk\n context').size).toBe(0);
});
