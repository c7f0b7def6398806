import { jsBackend } from '@synapticflow/backend-js';
import { type Backend, type ModelSpec, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { tfjsBackend } from './index.js';
import '../test/backends.js';

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
  const population = new Population(DEEPEST, { n: 2, dtype: 'float32', integrator, backend });
  population.run(20, { input: [0.5, 1.5] });
  const v = Array.from(population.state('v'));
  population.dispose();
  return v;
}

describe('an expression at the depth limit', () => {
  test.each(['euler', 'rk4'])('compiles and agrees with backend-js float32 (%s)', (integrator) => {
    const v = finalV(tfjsBackend(), integrator);
    const expected = finalV(jsBackend(), integrator);
    expect(v[0]).not.toBe(1);
    for (const [j, value] of v.entries()) expect(value).toBeCloseTo(expected[j]!, 5);
  });
});
