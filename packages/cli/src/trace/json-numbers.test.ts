import { describe, expect, test } from 'vitest';
import { fromJsonNumber, toJsonNumber } from './json-numbers.js';

describe('trace numbers', () => {
  test('non-finite values become strings and read back as the same values', () => {
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.5, 0];
    const json = JSON.stringify(values.map((x) => toJsonNumber(x)));
    expect(json).toBe('["NaN","Infinity","-Infinity",-0.5,0]');
    expect((JSON.parse(json) as unknown[]).map(fromJsonNumber)).toEqual(values);
  });

  test('float32 values are written short, as the reference files print them, and read back exactly', () => {
    const v = Math.fround(-61.990646);
    expect(JSON.stringify(toJsonNumber(v, 'float32'))).toBe('-61.990646');
    for (const x of [0.1, 1 / 3, -59.998646, 3.4e38, 1e-40, 123456789]) {
      const f = Math.fround(x);
      expect(Math.fround(JSON.parse(JSON.stringify(toJsonNumber(f, 'float32'))))).toBe(f);
    }
  });

  test('float64 values are written as they are', () => {
    expect(toJsonNumber(1 / 3)).toBe(1 / 3);
  });

  test('anything else is refused on reading', () => {
    expect(() => fromJsonNumber('nan')).toThrow(
      'expected a number or "NaN", "Infinity", "-Infinity", got "nan"',
    );
  });
});
