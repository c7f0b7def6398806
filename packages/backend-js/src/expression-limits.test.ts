import {
  type Backend,
  MAX_EXPRESSION_DEPTH,
  type ModelSpec,
  Population,
  validateModel,
} from '@synapticflow/core';
import { measureExpression } from '@synapticflow/core/backend';
import { interpreterBackend } from '@synapticflow/core/reference';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

const sum = (terms: number) => Array.from({ length: terms }, () => 'v').join(' + ');
/** Its equation, with the definition expanded, nests exactly as deep as validation allows. */
const DEEPEST: ModelSpec = {
  name: 'deepest',
  parameters: { tau: { default: 1000 } },
  state: { v: { initial: 1 } },
  definitions: { a: sum(60) },
  equations: { v: `-(a + ${sum(67)}) / tau` },
};

function finalV(backend: Backend, integrator: string): number[] {
  const population = new Population(DEEPEST, { n: 2, dtype: 'float64', integrator, backend });
  population.run(20, { input: [0.5, 1.5] });
  const v = Array.from(population.state('v'));
  population.dispose();
  return v;
}

describe('an expression at the depth limit', () => {
  test('is exactly at the limit', () => {
    expect(measureExpression(validateModel(DEEPEST).equations[0]!.expr).depth).toBe(MAX_EXPRESSION_DEPTH);
  });

  test.each(['euler', 'rk4'])('compiles and matches the interpreter bit for bit (%s)', (integrator) => {
    const v = finalV(jsBackend(), integrator);
    expect(v).toEqual(finalV(interpreterBackend(), integrator));
    expect(v[0]).not.toBe(1);
  });
});
