import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SynapseSpecError } from '../../errors.js';
import { type CallNode, type Expr, ident, mapChildren } from '../../expr/ast.js';
import { evaluate } from '../../expr/evaluate.js';
import { drawNormal, drawUniform } from '../../random/draws.js';
import { stripSpans } from '../../testing/helpers.js';
import { synapseSources } from '../connectors/connectivity.js';
import { connectFixedProbability } from '../connectors/fixed-probability.js';
import type { DeliveryProgram } from '../kernel/contract.js';
import { compileSynapse } from './compile.js';
import { delayToSteps } from './delay.js';
import { formatDeliveryProgram } from './format.js';
import type { SynapseTarget } from './spec.js';
import { parseValueExpression } from './value-expression.js';
import { synapseValues } from './values.js';

/** Fixed seed and run count: the same inputs on every run. */
const RUNS = { seed: 20_261_203, numRuns: 300 };

const TARGET: SynapseTarget = {
  model: 'cuba',
  state: [
    { name: 'v', type: 'number' },
    { name: 'ge', type: 'number' },
    { name: 's', type: 'boolean' },
  ],
  parameters: ['tau'],
};
const VARIABLES = { w: {}, u: {} };

const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('w', 'u', 'ge', 'v', 'ge_post', 'v_post', 't', '0', '1.5', '2e-3', '10', '.25'),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expr'))
      .map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('expr').map((a) => `-${a}`),
    tie('expr').map((a) => `(${a})`),
    fc.tuple(fc.constantFrom('exp', 'log', 'sqrt', 'abs', 'tanh'), tie('expr')).map(([f, a]) => `${f}(${a})`),
    fc
      .tuple(fc.constantFrom('min', 'max', 'pow'), tie('expr'), tie('expr'))
      .map(([f, a, b]) => `${f}(${a}, ${b})`),
  ),
})).expr;

const statement = fc
  .tuple(
    fc.constantFrom('w', 'u', 'ge', 'v', 'ge_post', 'v_post'),
    fc.constantFrom('=', '+=', '-=', '*=', '/='),
    expression,
  )
  .map(([name, op, value]) => `${name} ${op} ${value}`);

const onPre = fc
  .tuple(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.constantFrom('; ', '\n', ' ;\n  '))
  .map(([statements, separator]) => statements.join(separator));

/** A program without source spans, which differ between a statement and its printed form. */
const withoutSpans = (program: DeliveryProgram) => ({
  ...program,
  statements: program.statements.map((s) => ({ ...s, expr: stripSpans(s.expr) })),
});

describe('synapse properties', () => {
  test('valid statements compile, and their printed form compiles to the same program', () => {
    fc.assert(
      fc.property(onPre, (source) => {
        const program = compileSynapse({ name: 'fuzz', variables: VARIABLES, onPre: source }, TARGET);
        const printed = formatDeliveryProgram(program);
        const again = compileSynapse({ name: 'fuzz', variables: VARIABLES, onPre: printed }, TARGET);
        expect(withoutSpans(again)).toEqual(withoutSpans(program));
        expect(printed).not.toMatch(/_post|\+=|-=|\*=|\/=/);
      }),
      RUNS,
    );
  });

  test('any token soup either compiles or throws a SynapseSpecError whose caret lies inside the statement', () => {
    const token = fc.constantFrom(
      'w',
      'ge',
      'v_post',
      'v_pre',
      's',
      'tau',
      't',
      'dt',
      'constructor',
      '__proto__',
      '_post',
      'rand',
      '1',
      '.5',
      '1e',
      '=',
      '+=',
      '-=',
      '*=',
      '/=',
      '==',
      '+',
      '-',
      '*',
      '/',
      '^',
      '<',
      '(',
      ')',
      ',',
      ';',
      '\n',
      ' ',
      '#',
      'exp',
      'min',
      'not',
      'true',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (tokens) => {
        try {
          compileSynapse({ variables: VARIABLES, onPre: tokens.join('') }, TARGET);
        } catch (error) {
          if (!(error instanceof SynapseSpecError)) throw error;
          if (error.source !== undefined) {
            expect(error.column).toBeGreaterThanOrEqual(1);
            expect(error.column).toBeLessThanOrEqual(error.source.length + 1);
          }
        }
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  test('synapseValues equals the reference evaluator with each random call read from its own stream', () => {
    const connectivity = connectFixedProbability({
      sourceCount: 40,
      targetCount: 30,
      probability: 0.3,
      seed: 3,
    });
    const sources = synapseSources(connectivity);
    const valueExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('i', 'j', 'rand()', 'randn()', '0.5', '3', '1e-2'),
        fc
          .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expr'))
          .map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('expr').map((a) => `-${a}`),
        fc
          .tuple(fc.constantFrom('exp', 'log', 'sqrt', 'abs', 'tanh'), tie('expr'))
          .map(([f, a]) => `${f}(${a})`),
        fc
          .tuple(fc.constantFrom('min', 'max', 'pow'), tie('expr'), tie('expr'))
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
      ),
    })).expr;
    fc.assert(
      fc.property(valueExpression, fc.nat(1000), fc.nat(1000), (source, seed, stream) => {
        const { expr, randomCalls } = parseValueExpression(source, { field: 'w' });
        // Random call k becomes a name the lookup answers with its draw.
        const drawName = new Map<CallNode, string>(randomCalls.map((node, k) => [node, `draw${k}`]));
        const named = (e: Expr): Expr =>
          e.kind === 'call' && drawName.has(e) ? ident(drawName.get(e)!) : mapChildren(e, named);
        const tree = named(expr);
        const expected = Array.from(connectivity.targets, (j, s) =>
          Number(
            evaluate(tree, (name) => {
              if (name === 'i') return sources[s]!;
              if (name === 'j') return j;
              const k = Number(name.slice('draw'.length));
              const draw = randomCalls[k]!.fn === 'rand' ? drawUniform : drawNormal;
              return draw(seed, stream + k, 0, s);
            }),
          ),
        );
        if (expected.every(Number.isFinite)) {
          expect(synapseValues(source, connectivity, { name: 'w', seed, stream })).toEqual(
            Float64Array.from(expected),
          );
        } else {
          expect(() => synapseValues(source, connectivity, { name: 'w', seed, stream })).toThrow(
            SynapseSpecError,
          );
        }
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  test('delayToSteps rounds to the nearest step and never decreases as the delay grows', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.constantFrom(0.1, 0.05, 0.025, 0.01, 0.5, 1),
        (a, b, dt) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lowSteps = delayToSteps(low, dt, 'delay') as number;
          expect(lowSteps).toBeLessThanOrEqual(delayToSteps(high, dt, 'delay') as number);
          expect(Math.abs(lowSteps * dt - low)).toBeLessThanOrEqual(dt / 2 + 1e-9 * Math.max(1, low));
        },
      ),
      { seed: 9, numRuns: 2000 },
    );
  });
});
