import { jsBackend } from '@synapticflow/backend-js';
import { ELIF_MODEL, Population } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { froundElifLoop, plainElifLoop } from './hand-written-elif.js';

// The bench divides every backend by these loops, so they must compute the update the backends compute.
describe('hand-written ELIF loops', () => {
  const n = 50;
  const steps = 400;
  const input = Float32Array.from({ length: n }, (_, i) => i / n);

  function backendJs(dtype: 'float32' | 'float64') {
    const population = new Population(ELIF_MODEL, { n, dtype, spikeTrace: false, backend: jsBackend() });
    try {
      const result = population.run(steps, { input: dtype === 'float32' ? input : Float64Array.from(input) });
      return { v: Float64Array.from(population.state('v')), spikes: result.spikes! };
    } finally {
      population.dispose();
    }
  }

  function loop(run: typeof froundElifLoop) {
    const v = new Float32Array(n).fill(-62);
    const spikes = new Uint8Array(n);
    const counts = new Uint32Array(n);
    const refractory = new Float32Array(n);
    for (let k = 0; k < steps; k++) {
      run(v, refractory, spikes, input, 1);
      for (let i = 0; i < n; i++) counts[i]! += spikes[i]!;
    }
    return { v, counts };
  }

  function counts(spikes: Uint8Array): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < spikes.length; i++) out[i % n]! += spikes[i]!;
    return out;
  }

  test('the fround loop reproduces backend-js float32 exactly', () => {
    const reference = backendJs('float32');
    const baseline = loop(froundElifLoop);
    expect(Array.from(baseline.v)).toEqual(Array.from(Float32Array.from(reference.v)));
    expect(Array.from(baseline.counts)).toEqual(Array.from(counts(reference.spikes)));
    expect(baseline.counts.some((c) => c > 0)).toBe(true);
  });

  test('the plain loop spikes as backend-js float64 does', () => {
    const reference = backendJs('float64');
    const baseline = loop(plainElifLoop);
    expect(Array.from(baseline.counts)).toEqual(Array.from(counts(reference.spikes)));
    for (let i = 0; i < n; i++) expect(baseline.v[i]).toBeCloseTo(reference.v[i]!, 3);
  });
});
