import { MAX_EXPRESSION_DEPTH, type ModelSpec, Population, validateModel } from '@synapticflow/core';
import { measureExpression } from '@synapticflow/core/backend';
import { interpreterBackend } from '@synapticflow/core/reference';
import { check, checkClose, checkEqual } from '../assert.js';
import type { SuiteCase } from '../suite-types.js';

const sum = (terms: number) => Array.from({ length: terms }, () => 'v').join(' + ');

/** Its equation, with the definition expanded, nests exactly as deep as validation allows. */
const DEEPEST_MODEL: ModelSpec = {
  name: 'deepest',
  parameters: { tau: { default: 1000 } },
  state: { v: { initial: 1 } },
  definitions: { a: sum(60) },
  equations: { v: `-(a + ${sum(67)}) / tau` },
};

const STEPS = 20;
const INPUT = [0.5, 1.5];
/**
 * v stays near 1 and each step adds one rounding of v and of a 127-term sum scaled by dt/tau ≈ 1e-4: float32
 * (roundoff 6e-8) stays within about 1e-6 over 20 steps; 1e-5 leaves room for any summation order. float64 is
 * held to 1e-12, far above its roundoff and far below any real discrepancy.
 */
const BOUND = { float32: 1e-5, float64: 1e-12 } as const;

/** Backends nest expressions into code of their own (JS, wasm, shaders): the deepest valid model must compile. */
export const EXPRESSION_LIMIT_CASES: SuiteCase[] = [
  {
    id: 'limits.expression-depth',
    group: 'limits',
    title:
      "a model at the expression depth limit runs and agrees with the float64 oracle within the dtype's bound",
    async run({ population, read, dtype }) {
      const depth = measureExpression(validateModel(DEEPEST_MODEL).equations[0]!.expr).depth;
      checkEqual(depth, MAX_EXPRESSION_DEPTH, 'depth of the test model');
      for (const integrator of ['euler', 'rk4']) {
        const subject = population(DEEPEST_MODEL, { n: 2, integrator });
        await subject.runAsync(STEPS, { input: INPUT });
        const v = await read(subject, 'v');
        check(v[0] !== 1, `v did not move in ${STEPS} steps (${integrator})`);
        checkClose(v, oracleV(integrator), BOUND[dtype], `v after ${STEPS} steps (${integrator})`);
      }
    },
  },
];

function oracleV(integrator: string): number[] {
  const oracle = new Population(DEEPEST_MODEL, {
    n: 2,
    dtype: 'float64',
    integrator,
    backend: interpreterBackend(),
  });
  try {
    oracle.run(STEPS, { input: INPUT });
    return Array.from(oracle.state('v'));
  } finally {
    oracle.dispose();
  }
}
