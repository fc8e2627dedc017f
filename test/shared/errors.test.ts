import { describe, expect, test } from 'vitest';
import { errorMessage, InputError, toError } from '../../src/errors.js';

describe('errorMessage', () => {
  test('the message of an Error, of any class', () => {
    expect([errorMessage(new Error('disk on fire')), errorMessage(new InputError('bad input')), errorMessage(new TypeError(''))]).toEqual([
      'disk on fire',
      'bad input',
      '',
    ]);
  });

  test('anything else thrown, as String() shows it', () => {
    expect([errorMessage('text'), errorMessage(42), errorMessage(undefined), errorMessage(null), errorMessage({ message: 'not an Error' })]).toEqual([
      'text',
      '42',
      'undefined',
      'null',
      '[object Object]',
    ]);
  });
});

describe('toError', () => {
  test('an Error as it is; anything else as an Error with its String() as the message', () => {
    const error = new InputError('bad input');
    expect(toError(error)).toBe(error);
    const made = toError('text');
    expect(made).toBeInstanceOf(Error);
    expect([made.message, toError(42).message, toError(undefined).message]).toEqual(['text', '42', 'undefined']);
  });
});
