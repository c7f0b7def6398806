import { ELIFPopulation, Population } from '@synapticflow/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { tfjsBackend } from './index.js';
import '../test/backends.js';
import { EVERY_OPERATION } from '../test/models.js';
import { CPU_PATHS } from '../test/paths.js';

const tensors = () => tf.memory().numTensors;

describe.each(CPU_PATHS)('no tensor leaks ($label)', ({ options }) => {
  test('10,000 forward steps hold as many tensors as one; dispose returns to the count before', () => {
    const before = tensors();
    const population = new ELIFPopulation({ n: 20, batchSize: 2, backend: tfjsBackend(options) });
    const input = Array.from({ length: 20 }, (_, i) => i * 0.05);
    population.forward(input);
    const afterFirst = tensors();
    for (let step = 1; step < 10_000; step++) population.forward(input);
    expect(tensors()).toBe(afterFirst);
    expect(population.stepCount).toBe(10_000);
    population.dispose();
    expect(tensors()).toBe(before);
  });

  test('a forward loop whose input changes every call leaks nothing either', () => {
    const before = tensors();
    const population = new ELIFPopulation({ n: 4, backend: tfjsBackend(options) });
    population.forward([0, 1, 2, 3]);
    const afterFirst = tensors();
    for (let step = 1; step < 2000; step++) population.forward([step % 3, 1, 2, (step % 7) * 0.1]);
    expect(tensors()).toBe(afterFirst);
    population.dispose();
    expect(tensors()).toBe(before);
  });

  test('runs with every input kind, recordings and t leak nothing, and reset/setBatchSize release', () => {
    const before = tensors();
    const population = new Population(EVERY_OPERATION, { n: 3, batchSize: 2, backend: tfjsBackend(options) });
    const runAll = () => {
      population.run(6000, { input: 0.5, record: ['x', 'y'], stride: 2 }); // 6000 rows held: several flushes mid-run
      population.run(50, {
        input: { steps: Array.from({ length: 50 * 3 }, (_, i) => i % 5) },
        record: ['x'],
      });
      population.run(50, { input: (step, buffer) => buffer.fill(step / 50), record: ['y'], stride: 2 });
    };
    runAll();
    const afterFirst = tensors();
    runAll();
    expect(tensors()).toBe(afterFirst);
    population.reset();
    expect(tensors()).toBe(afterFirst);
    population.setBatchSize(4);
    population.setBatchSize(2);
    runAll();
    expect(tensors()).toBe(afterFirst);
    population.dispose();
    expect(tensors()).toBe(before);
  });

  test('a run that fails part-way releases what it held and keeps its state', () => {
    const before = tensors();
    const population = new ELIFPopulation({ n: 2, backend: tfjsBackend(options) });
    const failing = (step: number, buffer: Float32Array | Float64Array) => {
      if (step === 30) throw new Error('input source failed');
      buffer.fill(1);
    };
    expect(() => population.run(100, { input: failing, record: ['v'] })).toThrow('input source failed');
    expect(population.stepCount).toBe(30);
    expect(population.v.every(Number.isFinite)).toBe(true);
    population.dispose();
    expect(tensors()).toBe(before);
  });

  test("a user's enclosing tf.tidy does not dispose the population's state", () => {
    const population = new ELIFPopulation({ n: 2, backend: tfjsBackend(options) });
    tf.tidy(() => {
      population.forward(1);
      population.run(10, { input: 1, record: ['v'] });
    });
    population.forward(1);
    expect(population.v.every(Number.isFinite)).toBe(true);
    population.dispose();
  });
});

describe('memoryBytes', () => {
  test('equals the bytes of the tensors the kernel keeps between runs, per-neuron parameters included', () => {
    const n = 500;
    const before = tf.memory().numBytes;
    const population = new ELIFPopulation({
      n,
      batchSize: 2,
      backend: tfjsBackend(),
      resetPot: Float64Array.from({ length: n }, (_, j) => -70 + (j % 3)),
    });
    population.run(20, { input: 0.7, spikes: false });
    const stateBytes = population.program.state.reduce((sum, s) => sum + (s.type === 'boolean' ? 1 : 4), 0);
    expect(population.kernelMemoryBytes).toBeGreaterThan(2 * n * stateBytes);
    expect(tf.memory().numBytes - before).toBe(population.kernelMemoryBytes);
    population.run(20, { input: 0.7, spikes: false });
    expect(tf.memory().numBytes - before).toBe(population.kernelMemoryBytes);
    population.dispose();
  });
});
