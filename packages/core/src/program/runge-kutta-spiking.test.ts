import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ADAPTIVE_LIF_MODEL } from '../model/library/adaptive-lif.js';
import { ADEX_MODEL } from '../model/library/adex.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import { IZHIKEVICH_MODEL } from '../model/library/izhikevich.js';
import type { ModelSpec } from '../model/spec.js';
import { Population } from '../population/population.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';

describe('examples/adex-adaptation.json with rk4', () => {
  const example = JSON.parse(
    readFileSync(new URL('../../../../examples/adex-adaptation.json', import.meta.url), 'utf8'),
  ) as { n: number; dt: number; steps: number; input: { constant: { linspace: [number, number] } } };

  function run(integrator: string) {
    const { n, dt, steps } = example;
    const [low, high] = example.input.constant.linspace;
    const input = Float64Array.from({ length: n }, (_, j) => low + ((high - low) * j) / (n - 1));
    const population = new Population(ADEX_MODEL, { n, dt, integrator, backend: interpreterBackend() });
    const { spikes, recorded } = population.run(steps, { input, record: ['w'] });
    const counts = new Array<number>(n).fill(0);
    spikes!.forEach((spiked, i) => {
      counts[i % n]! += spiked;
    });
    return {
      counts,
      largestW: Math.max(...Array.from(recorded.w!, Math.abs)),
      warnings: population.warnings,
    };
  }

  test('fires as Euler does, neuron by neuron, and w stays in the pA range', () => {
    const euler = run('euler');
    const rk4 = run('rk4');
    expect(euler.counts.reduce((a, b) => a + b)).toBeGreaterThan(10);
    expect(rk4.counts).toEqual(euler.counts);
    expect(rk4.largestW).toBeLessThan(2 * euler.largestW);
    expect(rk4.warnings).toEqual([]);
  });
});

describe('population.warnings for stages beyond the valid range', () => {
  const population = (model: ModelSpec, integrator: string, params = {}) =>
    new Population(model, { n: 1, integrator, params, backend: interpreterBackend() });

  test('rk2/rk4 on ELIF without vPeak warn that stages pass the threshold, and name vPeak', () => {
    for (const integrator of ['rk2', 'rk4']) {
      const [warning, ...rest] = population(ELIF_MODEL, integrator).warnings;
      expect(rest).toEqual([]);
      expect(warning).toContain(
        `model "elif", integrator ${integrator}: the equation for v is not linear in v`,
      );
      expect(warning).toContain('Set vPeak');
    }
  });

  test('a user model with a diverging term and no overflow guard is told to declare one', () => {
    const quadratic: ModelSpec = {
      name: 'quadratic',
      parameters: { threshold: { default: 10 } },
      state: { v: { initial: 0 } },
      equations: { v: 'v*v + I' },
      threshold: 'v >= threshold',
      reset: { v: '0' },
    };
    expect(population(quadratic, 'rk4').warnings).toEqual([
      expect.stringContaining("Declare an overflow guard (overflowGuard: { v: '<peak parameter>' })"),
    ]);
  });

  test('no warning with a cap (AdEx, Izhikevich, ELIF with vPeak), a linear model, or Euler', () => {
    expect(population(ADEX_MODEL, 'rk4').warnings).toEqual([]);
    expect(population(IZHIKEVICH_MODEL, 'rk2').warnings).toEqual([]);
    expect(population(ELIF_MODEL, 'rk4', { vPeak: 0 }).warnings).toEqual([]);
    expect(population(ADAPTIVE_LIF_MODEL, 'rk4').warnings).toEqual([]);
    expect(population(ELIF_MODEL, 'euler').warnings).toEqual([]);
  });
});
