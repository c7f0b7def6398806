import type { ELIFPopulation } from '@synapticflow/core';

/**
 * conformance's exerciseRunKinds through `runAsync` (a browser's main thread may not block for workers):
 * per-step input for every element, constant per-neuron input, input from a callback, recordings with a
 * stride, a single step, then every state variable read back.
 */
export async function exerciseRunKindsAsync(
  population: ELIFPopulation,
): Promise<Record<string, ArrayLike<number>>> {
  const { n, batchSize } = population;
  const steps = 40;
  const full = Float32Array.from(
    { length: steps * batchSize * n },
    (_, i) => 0.4 + ((i * 7919) % 1000) / 700,
  );
  const stepped = await population.runAsync(steps, { input: { steps: full }, record: ['v'], stride: 3 });
  const perNeuron = Float32Array.from({ length: n }, (_, j) => 0.2 + (j % 13) / 10);
  const constant = await population.runAsync(25, { input: perNeuron, record: ['v', 'traces'], stride: 4 });
  const called = await population.runAsync(10, {
    input: (step, buffer) => buffer.fill(0.5 + step / 10),
    record: ['v'],
  });
  const single = await population.runAsync(1, { input: 0.9 });
  const state: Record<string, ArrayLike<number>> = {};
  for (const name of population.stateNames) state[name] = await population.read(name);
  return {
    spikes: stepped.spikes!,
    recorded: stepped.recorded.v!,
    perNeuronSpikes: constant.spikes!,
    perNeuronRecorded: constant.recorded.v!,
    perNeuronTraces: constant.recorded.traces!,
    callbackSpikes: called.spikes!,
    callbackRecorded: called.recorded.v!,
    singleSpikes: single.spikes!,
    ...state,
  };
}
