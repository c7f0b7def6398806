import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Dtype } from '../../backend.js';
import { binary, call, type Expr, ident, num, select, unary } from '../../expr/ast.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '../../expr/evaluate.js';
import { formatExpression } from '../../expr/format.js';
import { parseExpression } from '../../expr/parser.js';
import { exactIdentity } from './exact-identities.js';
import { foldConstants } from './fold-constants.js';

const PARAMETERS: Record<string, number> = { one: 1, minusOne: -1, zero: 0, tau: 10, third: 1 / 3 };
const fold = (source: string, dtype: Dtype = 'float64') =>
  formatExpression(
    foldConstants(parseExpression(source, { model: 'test', field: 'expression' }), {
      dtype,
      constantOf: (name) => PARAMETERS[name],
    }),
  );

describe('foldConstants', () => {
  test('evaluates constant subtrees in the dtype, one rounding per operation', () => {
    expect(fold('third * 3')).toBe(String((1 / 3) * 3));
    expect(fold('third * 3', 'float32')).toBe(String(Math.fround(Math.fround(1 / 3) * 3)));
    expect(fold('v + 2*tau')).toBe('v + 20');
  });

  test('drops the exact identities, in both dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      expect(fold('v*one + w/one - zero', dtype)).toBe('v + w');
      expect(fold('v * minusOne', dtype)).toBe('-v');
      expect(fold('minusOne * v', dtype)).toBe('-v');
      expect(fold('v / minusOne', dtype)).toBe('-v');
      expect(fold('v ^ one', dtype)).toBe('v');
    }
  });

  test('moves a negation onto a literal factor or divisor, in both dtypes', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      expect(fold('-v / tau', dtype)).toBe('v / -10');
      expect(fold('-v * tau', dtype)).toBe('v * -10');
      expect(fold('tau * -v', dtype)).toBe('-10 * v');
      expect(fold('tau / -v', dtype)).toBe('-10 / v');
      expect(fold('-v + tau', dtype)).toBe('-v + 10'); // a sum keeps its negation
    }
  });

  test('keeps the operations that are not identities for every value', () => {
    expect(fold('v + zero')).toBe('v + 0'); // -0 + 0 is +0
    expect(fold('v * zero')).toBe('v * 0'); // NaN and Infinity give NaN
    expect(fold('v - (-zero)')).toBe('v - -0'); // -0 - -0 is +0
    expect(fold('zero - v')).toBe('0 - v'); // 0 - 0 is +0, -0 is not
  });

  test('float32(x) drops out only in a float32 kernel', () => {
    const rounded = call('float32', binary('-', ident('v'), num(0.1)));
    const options = (dtype: Dtype) => ({ dtype, constantOf: () => undefined });
    expect(formatExpression(foldConstants(rounded, options('float32')))).toBe('v - 0.1');
    expect(formatExpression(foldConstants(rounded, options('float64')))).toBe('float32(v - 0.1)');
  });

  test('exactIdentity knows only the exact ones', () => {
    expect(exactIdentity('+', undefined, 0)).toBeUndefined();
    expect(exactIdentity('*', undefined, 0)).toBeUndefined();
    expect(exactIdentity('-', undefined, -0)).toBeUndefined();
    expect(exactIdentity('^', undefined, -1)).toBeUndefined();
    expect(exactIdentity('-', undefined, 0)).toEqual({ keep: 'left', negate: false });
  });
});

/** Well-typed random expressions over x, y (state) and c, d (constants), with the awkward literals. */
const { number: numberExpr } = fc.letrec<{ number: Expr; boolean: Expr }>((tie) => ({
  number: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(0, -0, 1, -1, 2, 0.1, 1e308, Number.POSITIVE_INFINITY, Number.NaN).map(num),
    fc.constantFrom('x', 'y', 'c', 'd').map(ident),
    tie('number').map((operand) => unary('-', operand)),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/', '^'), tie('number'), tie('number'))
      .map(([op, left, right]) => binary(op as '+', left, right)),
    fc
      .tuple(fc.constantFrom('exp', 'abs', 'float32', 'ceil', 'sqrt'), tie('number'))
      .map(([fn, arg]) => call(fn, arg)),
    fc
      .tuple(fc.constantFrom('min', 'max', 'pow'), tie('number'), tie('number'))
      .map(([fn, a, b]) => call(fn, a, b)),
    fc.tuple(tie('boolean'), tie('number'), tie('number')).map(([cond, a, b]) => select(cond, a, b)),
  ),
  boolean: fc.oneof(
    { depthSize: 'small' },
    fc.boolean().map((value): Expr => ({ kind: 'boolean', value })),
    fc
      .tuple(fc.constantFrom('<', '<=', '==', '!='), tie('number'), tie('number'))
      .map(([op, left, right]) => binary(op as '<', left, right)),
    fc
      .tuple(fc.constantFrom('and', 'or'), tie('boolean'), tie('boolean'))
      .map(([op, left, right]) => binary(op as 'and', left, right)),
    tie('boolean').map((operand) => unary('not', operand)),
  ),
}));
const value = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('folding is bit-exact', () => {
  test.each(['float32', 'float64'] as const)(
    'a folded expression evaluates to the same bits (%s)',
    (dtype) => {
      const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
      fc.assert(
        fc.property(numberExpr, value, value, value, value, (expr, x, y, c, d) => {
          // A kernel holds state and parameters in its dtype.
          const values: Record<string, number> = { x, y, c, d };
          for (const name in values) values[name] = arithmetic.round(values[name]!);
          const constants: Record<string, number> = { c, d };
          const folded = foldConstants(expr, { dtype, constantOf: (name) => constants[name] });
          const lookup = (name: string) => values[name]!;
          expect(Object.is(evaluate(folded, lookup, arithmetic), evaluate(expr, lookup, arithmetic))).toBe(
            true,
          );
        }),
        { seed: 20_261_203, numRuns: 3000 },
      );
    },
  );
});
