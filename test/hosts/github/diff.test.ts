import { expect, test } from 'vitest';
import { bodyWithOutsideComments, commentableLines, diffLines, placeComments } from '../../../src/hosts/github/diff.js';

const sorted = (lines: Set<number>) => [...lines].sort((a, b) => a - b);

test('added and context lines are commentable on the RIGHT side; deleted lines are not', () => {
  const patch = ['@@ -10,4 +10,4 @@ function a() {', ' keep', '-gone one', '-gone two', '+new', ' keep too', '+added at end'].join('\n');
  expect(sorted(commentableLines(patch))).toEqual([10, 11, 12, 13]);
});

test('every hunk restarts the numbering at its own header', () => {
  const patch = ['@@ -1,2 +1,3 @@', ' a', '+b', ' c', '@@ -40 +41,2 @@ later', '-x', '+y', '+z'].join('\n');
  expect(sorted(commentableLines(patch))).toEqual([1, 2, 3, 41, 42]);
});

test('a new file, a missing newline marker and a trailing newline add no lines', () => {
  const patch = ['@@ -0,0 +1,2 @@', '+first', '+second', '\\ No newline at end of file', ''].join('\n');
  expect(sorted(commentableLines(patch))).toEqual([1, 2]);
});

test('no patch (binary file, diff too large) and text before any hunk give nothing', () => {
  expect(commentableLines(undefined).size).toBe(0);
  expect(commentableLines('').size).toBe(0);
  expect(commentableLines('+not in a hunk\n context').size).toBe(0);
});

test('comments are placed inline only on a line of their own file that the diff shows', () => {
  const lines = diffLines([
    { filename: 'a.ts', patch: '@@ -1,2 +1,2 @@\n-old\n+new\n ctx' },
    { filename: 'b.png', patch: null },
  ]);
  const comments = [
    { path: 'a.ts', line: 1, body: 'on the new line' },
    { path: 'a.ts', line: 2, body: 'on context' },
    { path: 'a.ts', line: 3, body: 'past the hunk' },
    { path: 'b.png', line: 1, body: 'binary' },
    { path: 'A.ts', line: 1, body: 'paths are case-sensitive' },
  ];
  expect(placeComments(comments, lines)).toEqual({ inline: comments.slice(0, 2), outside: comments.slice(2) });
});

test('the outside section keeps each comment with its place, and backticks in a path cannot break the code span', () => {
  expect(bodyWithOutsideComments('Body.', [])).toBe('Body.');
  expect(bodyWithOutsideComments('Body.', [{ path: 'we`ird.ts', line: 7, body: 'note' }])).toBe(
    [
      'Body.',
      '### Comments on lines outside the diff',
      'GitHub accepts inline comments only on lines the diff shows, so these are listed here.',
      "**`we'ird.ts` line 7**\n\nnote",
    ].join('\n\n'),
  );
});
