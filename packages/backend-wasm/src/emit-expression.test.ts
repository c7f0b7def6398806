import {
  type Dtype,
  type Expr,
  evaluate,
  FLOAT32_ARITHMETIC,
  FLOAT64_ARITHMETIC,
  formatExpression,
  parseExpression,
  select,
} from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { vectorEvaluate } from '../test/vector-evaluate.js';

/** Values where IEEE corner cases live. */
const EDGES = [
  0,
  -0,
  1,
  -1,
  2,
  -2,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-40,
  3e38,
];
const PAIRS = EDGES.flatMap((a) => EDGES.map((b) => [a, b] as const));

const parse = (source: string): Expr => parseExpression(source, { model: 'test', field: 'expression' });
/** `select(cond, a, b)`: the language has no conditional of its own; the program builder makes these nodes. */
const choose = (cond: string, a: string, b: string): Expr => select(parse(cond), parse(a), parse(b));

/** Every pair through the vector code and through core's reference `evaluate`, compared with Object.is. */
function agreeOnEdges(source: string | Expr, dtype: Dtype, constants: Record<string, number> = {}): void {
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const x = PAIRS.map(([a]) => round(a));
  const y = PAIRS.map(([, b]) => round(b));
  const variables: Record<string, number[]> = { x, y };
  for (const name of Object.keys(constants)) delete variables[name];
  const got = vectorEvaluate(source, dtype, variables, constants);
  const expr = typeof source === 'string' ? parse(source) : source;
  const text = formatExpression(expr);
  const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
  PAIRS.forEach((_, i) => {
    const lookup = (name: string) => (name in constants ? round(constants[name]!) : variables[name]![i]!);
    const expected = evaluate(expr, lookup, arithmetic) as number;
    expect(Object.is(got[i], expected), `${text} at x=${x[i]}, y=${y[i]}: ${got[i]} vs ${expected}`).toBe(
      true,
    );
  });
}

describe('expressions match the reference semantics on IEEE corner cases (NaN, ±0, ±Infinity, subnormals)', () => {
  for (const dtype of ['float32', 'float64'] as Dtype[]) {
    test.each([
      'x + y',
      'x - y',
      'x * y',
      'x / y',
      '-x',
      'abs(x)',
      'sqrt(x)',
      'min(x, y)',
      'max(x, y)',
      'x^2',
      'pow(x, y)',
      'log(x)',
      'tanh(x)',
      'exp(x) * 0 + 1',
    ])(`${dtype}: %s`, (source) => agreeOnEdges(source, dtype));

    test(`${dtype}: comparisons, and/or/not and select`, () => {
      agreeOnEdges(choose('x < y', '1', '0'), dtype);
      agreeOnEdges(choose('x <= y and not (x == y)', '1', '0'), dtype);
      agreeOnEdges(choose('x >= y or x != y', '1', '0'), dtype);
      agreeOnEdges(choose('x > 0', 'y / x', '0'), dtype);
    });

    test(`${dtype}: min/max against constants use pmin/pmax without changing signed zeros or NaN`, () => {
      for (const c of [0, -0, 2, -3, Number.POSITIVE_INFINITY]) {
        for (const source of ['max(x, c)', 'min(x, c)', 'max(c, x)', 'min(c, x)'])
          agreeOnEdges(source, dtype, { c });
      }
    });

    test(`${dtype}: the fast mode's max(x, 0) is pmax alone: NaN stays NaN, only a zero's sign may go`, () => {
      const x = EDGES.map(dtype === 'float32' ? Math.fround : Number);
      const exact = vectorEvaluate('max(x, 0)', dtype, { x });
      const fast = vectorEvaluate('max(x, 0)', dtype, { x }, {}, 'fast');
      x.forEach((value, i) => {
        const same = Object.is(fast[i], exact[i]) || (fast[i] === 0 && exact[i] === 0);
        expect(same, `max(${value}, 0): ${fast[i]} vs ${exact[i]}`).toBe(true);
      });
      const negativeZero = x.findIndex((value) => Object.is(value, -0));
      expect(Object.is(exact[negativeZero], 0)).toBe(true);
      expect(Object.is(fast[negativeZero], -0)).toBe(true);
    });

    test(`${dtype}: exact identities (x*1, x/1, x-0, x*-1, x/-1) and constant folding keep every bit`, () => {
      for (const source of [
        'x * one',
        'one * x',
        'x / one',
        'x - zero',
        'x * minusOne',
        'x / minusOne',
        'x + zero',
      ]) {
        agreeOnEdges(source, dtype, { one: 1, zero: 0, minusOne: -1 });
      }
      agreeOnEdges('x * (a * b + exp(a))', dtype, { a: 0.1, b: 3 });
    });
  }

  test('select does not leak an untaken NaN or Infinity', () => {
    for (const dtype of ['float32', 'float64'] as Dtype[]) {
      const got = vectorEvaluate(choose('x > 0', '1 / x', '0 * (1 / x)'), dtype, { x: [0, -0, 2, -2] });
      // 1/0 is Infinity and 0 * Infinity is NaN: each taken only where the condition picks it.
      expect(got).toEqual([Number.NaN, Number.NaN, 0.5, -0]);
      expect(vectorEvaluate(choose('x > 0', 'x', '7'), dtype, { x: [Number.NaN, 1] })).toEqual([7, 1]);
    }
  });
});
