import { ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';

describe('memory', () => {
  test('the kernel is one linear memory of whole pages, holding padded state, and constant-input runs do not grow it', () => {
    const n = 100_000;
    const population = new ELIFPopulation({ n, backend: wasmBackend() });
    const stateBytes = population.program.state.reduce((sum, s) => sum + (s.type === 'boolean' ? 1 : 4), 0);
    const held = population.kernelMemoryBytes!;
    expect(held % 65536).toBe(0);
    expect(held).toBeGreaterThanOrEqual(n * stateBytes);
    expect(held).toBeLessThan(n * stateBytes + 2 * 65536);
    population.run(50, { input: 0.8 });
    population.run(50, { input: Float32Array.from({ length: n }, () => 0.5) });
    // The input row fits in the page slack or adds its own bytes, once.
    const afterRuns = population.kernelMemoryBytes!;
    population.run(50, { input: Float32Array.from({ length: n }, () => 0.6) });
    expect(population.kernelMemoryBytes).toBe(afterRuns);
    expect(afterRuns).toBeLessThanOrEqual(held + n * 4 + 65536);
  });
});
