import { BackendError, ELIFPopulation } from '@synapticflow/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, test } from 'vitest';
import { capturing, registerStandIn } from '../test/backends.js';
import { tfjsBackend } from './index.js';

// webgl and webgpu cannot run in Node: a backend registered as "webgl" but computing with tfjs-cpu's kernels
// takes the code paths of a backend without synchronous reads.
const unregister = registerStandIn('webgl');
afterAll(async () => {
  unregister();
  await tf.setBackend('cpu');
});

const INPUT = [0.3, 1, 10];

describe('a tfjs backend without synchronous reads (webgl, webgpu)', () => {
  test('says so, refuses synchronous reads with a pointer to read(), and records asynchronously', async () => {
    const before = tf.memory().numTensors;
    const { backend, kernels } = capturing(tfjsBackend({ backendName: 'webgl' }));
    expect(backend.synchronousReads).toBe(false);
    expect(backend.synchronousRuns).toBe(false);
    const population = new ELIFPopulation({ n: 3, batchSize: 2, backend });
    expect(tf.getBackend()).toBe('webgl');
    // Fused kernels are registered for tfjs-cpu only: other backends run op by op, even with cpu storage.
    expect(population.kernelDescription).toBe(
      `tfjs ${tf.version_core} float32 on webgl (one kernel per operation)`,
    );

    const kernel = kernels[0]!;
    expect(() => kernel.readState('v')).toThrow(BackendError);
    expect(() => kernel.readState('v')).toThrow('use await population.read("v")');
    expect(() => population.v).toThrow(BackendError);
    expect(() => population.forward(1)).toThrow('use runAsync()');

    const result = await population.runAsync(300, { input: INPUT, record: ['v', 'traces'], stride: 4 });
    const reference = await onCpu();
    expect(result).toEqual(reference.result);
    expect(await population.read('v')).toEqual(reference.v);
    expect(kernel.findNaN()).toBeNull(); // it would need a synchronous read

    // Only a run that records returns a promise; the others dispatch synchronously.
    const quiet = { layout: 'scalar' as const, perStep: false, data: Float32Array.of(1) };
    expect(kernel.run({ steps: 2, firstStep: 0, input: quiet, recordings: [] })).toBeUndefined();
    const buffer = new Float32Array(6);
    const recording = kernel.run({
      steps: 1,
      firstStep: 0,
      input: quiet,
      recordings: [{ name: 'v', stride: 1, buffer }],
    });
    expect(recording).toBeInstanceOf(Promise);
    await recording;
    expect(buffer).toEqual(await population.read('v'));

    population.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

async function onCpu() {
  const population = new ELIFPopulation({ n: 3, batchSize: 2, backend: tfjsBackend({ backendName: 'cpu' }) });
  const result = population.run(300, { input: INPUT, record: ['v', 'traces'], stride: 4 });
  const v = population.v;
  population.dispose();
  await tf.setBackend('webgl');
  return { result, v };
}
