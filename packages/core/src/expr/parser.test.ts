import { describe, expect, test } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { caretOffset, evalSource, parse, specError, stripSpans } from '../testing/helpers.js';
import { binary, call, type Expr, ident, num, unary } from './ast.js';
import { parseExpression } from './parser.js';

const shape = (source: string): Expr => stripSpans(parse(source));

describe('parseExpression: literals and identifiers', () => {
  test.each([
    ['12', 12],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['1E3', 1000],
    ['2.5e+2', 250],
    ['3.', 3],
    ['007', 7],
  ])('number %s', (source, value) => {
    expect(shape(source)).toEqual(num(value));
  });

  test('identifiers, including reserved inputs I, dt and t', () => {
    expect(shape('restPot')).toEqual(ident('restPot'));
    expect(shape('v_2')).toEqual(ident('v_2'));
    expect(shape('_tmp')).toEqual(ident('_tmp'));
    expect(shape('I')).toEqual(ident('I'));
    expect(shape('dt')).toEqual(ident('dt'));
    expect(shape('t')).toEqual(ident('t'));
  });

  test('true and false are booleans, not identifiers', () => {
    expect(shape('true')).toEqual({ kind: 'boolean', value: true });
    expect(shape('false')).toEqual({ kind: 'boolean', value: false });
    expect(shape('trueish')).toEqual(ident('trueish'));
  });

  test('whitespace (spaces, tabs, newlines) is ignored', () => {
    expect(shape(' \t a\n+\r\nb ')).toEqual(binary('+', ident('a'), ident('b')));
  });

  test('spans are 0-based source offsets', () => {
    const expr = parse('  a + b*c');
    expect(expr.span).toEqual({ start: 2, end: 9 });
    expect(expr.kind === 'binary' && expr.right.span).toEqual({ start: 6, end: 9 });
    expect(parse('(a)').span).toEqual({ start: 0, end: 3 });
    expect(parse('exp(x)').span).toEqual({ start: 0, end: 6 });
    expect(parse('-x').span).toEqual({ start: 0, end: 2 });
  });
});

describe('parseExpression: structure and precedence', () => {
  test('^ binds tighter than unary minus: -x^2 is -(x^2)', () => {
    expect(shape('-x^2')).toEqual(unary('-', binary('^', ident('x'), num(2))));
    expect(evalSource('-x^2', { x: 3 })).toBe(-9);
    expect(evalSource('-2^2')).toBe(-4);
    expect(evalSource('(-2)^2')).toBe(4);
  });

  test('^ is right-associative: 2^3^2 = 2^(3^2) = 512', () => {
    expect(shape('2^3^2')).toEqual(binary('^', num(2), binary('^', num(3), num(2))));
    expect(evalSource('2^3^2')).toBe(512);
    expect(evalSource('(2^3)^2')).toBe(64);
  });

  test('a unary minus may follow ^: 2^-1 is 2^(-1)', () => {
    expect(shape('2^-1')).toEqual(binary('^', num(2), unary('-', num(1))));
    expect(evalSource('2^-1')).toBe(0.5);
    expect(evalSource('2^-1^2')).toBe(0.5); // 2^(-(1^2))
  });

  test('* and / bind tighter than + and -, all left-associative', () => {
    expect(shape('a + b * c')).toEqual(binary('+', ident('a'), binary('*', ident('b'), ident('c'))));
    expect(evalSource('1 + 2 * 3')).toBe(7);
    expect(evalSource('(1 + 2) * 3')).toBe(9);
    expect(evalSource('10 - 4 - 3')).toBe(3);
    expect(evalSource('64 / 4 / 2')).toBe(8);
    expect(evalSource('2 * 3 ^ 2')).toBe(18);
    expect(evalSource('8 / 2 * 4')).toBe(16);
    expect(shape('a - b - c')).toEqual(binary('-', binary('-', ident('a'), ident('b')), ident('c')));
  });

  test('unary minus binds tighter than * and /', () => {
    expect(shape('-a * b')).toEqual(binary('*', unary('-', ident('a')), ident('b')));
    expect(evalSource('-6 / 2 + 1')).toBe(-2);
    expect(evalSource('--3')).toBe(3);
    expect(evalSource('1 - -1')).toBe(2);
  });

  test('unary plus is accepted and dropped', () => {
    expect(shape('+x')).toEqual(ident('x'));
    expect(evalSource('2 * +3')).toBe(6);
  });

  test('parentheses group', () => {
    expect(shape('((a))')).toEqual(ident('a'));
    expect(shape('a * (b + c)')).toEqual(binary('*', ident('a'), binary('+', ident('b'), ident('c'))));
  });

  test('comparisons bind looser than arithmetic', () => {
    expect(shape('a + 1 < b * 2')).toEqual(
      binary('<', binary('+', ident('a'), num(1)), binary('*', ident('b'), num(2))),
    );
    expect(evalSource('1 + 2 == 3')).toBe(true);
  });

  test.each([
    ['1 < 2', true],
    ['2 < 2', false],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 > 2', false],
    ['2 >= 2', true],
    ['1 >= 2', false],
    ['2 == 2.0', true],
    ['2 == 3', false],
    ['2 != 3', true],
    ['2 != 2', false],
  ])('comparison %s is %s', (source, expected) => {
    expect(evalSource(source)).toBe(expected);
  });

  test.each([
    ['a < b < c', 6],
    ['a == b != c', 7],
    ['a <= b >= c', 7],
    ['a > b == c', 6],
  ])('comparisons do not chain: %s', (source, offset) => {
    const error = specError(() => parse(source));
    expect(error.detail).toContain('comparisons do not chain');
    // The caret sits under the second comparison operator.
    expect(caretOffset(error)).toBe(offset);
  });

  test('parenthesised comparisons parse (and are left to the type checker)', () => {
    expect(shape('(a < b) == c')).toEqual(binary('==', binary('<', ident('a'), ident('b')), ident('c')));
  });

  test('and binds tighter than or; not binds tighter than and; comparisons tighter than not', () => {
    expect(shape('a or b and c')).toEqual(binary('or', ident('a'), binary('and', ident('b'), ident('c'))));
    expect(evalSource('true or false and false')).toBe(true);
    expect(evalSource('(true or false) and false')).toBe(false);
    expect(shape('not a and b')).toEqual(binary('and', unary('not', ident('a')), ident('b')));
    expect(evalSource('not true and false')).toBe(false);
    expect(evalSource('not (true and false)')).toBe(true);
    expect(shape('not a < b')).toEqual(unary('not', binary('<', ident('a'), ident('b'))));
    expect(evalSource('not 1 > 2')).toBe(true);
    expect(evalSource('not not true')).toBe(true);
    expect(evalSource('1 < 2 and 3 > 4 or true')).toBe(true);
    expect(evalSource('1 < 2 and (3 > 4 or true)')).toBe(true);
    expect(evalSource('1 > 2 and (3 > 4 or true)')).toBe(false);
  });

  test('and/or are left-associative', () => {
    expect(shape('a or b or c')).toEqual(binary('or', binary('or', ident('a'), ident('b')), ident('c')));
    expect(shape('a and b and c')).toEqual(binary('and', binary('and', ident('a'), ident('b')), ident('c')));
  });
});

describe('parseExpression: functions', () => {
  test.each([
    ['exp(0)', 1],
    ['exp(1)', Math.E],
    ['log(1)', 0],
    ['log(exp(2))', 2],
    ['sqrt(16)', 4],
    ['abs(-2.5)', 2.5],
    ['tanh(0)', 0],
    ['tanh(1)', Math.tanh(1)],
    ['min(2, 3)', 2],
    ['max(2, 3)', 3],
    ['pow(2, 10)', 1024],
    ['pow(2, 3^2)', 512],
    ['min(1 + 1, max(0, 3)) * 2', 4],
  ])('%s = %s', (source, expected) => {
    expect(evalSource(source)).toBeCloseTo(expected, 14);
  });

  test('calls parse into call nodes with their arguments', () => {
    expect(shape('max(a, b + 1)')).toEqual(call('max', ident('a'), binary('+', ident('b'), num(1))));
    expect(shape('-exp(x)^2')).toEqual(unary('-', binary('^', call('exp', ident('x')), num(2))));
  });

  test.each([
    ['exp(1, 2)', 'exp() takes 1 argument, got 2', 0],
    ['exp()', 'exp() takes 1 argument, got 0', 0],
    ['1 + sqrt(1, 2)', 'sqrt() takes 1 argument, got 2', 4],
    ['min(1)', 'min() takes 2 arguments, got 1', 0],
    ['pow(1, 2, 3)', 'pow() takes 2 arguments, got 3', 0],
    ['max()', 'max() takes 2 arguments, got 0', 0],
  ])('wrong arity: %s', (source, detail, offset) => {
    const error = specError(() => parse(source));
    expect(error.detail).toBe(detail);
    expect(error.column).toBe(offset + 1);
    expect(caretOffset(error)).toBe(offset);
  });

  test.each(['foo(1)', 'float32(x)', 'ceil(x)', 'select(a, b, c)', 'Exp(1)'])(
    '%s is not a callable function',
    (source) => {
      const error = specError(() => parse(source));
      expect(error.detail).toMatch(
        /^unknown function "\w+" \(available: exp, log, sqrt, abs, tanh, min, max, pow\)$/,
      );
      expect(error.column).toBe(1);
    },
  );

  test('a user function needs parentheses', () => {
    expect(specError(() => parse('exp + 1')).detail).toContain(
      'function "exp" needs its arguments in parentheses',
    );
    expect(specError(() => parse('2 * max')).detail).toContain(
      'function "max" needs its arguments in parentheses',
    );
  });
});

describe('parseExpression: malformed input', () => {
  test('the issue example: an extra ")" names the model, field and column with a caret', () => {
    const error = specError(() =>
      parseExpression('(-(v - restPot) + R*I)) / tau', { model: 'mylif', field: 'equation for v' }),
    );
    expect(error.message).toBe(
      'model "mylif", equation for v: unexpected ")" at column 23\n' +
        '  (-(v - restPot) + R*I)) / tau\n' +
        '                        ^',
    );
    expect(error).toBeInstanceOf(ModelSpecError);
    expect(error.code).toBe('MODEL_SPEC');
    expect(error.model).toBe('mylif');
    expect(error.field).toBe('equation for v');
    expect(error.column).toBe(23);
    expect(error.detail).toBe('unexpected ")"');
  });

  test.each([
    // source, expected detail (exact or substring), 0-based offset of the caret
    ['(a + b', 'missing ")" to close "(" at column 1', 6],
    ['((a + b)', 'missing ")" to close "(" at column 1', 8],
    ['exp(a', 'missing ")" to close exp(', 5],
    ['a +', 'unexpected end of expression', 3],
    ['a * (b -', 'unexpected end of expression', 8],
    ['a * #b', 'unexpected character "#"', 4],
    ['v = 1', 'unexpected character "="', 2],
    ['', 'empty expression', 0],
    ['   ', 'empty expression', 3],
    ['3x', 'unexpected "x" after the number 3', 1],
    ['2 * 1e', 'unexpected "e" after the number 1', 5],
    ['1.5.5', 'unexpected ".5"', 3],
    ['a b', 'unexpected "b"', 2],
    ['()', 'unexpected ")"', 1],
    ['a)', 'unexpected ")"', 1],
    ['min(1,)', 'unexpected ")"', 6],
    ['min(1 2)', 'unexpected "2"', 6],
    ['and a', 'unexpected "and"', 0],
    ['a or', 'unexpected end of expression', 4],
    ['a < not b', 'unexpected "not"', 4],
    ['a , b', 'unexpected ","', 2],
    ['a & b', 'unexpected character "&"', 2],
    ['a $', 'unexpected character "$"', 2],
  ])('%j: %s', (source, detail, offset) => {
    const error = specError(() => parseExpression(source, { model: 'm', field: 'threshold' }));
    expect(error.detail.startsWith(detail)).toBe(true);
    expect(error.model).toBe('m');
    expect(error.field).toBe('threshold');
    expect(error.column).toBe(offset + 1);
    expect(error.message).toBe(
      `model "m", threshold: ${error.detail} at column ${offset + 1}\n  ${source}\n  ${' '.repeat(offset)}^`,
    );
    expect(caretOffset(error)).toBe(offset);
  });

  test('"=" gets a hint to use "=="', () => {
    const error = specError(() => parse('v = 1'));
    expect(error.detail).toContain('use "==" to compare');
    expect(parse('v == 1')).toBeDefined();
  });
});
