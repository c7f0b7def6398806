import {
  type Backend,
  binary,
  call,
  type Expr,
  ident,
  interpreterBackend,
  type KernelRequest,
  num,
  type StepProgram,
  substitute,
  unary,
} from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { describeBackendSuite, runCase, SUITE_CASES } from './suite.js';
import type { BackendTarget } from './suite-types.js';

// The reference interpreter (core's oracle) must pass the suite in both dtypes.
for (const dtype of ['float32', 'float64'] as const) {
  describeBackendSuite(
    { describe, test },
    { label: `interpreter ${dtype}`, createBackend: () => interpreterBackend(), dtype },
  );
}

/** A backend that hands the interpreter a deliberately broken program or kernel. */
function faulty(
  name: string,
  breakProgram: (program: StepProgram) => StepProgram,
  options: { arithmetic?: 'float64' } = {},
): Backend {
  const inner = interpreterBackend();
  return {
    ...inner,
    name,
    createKernel(request: KernelRequest) {
      const program = breakProgram(request.program);
      // Computing in float64 while declaring float32: the kernel is built for float64, the buffers say float32.
      const dtype = options.arithmetic ?? request.dtype;
      return inner.createKernel({ ...request, program, dtype });
    },
  };
}

const mapExprs = (program: StepProgram, map: (expr: Expr) => Expr): StepProgram => ({
  ...program,
  statements: program.statements.map((s) => ({ ...s, expr: map(s.expr) })),
});

const isSpikeSelect = (expr: Expr): boolean =>
  expr.kind === 'select' && expr.cond.kind === 'identifier' && expr.cond.name === 's';

const flipExp = (expr: Expr): Expr => {
  switch (expr.kind) {
    case 'call':
      return expr.fn === 'exp'
        ? call('exp', unary('-', flipExp(expr.args[0]!)))
        : { ...expr, args: expr.args.map(flipExp) };
    case 'unary':
      return { ...expr, operand: flipExp(expr.operand) };
    case 'binary':
      return { ...expr, left: flipExp(expr.left), right: flipExp(expr.right) };
    case 'select':
      return {
        ...expr,
        cond: flipExp(expr.cond),
        whenTrue: flipExp(expr.whenTrue),
        whenFalse: flipExp(expr.whenFalse),
      };
    default:
      return expr;
  }
};

/** Each mutant, with cases that must catch it. */
const MUTANTS: Record<string, [Backend, string[]]> = {
  'sign flip in the exponential term': [faulty('exp-sign', (p) => mapExprs(p, flipExp)), ['elif.integrate']],
  'refractory one step too long': [
    faulty('refractory+1', (p) =>
      mapExprs(p, (e) =>
        substitute(e, (name) => (name === '_refractorySteps' ? binary('+', ident(name), num(1)) : undefined)),
      ),
    ),
    ['elif.refractory-steps'],
  ],
  'reset skipped': [
    faulty('no-reset', (p) => ({
      ...p,
      statements: p.statements.filter((s) => !(s.kind === 'set' && s.name === 'v' && isSpikeSelect(s.expr))),
    })),
    ['elif.reset'],
  ],
  'float64 arithmetic where float32 was asked': [
    faulty('float64-inside', (p) => p, { arithmetic: 'float64' }),
    ['reference.elif-const-8.seed-pytorch-float32'],
  ],
};

describe('the suite catches broken backends', () => {
  for (const [fault, [backend, catchers]] of Object.entries(MUTANTS)) {
    test(`reports a failure for: ${fault}`, async () => {
      const target: BackendTarget = { label: fault, createBackend: () => backend, dtype: 'float32' };
      const failed: string[] = [];
      for (const testCase of SUITE_CASES) {
        if (testCase.appliesTo && !testCase.appliesTo(target)) continue;
        await runCase(testCase, target).catch(() => failed.push(testCase.id));
      }
      expect(failed).toEqual(expect.arrayContaining(catchers));
    });
  }
});
