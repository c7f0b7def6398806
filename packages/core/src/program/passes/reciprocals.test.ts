import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate, FLOAT32_ARITHMETIC } from '../../expr/evaluate.js';
import { formatExpression } from '../../expr/format.js';
import { parseExpression } from '../../expr/parser.js';
import type { Statement } from '../program.js';
import { hoistReciprocals, reciprocalName } from './reciprocals.js';

const PER_NEURON = new Set(['tau', 'C']);
const hoist = (source: string, dtype: 'float32' | 'float64' = 'float32') => {
  const statements: Statement[] = [
    { kind: 'set', name: 'v', expr: parseExpression(source, { model: 'test', field: 'expression' }) },
  ];
  const result = hoistReciprocals(statements, { dtype, isPerNeuronParameter: (n) => PER_NEURON.has(n) });
  return { source: formatExpression(result.statements[0]!.expr), reciprocals: result.reciprocals };
};

function ulpsApart(a: number, b: number): number {
  const bits = (x: number) => {
    const i = new Int32Array(Float32Array.of(x).buffer)[0]!;
    return i < 0 ? -(i & 0x7fffffff) : i;
  };
  return Math.abs(bits(a) - bits(b));
}

describe('hoistReciprocals', () => {
  test('turns division by a literal into multiplication by its reciprocal, rounded to the dtype', () => {
    expect(hoist('(v - 2) / 4').source).toBe('(v - 2) * 0.25');
    expect(hoist('v / 3', 'float64').source).toBe(`v * ${1 / 3}`);
    expect(hoist('v / 3', 'float32').source).toBe(`v * ${Math.fround(1 / 3)}`);
  });

  test('turns division by a per-neuron parameter into a read of a new reciprocal parameter', () => {
    const { source, reciprocals } = hoist('(I - v) / tau + w / C + exp(v / tau)');
    expect(source).toBe(
      `(I - v) * ${reciprocalName('tau')} + w * ${reciprocalName('C')} + exp(v * ${reciprocalName('tau')})`,
    );
    expect([...reciprocals]).toEqual([
      [reciprocalName('tau'), 'tau'],
      [reciprocalName('C'), 'C'],
    ]);
  });

  test('leaves divisions by state, by zero and by values whose reciprocal is not finite', () => {
    for (const source of ['v / w', 'v / 0', 'v / 1e-45', '1 / v']) {
      const { source: out, reciprocals } = hoist(source);
      expect(out).toBe(formatExpression(parseExpression(source, { model: 'test', field: 'e' })));
      expect(reciprocals.size).toBe(0);
    }
  });

  test('stays within 2 float32 ulps of the division it replaces', () => {
    const float = fc.float({
      noNaN: true,
      noDefaultInfinity: true,
      min: Math.fround(-1e30),
      max: Math.fround(1e30),
    });
    const divisor = fc.float({ noNaN: true, min: Math.fround(1e-30), max: Math.fround(1e30) });
    fc.assert(
      fc.property(float, divisor, (x, c) => {
        const { statements } = hoistReciprocals(
          [
            {
              kind: 'set',
              name: 'v',
              expr: {
                kind: 'binary',
                op: '/',
                left: { kind: 'identifier', name: 'x' },
                right: { kind: 'number', value: c },
              },
            },
          ],
          { dtype: 'float32', isPerNeuronParameter: () => false },
        );
        const fast = evaluate(statements[0]!.expr, () => x, FLOAT32_ARITHMETIC) as number;
        expect(ulpsApart(fast, Math.fround(x / c))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 20000 },
    );
  });
});
