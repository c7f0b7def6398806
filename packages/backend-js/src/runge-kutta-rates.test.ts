import {
  ADAPTIVE_LIF_MODEL,
  ADEX_MODEL,
  IZHIKEVICH_MODEL,
  type ModelSpec,
  Population,
} from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

const DT = 0.1;

/**
 * Spike count, and the rate (Hz) from the first to the last spike, which resolves differences a count over the
 * window cannot: of one neuron under constant input, in float64.
 */
function firing(model: ModelSpec, integrator: string, dt: number, duration: number, input: number) {
  const population = new Population(model, {
    n: 1,
    dt,
    dtype: 'float64',
    integrator,
    spikeTrace: false,
    backend: jsBackend(),
  });
  const { spikes } = population.run(Math.round(duration / dt), { input });
  population.dispose();
  const times: number[] = [];
  spikes!.forEach((spiked, step) => {
    if (spiked) times.push(step * dt);
  });
  const rate = (1000 * (times.length - 1)) / (times[times.length - 1]! - times[0]!);
  return { spikes: times.length, rate };
}

// core's rk2/rk4 with the overflow guard capping their stages (core/src/program/runge-kutta.ts).
describe('rk2 and rk4 at the default dt fire at the rate of Euler at dt/100', () => {
  // Library defaults; constant inputs that give regular firing (with adaptation), 25-40 spikes.
  test.each([
    ['adex', ADEX_MODEL, 1000, 1000],
    ['adaptive-lif', ADAPTIVE_LIF_MODEL, 1, 600],
    ['izhikevich', IZHIKEVICH_MODEL, 10, 1500],
  ] as const)('%s', { timeout: 60_000 }, (_, model, input, duration) => {
    const reference = firing(model, 'euler', DT / 100, duration, input);
    expect(reference.spikes).toBeGreaterThanOrEqual(25);
    for (const integrator of ['rk2', 'rk4']) {
      const { spikes, rate } = firing(model, integrator, DT, duration, input);
      // A spike may fall on either side of the window's end.
      expect(Math.abs(spikes - reference.spikes), integrator).toBeLessThanOrEqual(1);
      expect(Math.abs(rate / reference.rate - 1), integrator).toBeLessThan(0.02);
    }
  });
});
