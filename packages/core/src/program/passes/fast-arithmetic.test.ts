import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from '../../expr/evaluate.js';
import { formatExpression } from '../../expr/format.js';
import { parseExpression } from '../../expr/parser.js';
import type { Statement } from '../program.js';
import { fastArithmetic } from './fast-arithmetic.js';
import { foldConstants } from './fold-constants.js';

/** As a backend's fast mode runs it: after constant folding, which turns `-0.2` into one literal. */
const rewrite = (source: string, dtype: 'float32' | 'float64' = 'float64') => {
  const parsed = parseExpression(source, { model: 'test', field: 'expression' });
  const statements: Statement[] = [
    { kind: 'set', name: 'v', expr: foldConstants(parsed, { dtype, constantOf: () => undefined }) },
  ];
  return formatExpression(
    fastArithmetic(statements, { dtype, perNeuronValues: () => undefined }).statements[0]!.expr,
  );
};

/** Distance in units in the last place between two finite values of one dtype. */
function ulpsApart(a: number, b: number, dtype: 'float32' | 'float64'): number {
  if (dtype === 'float32') {
    const bits = (x: number) => {
      const i = new Int32Array(Float32Array.of(x).buffer)[0]!;
      return i < 0 ? -(i & 0x7fffffff) : i;
    };
    return Math.abs(bits(a) - bits(b));
  }
  const bits = (x: number) => {
    const i = new BigInt64Array(Float64Array.of(x).buffer)[0]!;
    return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
  };
  const d = bits(a) - bits(b);
  return Number(d < 0n ? -d : d);
}

describe('fastArithmetic', () => {
  test('multiplies the literal factors of a product together, rounded once to the dtype', () => {
    expect(rewrite('(v * 0.05) * 0.1')).toBe(`v * ${0.05 * 0.1}`);
    expect(rewrite('0.1 * (0.05 * (ge + gi))')).toBe(`(ge + gi) * ${0.05 * 0.1}`);
    expect(rewrite('(v * 3) * 0.1', 'float32')).toBe(`v * ${Math.fround(3 * Math.fround(0.1))}`);
    expect(rewrite('((v * 2) * 3) * 4')).toBe('v * 24');
  });

  test('turns a decay x + x*c into one multiplication by 1 + c', () => {
    expect(rewrite('ge + (ge * -0.2) * 0.1')).toBe(`ge * ${1 + -0.2 * 0.1}`);
    expect(rewrite('ge * -0.02 + ge')).toBe(`ge * ${1 - 0.02}`);
    expect(rewrite('ge - ge * 0.02')).toBe(`ge * ${1 - 0.02}`);
    expect(rewrite('(a + b) + (a + b) * 0.5')).toBe('(a + b) * 1.5');
  });

  test('leaves what is not the pattern', () => {
    expect(rewrite('ge * 0.02 - ge')).toBe('ge * 0.02 - ge'); // ge * (0.02 - 1), not 1 + c
    expect(rewrite('ge + gi * 0.02')).toBe('ge + gi * 0.02');
    expect(rewrite('v * w * 0.5')).toBe('v * w * 0.5');
  });

  test('drops an added zero', () => {
    expect(rewrite('(ge - v) + 0')).toBe('ge - v');
    expect(rewrite('0 + v')).toBe('v');
  });

  test('never makes a literal that overflows or falls below the normal range', () => {
    expect(rewrite('(v * 1e300) * 1e300')).toBe('v * 1e+300 * 1e+300');
    expect(rewrite('(v * 1e-30) * 1e-20', 'float32')).toBe('v * 1e-30 * 1e-20');
    expect(rewrite('x + (x * -0.5) * 2')).toBe('x + x * -1'); // 1 + c is 0
  });

  test('a per-neuron parameter is rewritten as the same parameter given as one number, to the same bits', () => {
    const tau = [3, 7, 0.3];
    const source = 'g + (g * k) * 0.1 + (v * k) * 0.1';
    const perNeuron = fastArithmetic(
      [{ kind: 'set', name: 'g', expr: parseExpression(source, { model: 'test', field: 'expression' }) }],
      { dtype: 'float32', perNeuronValues: (name) => (name === 'k' ? tau : undefined) },
    );
    expect(formatExpression(perNeuron.statements[0]!.expr)).toBe('g * (1 + (k * 0.1)) + v * (k * 0.1)');
    for (const [i, k] of tau.entries()) {
      const scalar = fastArithmetic(
        [
          {
            kind: 'set',
            name: 'g',
            expr: parseExpression(source.replaceAll('k', String(k)), { model: 'test', field: 'expression' }),
          },
        ],
        { dtype: 'float32', perNeuronValues: () => undefined },
      );
      const [, one, product] = /g \* (\S+) \+ v \* (\S+)/.exec(formatExpression(scalar.statements[0]!.expr))!;
      expect(perNeuron.derived.get('(1 + (k * 0.1))')![i]).toBe(Number(one));
      expect(perNeuron.derived.get('(k * 0.1)')![i]).toBe(Number(product));
    }
  });

  test("makes no per-neuron constant when one neuron's value would not be normal", () => {
    const { statements, derived } = fastArithmetic(
      [
        {
          kind: 'set',
          name: 'v',
          expr: parseExpression('(v * k) * 1e-30', { model: 'test', field: 'expression' }),
        },
      ],
      { dtype: 'float32', perNeuronValues: (name) => (name === 'k' ? [1, 1e-10] : undefined) },
    );
    expect(formatExpression(statements[0]!.expr)).toBe('v * k * 1e-30');
    expect(derived.size).toBe(0);
  });

  test.each(['float32', 'float64'] as const)(
    'an Euler decay step stays within 2 ulps of the two-rounding original (%s)',
    (dtype) => {
      const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
      const round = arithmetic.round;
      const original = parseExpression('g + (g * k) * dt', { model: 'test', field: 'expression' });
      fc.assert(
        fc.property(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.double({ min: -1, max: -1e-3, noNaN: true }),
          fc.constantFrom(0.1, 0.05, 0.01),
          (g, k, dt) => {
            const values: Record<string, number> = { g: round(g) };
            const constants = { k: round(k), dt: round(dt) };
            const withLiterals = (e: ReturnType<typeof parseExpression>): typeof e =>
              e.kind === 'identifier' && e.name in constants
                ? { kind: 'number', value: constants[e.name as 'k' | 'dt'] }
                : e.kind === 'binary'
                  ? { ...e, left: withLiterals(e.left), right: withLiterals(e.right) }
                  : e;
            const expr = withLiterals(original);
            const fast = fastArithmetic([{ kind: 'set', name: 'g', expr }], {
              dtype,
              perNeuronValues: () => undefined,
            }).statements[0]!.expr;
            expect(fast.kind === 'binary' && fast.op === '*').toBe(true);
            const lookup = (name: string) => values[name]!;
            const before = evaluate(expr, lookup, arithmetic) as number;
            const after = evaluate(fast, lookup, arithmetic) as number;
            expect(ulpsApart(before, after, dtype)).toBeLessThanOrEqual(2);
          },
        ),
        { seed: 20_261_203, numRuns: 5000 },
      );
    },
  );
});
