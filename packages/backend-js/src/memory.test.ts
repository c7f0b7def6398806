import { ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

describe('memory', () => {
  test('a kernel holds its state and nothing else, and runs allocate no more', () => {
    const n = 1000;
    const population = new ELIFPopulation({ n, backend: jsBackend() });
    const stateBytes = population.program.state.reduce((sum, s) => sum + (s.type === 'boolean' ? 1 : 4), 0);
    expect(population.kernelMemoryBytes).toBe(n * stateBytes);
    population.run(100, { input: Float32Array.from({ length: n }, () => 0.8) });
    population.forward(0.5);
    expect(population.kernelMemoryBytes).toBe(n * stateBytes);
  });

  test('a per-neuron parameter adds one float per neuron for it and for each derived parameter it feeds', () => {
    const n = 1000;
    const uniform = new ELIFPopulation({ n, backend: jsBackend() });
    const varied = new ELIFPopulation({
      n,
      backend: jsBackend(),
      resetPot: Float64Array.from({ length: n }, (_, j) => -70 + (j % 5)),
    });
    const extra = varied.kernelMemoryBytes! - uniform.kernelMemoryBytes!;
    expect(extra % (n * 4)).toBe(0);
    expect(extra).toBeGreaterThanOrEqual(n * 4);
  });

  test('threads add only the shared input staging buffer', () => {
    const n = 1000;
    const one = new ELIFPopulation({ n, backend: jsBackend() });
    const two = new ELIFPopulation({ n, backend: jsBackend({ threads: 2, minUpdatesForThreads: 1 }) });
    two.run(10, { input: Float32Array.from({ length: n }, () => 0.5) });
    const staging = two.kernelMemoryBytes! - one.kernelMemoryBytes!;
    expect(staging).toBeGreaterThanOrEqual(n * 4);
    expect(staging).toBeLessThanOrEqual(2 * 1024 * 4 + n * 4);
    two.dispose();
  });
});
