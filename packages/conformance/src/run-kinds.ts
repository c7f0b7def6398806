import type { Population } from '@synapticflow/core';

/**
 * Drives a population through every kind of run a kernel serves differently — per-step input for every
 * element, constant per-neuron input, input from a callback, recordings with a stride, and `forward` — and
 * returns what each produced plus the final state, to compare two backends (or one backend's threaded and
 * single-threaded paths) value for value. Deterministic for a given population shape.
 */
export function exerciseRunKinds(population: Population): Record<string, ArrayLike<number>> {
  const { n, batchSize } = population;
  const steps = 40;
  const recorded = population.stateNames.includes('v') ? 'v' : population.stateNames[0]!;
  const full = Float32Array.from(
    { length: steps * batchSize * n },
    (_, i) => 0.4 + ((i * 7919) % 1000) / 700,
  );
  const stepped = population.run(steps, { input: { steps: full }, record: [recorded], stride: 3 });
  const perNeuron = Float32Array.from({ length: n }, (_, j) => 0.2 + (j % 13) / 10);
  population.run(25, { input: perNeuron });
  const called = population.run(10, {
    input: (step, buffer) => buffer.fill(0.5 + step / 10),
    record: [recorded],
  });
  population.forward(0.9);
  return {
    spikes: stepped.spikes!,
    recorded: stepped.recorded[recorded]!,
    callbackSpikes: called.spikes!,
    callbackRecorded: called.recorded[recorded]!,
    ...Object.fromEntries(population.stateNames.map((name) => [name, population.state(name)])),
  };
}

/** The names whose values differ between two results of `exerciseRunKinds` (NaN equals NaN; -0 differs from 0). */
export function differingRunKinds(
  expected: Record<string, ArrayLike<number>>,
  actual: Record<string, ArrayLike<number>>,
): string[] {
  return Object.keys(expected).filter((name) => {
    const a = expected[name]!;
    const b = actual[name];
    if (!b || a.length !== b.length) return true;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return true;
    return false;
  });
}
