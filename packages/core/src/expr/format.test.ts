import { describe, expect, test } from 'vitest';
import { evalSource, parse, stripSpans } from '../testing/helpers.js';
import { binary, call, ident, num, select, unary } from './ast.js';
import { formatExpression } from './format.js';

const VARS = { a: 2, b: 3, c: 5, d: 7, x: 1.5, v: -60, restPot: -62, R: 20, I: 0.75, tau: 10 };

const ROUND_TRIPS = [
  '12',
  '0.5',
  '.5',
  '1e-3',
  '1e21',
  'a',
  'true',
  'false',
  '-x^2',
  '(-x)^2',
  '2^3^2',
  '(2^3)^2',
  '2^-1',
  '2^(-x)^2',
  '-(a + b)',
  '-(a * b)',
  '-a * b',
  '- -a',
  '1 - -a',
  'a - (b - c)',
  '(a - b) - c',
  'a / (b / c)',
  'a / (b * c)',
  'a / b * c',
  'a * (b + c)',
  '(a + b) * (c - d)',
  'a + b * c ^ d',
  '((a + b) * c) ^ (d - 1)',
  'exp(-(v - restPot) / tau)',
  'min(a, max(b, -c)) ^ 2',
  'pow(a, b) + sqrt(abs(c)) - log(d) * tanh(x)',
  '(-(v - restPot) + R*I) / tau',
  'a < b',
  'a + 1 <= b * 2',
  'a == b',
  'a != -b',
  'not a < b',
  'not (a < b and c > d)',
  'not not (a > b)',
  '(not a > b) and c > d',
  'a < b or c < d and a > d',
  '(a < b or c < d) and a > d',
  'a < b and (c < d or a > d)',
  'not (a < b or c < d)',
  'true or false and not false',
  '(true or false) and false',
];

describe('formatExpression', () => {
  test.each(ROUND_TRIPS)('parse(format(parse(%j))) equals parse(...) ignoring spans', (source) => {
    const expr = parse(source);
    const text = formatExpression(expr);
    expect(stripSpans(parse(text))).toEqual(stripSpans(expr));
    // And so it evaluates the same.
    expect(evalSource(text, VARS)).toEqual(evalSource(source, VARS));
    // Formatting is a fixed point after one round.
    expect(formatExpression(parse(text))).toBe(text);
  });

  test.each([
    ['(a + b) * c', '(a + b) * c'],
    ['a + (b * c)', 'a + b * c'],
    ['((a))', 'a'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a + (b + c)', 'a + (b + c)'],
    ['2^(3^2)', '2 ^ 3 ^ 2'],
    ['(2^3)^2', '(2 ^ 3) ^ 2'],
    ['-(x^2)', '-x ^ 2'],
    ['(-x)^2', '(-x) ^ 2'],
    ['2^(-1)', '2 ^ -1'],
    ['-(a+b)', '-(a + b)'],
    ['not (a and b)', 'not (a and b)'],
    ['(not a) and b', 'not a and b'],
    ['a or (b and c)', 'a or b and c'],
    ['(a or b) and c', '(a or b) and c'],
    ['(a < b) and c', 'a < b and c'],
    ['exp( x )', 'exp(x)'],
    ['max(a,b)', 'max(a, b)'],
    ['1e-3', '0.001'],
  ])('%s formats as %s', (source, expected) => {
    expect(formatExpression(parse(source))).toBe(expected);
  });

  test('formats nodes that only programs build (select, internal functions, infinities)', () => {
    expect(formatExpression(select(ident('s'), num(1), ident('v')))).toBe('select(s, 1, v)');
    expect(formatExpression(call('float32', binary('-', ident('r'), num(0.1))))).toBe('float32(r - 0.1)');
    expect(formatExpression(num(Number.POSITIVE_INFINITY))).toBe('(1/0)');
    expect(formatExpression(num(Number.NEGATIVE_INFINITY))).toBe('(-1/0)');
    expect(evalSource(formatExpression(binary('+', num(Number.POSITIVE_INFINITY), num(1))))).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(formatExpression(unary('-', num(2)))).toBe('-2');
  });

  test('round-trips a parenthesised comparison operand of a comparison', () => {
    const expr = parse('(a < b) == c');
    expect(stripSpans(parse(formatExpression(expr)))).toEqual(stripSpans(expr));
  });

  test('formats a NaN literal as something that evaluates to NaN', () => {
    expect(evalSource(formatExpression(num(Number.NaN)))).toBeNaN();
  });

  test('keeps the meaning of a negative literal as the base of ^', () => {
    const expr = binary('^', num(-2), num(2));
    expect(evalSource(formatExpression(expr))).toBe(4);
  });
});
