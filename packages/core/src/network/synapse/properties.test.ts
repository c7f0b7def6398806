import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SynapseSpecError } from '../../errors.js';
import { stripSpans } from '../../testing/helpers.js';
import type { DeliveryProgram } from '../kernel/contract.js';
import { compileSynapse } from './compile.js';
import { formatDeliveryProgram } from './format.js';
import type { SynapseTarget } from './spec.js';

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
});
