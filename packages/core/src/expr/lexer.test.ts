import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { thrown, WHERE } from '../testing/helpers.js';
import { tokenize } from './lexer.js';

const kinds = (source: string) => tokenize(source, WHERE).map((t) => [t.kind, t.text]);

describe('tokenize', () => {
  test('splits numbers, identifiers, operators and punctuation with offsets', () => {
    const tokens = tokenize('max(v, 1e-3) <= -2.5', WHERE);
    expect(tokens.map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ['identifier', 'max', 0, 3],
      ['(', '(', 3, 4],
      ['identifier', 'v', 4, 5],
      [',', ',', 5, 6],
      ['number', '1e-3', 7, 11],
      [')', ')', 11, 12],
      ['operator', '<=', 13, 15],
      ['operator', '-', 16, 17],
      ['number', '2.5', 17, 20],
      ['end', '', 20, 20],
    ]);
    expect(tokens[4]!.value).toBe(0.001);
  });

  test('two-character operators win over one-character ones', () => {
    expect(kinds('a<=b>=c==d!=e<f>g')).toEqual([
      ['identifier', 'a'],
      ['operator', '<='],
      ['identifier', 'b'],
      ['operator', '>='],
      ['identifier', 'c'],
      ['operator', '=='],
      ['identifier', 'd'],
      ['operator', '!='],
      ['identifier', 'e'],
      ['operator', '<'],
      ['identifier', 'f'],
      ['operator', '>'],
      ['identifier', 'g'],
      ['end', ''],
    ]);
  });

  test('words (and, or, not, true) are identifiers at this level', () => {
    expect(kinds('not a and true')).toEqual([
      ['identifier', 'not'],
      ['identifier', 'a'],
      ['identifier', 'and'],
      ['identifier', 'true'],
      ['end', ''],
    ]);
  });

  test('number forms', () => {
    for (const [text, value] of [
      ['12', 12],
      ['0.5', 0.5],
      ['.5', 0.5],
      ['1e-3', 1e-3],
      ['1E+3', 1000],
      ['4.', 4],
    ] as const) {
      const [token] = tokenize(text, WHERE);
      expect(token).toMatchObject({ kind: 'number', text, value });
    }
  });

  test('a letter right after a number is an error pointing at the letter', () => {
    const error = thrown(() => tokenize('2 + 3x', WHERE), ModelSpecError);
    expect(error.column).toBe(6);
    expect(error.detail).toBe('unexpected "x" after the number 3');
  });

  test('unknown characters are errors pointing at them', () => {
    for (const [source, column] of [
      ['a # b', 3],
      ['a ! b', 3],
      ['a;', 2],
      ['a @', 3],
    ] as const) {
      const error = thrown(() => tokenize(source, WHERE), ModelSpecError);
      expect(error.column).toBe(column);
      expect(error.detail).toMatch(/^unexpected character/);
    }
  });
});
