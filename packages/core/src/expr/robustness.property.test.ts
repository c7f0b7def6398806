import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SynapticFlowError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import { buildProgram } from '../program/build.js';
import { emitJsExpression } from '../program/javascript/emit-expression.js';
import { checkProgramIdentifiers } from '../program/javascript/safe-identifiers.js';
import { ExpressionLimitError } from './limits.js';
import { parseExpression } from './parser.js';

/** Fixed seed and run count: the same inputs on every run, a few seconds at most. */
const BUDGET = { seed: 20_261_203, numRuns: 1000 };
const WHERE = { model: 'fuzz', field: 'expression' };

/** Whatever `run` throws must be one of the project's named errors. */
function onlyNamedErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SynapticFlowError)) throw error;
  }
}

const TOKENS = [
  'v',
  'w',
  'tau',
  'I',
  't',
  'dt',
  'a',
  'b',
  '_x',
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  '0',
  '1',
  '0.5',
  '1e308',
  '1e-320',
  '.5',
  '5.',
  '1e',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '^',
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '!=',
  '=',
  'and',
  'or',
  'not',
  'true',
  'false',
  'exp(',
  'log(',
  'min(',
  'max(',
  'pow(',
  'float32(',
  'ceil(',
  'select(',
  '?',
  ':',
  ' ',
  '\t',
  '\n',
  '$',
  'é',
  '\u2028',
];
const tokenString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  tokenString,
);

const NAMES = [
  'v',
  'w',
  'tau',
  'a',
  'b',
  'I',
  'dt',
  't',
  's',
  'exp',
  'constructor',
  '__proto__',
  'toString',
  'x y',
  '',
];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 }));
const value = fc.oneof(
  anyString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything({ maxDepth: 2 }),
);
const dictionary = <T>(item: fc.Arbitrary<T>) => fc.dictionary(name, item, { maxKeys: 4 });
const spec = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 8 }), value),
    parameters: fc.oneof(
      dictionary(
        fc.record(
          {
            default: fc.oneof(fc.double(), fc.constant(null), value),
            nullable: value,
            perNeuron: value,
            constraint: value,
          },
          { requiredKeys: [] },
        ),
      ),
      value,
    ),
    state: fc.oneof(dictionary(fc.record({ initial: value }, { requiredKeys: [] })), value),
    definitions: fc.oneof(dictionary(tokenString), value),
    equations: fc.oneof(dictionary(tokenString), value),
    threshold: fc.oneof(tokenString, value),
    reset: fc.oneof(dictionary(tokenString), value),
    refractory: fc.oneof(
      fc.record({ period: fc.oneof(tokenString, value), freeze: fc.oneof(fc.array(name), value) }),
      value,
    ),
    bounds: fc.oneof(
      dictionary(fc.record({ lower: tokenString, upper: tokenString }, { requiredKeys: [] })),
      value,
    ),
  },
  { requiredKeys: [] },
);

describe('robustness: only named errors', () => {
  test('the parser, on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, (source) => onlyNamedErrors(() => parseExpression(source, WHERE))),
      BUDGET,
    );
  });

  test('the validator, program builder and JavaScript emitter, on arbitrary spec-shaped objects', () => {
    fc.assert(
      fc.property(spec, (candidate) =>
        onlyNamedErrors(() => {
          const program = buildProgram(validateModel(candidate as unknown as ModelSpec), { dt: 0.1 });
          checkProgramIdentifiers(program, 'fuzz');
          for (const statement of program.statements) {
            emitJsExpression(statement.expr, 'float32', { resolve: (symbol) => `s_${symbol}` });
          }
        }),
      ),
      BUDGET,
    );
  });

  test('the validator, on specs whose equations are arbitrary token strings over known names', () => {
    const model = fc.record({
      definitions: dictionary(tokenString),
      equations: fc.record({ v: tokenString, w: tokenString }, { requiredKeys: [] }),
      threshold: fc.option(tokenString, { nil: undefined }),
    });
    fc.assert(
      fc.property(model, ({ definitions, equations, threshold }) =>
        onlyNamedErrors(() =>
          validateModel({
            name: 'fuzz',
            parameters: { tau: { default: 10 }, a: { default: 1 } },
            state: { v: { initial: 0 }, w: { initial: 0 } },
            definitions,
            equations,
            ...(threshold === undefined ? {} : { threshold }),
          }),
        ),
      ),
      BUDGET,
    );
  });
});

describe('regression corpus: inputs that once crashed or hung', () => {
  const LIF: ModelSpec = {
    name: 'lif',
    parameters: { tau: { default: 10 } },
    state: { v: { initial: 0 } },
    equations: { v: '-v / tau' },
  };
  const doubling = (levels: number, op: string) => {
    const definitions: Record<string, string> = { d0: 'v' };
    for (let k = 1; k <= levels; k++) definitions[`d${k}`] = `d${k - 1} ${op} d${k - 1}`;
    return { ...LIF, definitions, equations: { v: `d${levels}` } };
  };
  const CORPUS: [string, () => unknown, (new (...args: never[]) => Error) | null][] = [
    [
      '1,000 nested parentheses',
      () => parseExpression(`${'('.repeat(1000)}v${')'.repeat(1000)}`, WHERE),
      ExpressionLimitError,
    ],
    [
      '100,000 nested parentheses',
      () => parseExpression(`${'('.repeat(100_000)}v`, WHERE),
      ExpressionLimitError,
    ],
    [
      'a 745-term sum',
      () => validateModel({ ...LIF, equations: { v: Array(745).fill('v').join(' + ') } }),
      ExpressionLimitError,
    ],
    [
      'a 10,000-level power tower',
      () => parseExpression(Array(10_000).fill('v').join('^'), WHERE),
      ExpressionLimitError,
    ],
    ['10,000 unary minus', () => parseExpression(`${'-'.repeat(10_000)}v`, WHERE), ExpressionLimitError],
    [
      'd_k = d_{k-1} + d_{k-1}, 40 levels (the 613-byte spec)',
      () => validateModel(doubling(40, '+')),
      ExpressionLimitError,
    ],
    ['d_k = d_{k-1} * d_{k-1}, 200 levels', () => validateModel(doubling(200, '*')), ExpressionLimitError],
    ['constructor(v)', () => parseExpression('constructor(v)', WHERE), SynapticFlowError],
    [
      'a 40,001-character unknown name against a 40,001-character parameter',
      () =>
        validateModel({
          ...LIF,
          parameters: { ['p'.repeat(40_001)]: { default: 1 } },
          equations: { v: `${'p'.repeat(40_000)}q` },
        }),
      SynapticFlowError,
    ],
  ];
  test.each(CORPUS)('%s', (_label, run, expected) => {
    expect(run).toThrow(expected!);
  });
});
