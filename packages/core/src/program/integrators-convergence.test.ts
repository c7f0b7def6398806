import { describe, expect, test } from 'vitest';
import { ELIF_MODEL } from '../model/library/elif.js';
import type { ModelSpec } from '../model/spec.js';
import { Population } from '../population/population.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';

/** A LIF membrane without threshold: v(t) = vInf + (v0 - vInf) exp(-t/tau), vInf = restPot + R I. */
const LIF: ModelSpec = {
  name: 'lif-subthreshold',
  parameters: { tau: { default: 10 }, restPot: { default: -65 }, R: { default: 20 } },
  state: { v: { initial: 'restPot' } },
  equations: { v: '(R*I + restPot - v) / tau' },
};

function vAfter(model: ModelSpec, integrator: string, dt: number, duration: number, input: number): number {
  const population = new Population(model, {
    n: 1,
    dt,
    dtype: 'float64',
    integrator,
    backend: interpreterBackend(),
  });
  population.run(Math.round(duration / dt), { input, spikes: false });
  return population.state('v')[0]!;
}

/** log2 of successive error ratios when dt halves: the observed order of convergence. */
function orders(errors: number[]): number[] {
  return errors.slice(1).map((e, i) => Math.log2(errors[i]! / e));
}

describe('integrators on LIF under constant current (closed form)', () => {
  const duration = 10;
  const exact = -45 + (-65 - -45) * Math.exp(-duration / 10);

  test.each([
    ['euler', [0.5, 0.25, 0.125, 0.0625], 1],
    ['rk2', [0.5, 0.25, 0.125, 0.0625], 2],
    ['rk4', [1, 0.5, 0.25, 0.125], 4],
  ] as const)('%s converges with order %#', (integrator, steps, order) => {
    const errors = steps.map((dt) => Math.abs(vAfter(LIF, integrator, dt, duration, 1) - exact));
    for (const observed of orders(errors)) expect(observed).toBeCloseTo(order, 0);
  });

  test('exponential Euler is exact for a linear equation, at any dt', () => {
    for (const dt of [2, 0.5, 0.1])
      expect(vAfter(LIF, 'exponential-euler', dt, duration, 1)).toBeCloseTo(exact, 11);
  });
});

describe('integrators on ELIF against a fine-step reference', () => {
  // Below the rheobase (0.05 nA) the neuron never spikes, so the comparison sees only the integrator.
  const duration = 20;
  const input = 0.045;
  const reference = vAfter(ELIF_MODEL, 'rk4', 0.001, duration, input);

  test.each([
    ['euler', 1],
    ['rk2', 2],
    ['rk4', 4],
  ] as const)('%s converges with order %d', (integrator, order) => {
    const steps = integrator === 'rk4' ? [0.8, 0.4, 0.2, 0.1] : [0.2, 0.1, 0.05, 0.025];
    const errors = steps.map((dt) =>
      Math.abs(vAfter(ELIF_MODEL, integrator, dt, duration, input) - reference),
    );
    for (const observed of orders(errors)) expect(Math.abs(observed - order)).toBeLessThan(0.3);
  });

  test('exponential Euler refuses ELIF, whose equation is not linear in v', () => {
    expect(() => vAfter(ELIF_MODEL, 'exponential-euler', 0.1, 1, 0)).toThrow(
      'model "elif", equation for v: exponential-euler needs equations linear in their own variable',
    );
  });
});

describe('runge-kutta with coupled variables and a refractory freeze', () => {
  const ADAPTING: ModelSpec = {
    name: 'adapting',
    parameters: { tau: { default: 10 }, tauW: { default: 50 }, a: { default: 0.5 } },
    state: { v: { initial: 0 }, w: { initial: 0 } },
    equations: { v: '(I - v - w) / tau', w: '(a*v - w) / tauW' },
    threshold: 'v > 100',
    refractory: { period: '1', freeze: ['v'] },
  };

  test('rk4 agrees with a fine-step rk4 reference on a coupled system', () => {
    const fine = vAfter(ADAPTING, 'rk4', 0.01, 50, 10);
    expect(vAfter(ADAPTING, 'rk4', 0.5, 50, 10)).toBeCloseTo(fine, 5);
    expect(vAfter(ADAPTING, 'exponential-euler', 0.01, 50, 10)).toBeCloseTo(fine, 2);
  });

  test('a frozen variable stays put in every stage while its neighbour integrates', () => {
    const population = new Population(ADAPTING, {
      n: 1,
      dtype: 'float64',
      integrator: 'rk4',
      backend: interpreterBackend(),
    });
    population.writeState('v', [5]);
    population.writeState('refractory', [3]);
    population.forward(10);
    expect(population.state('v')[0]).toBe(5);
    expect(population.state('w')[0]).toBeGreaterThan(0);
  });
});
