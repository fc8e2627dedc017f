import { describe, expect, test } from 'vitest';
import { isRecord, nullPrototypeRecord } from '../../src/records.js';

describe('isRecord', () => {
  test('objects that are not arrays, prototype or not', () => {
    const values: unknown[] = [{}, { a: 1 }, Object.create(null), JSON.parse('{"__proto__": 1}'), new Date(0)];
    expect(values.map(isRecord)).toEqual([true, true, true, true, true]);
  });

  test('not null, arrays, primitives or functions', () => {
    const values: unknown[] = [null, undefined, [], [1], 'x', 0, true, Symbol('s'), 1n, () => 1];
    expect(values.map(isRecord)).toEqual([false, false, false, false, false, false, false, false, false, false]);
  });
});

describe('nullPrototypeRecord', () => {
  test('an empty record without a prototype, a new one each time', () => {
    const record = nullPrototypeRecord<string>();
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record)).toEqual([]);
    expect(nullPrototypeRecord()).not.toBe(nullPrototypeRecord());
  });

  test('__proto__ and constructor stay keys like any other', () => {
    const record = Object.assign(nullPrototypeRecord(), JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x"}'));
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(record.constructor).toBe('x');
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
