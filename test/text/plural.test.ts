import { describe, expect, test } from 'vitest';
import { plural } from '../../src/text/index.js';

describe('plural', () => {
  test('the noun for one, the noun with an s for any other count', () => {
    expect([0, 1, 2, 1.5, -1].map((count) => `${count} ${plural(count, 'turn')}`)).toEqual(['0 turns', '1 turn', '2 turns', '1.5 turns', '-1 turns']);
    expect(plural(3, 'inline comment')).toBe('inline comments');
  });
});
