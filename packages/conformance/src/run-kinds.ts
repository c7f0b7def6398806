import type { Population, RunOptions, RunResult } from '@synapticflow/core';

/** One run of the sequence, and the names its spikes and recordings are returned under. */
interface PlannedRun {
  prefix: string;
  steps: number;
  options: RunOptions;
}

/**
 * The runs a kernel serves differently — per-step input for every element, constant per-neuron input with
 * strided recordings, input from a callback — then one step, every state variable read back. Deterministic
 * for a given population shape.
 */
function plan(population: Population): PlannedRun[] {
  const { n, batchSize } = population;
  const steps = 40;
  const recorded = population.stateNames.includes('v') ? 'v' : population.stateNames[0]!;
  const traced = population.stateNames.includes('traces') ? ['traces'] : [];
  const full = Float32Array.from(
    { length: steps * batchSize * n },
    (_, i) => 0.4 + ((i * 7919) % 1000) / 700,
  );
  const perNeuron = Float32Array.from({ length: n }, (_, j) => 0.2 + (j % 13) / 10);
  return [
    { prefix: '', steps, options: { input: { steps: full }, record: [recorded], stride: 3 } },
    {
      prefix: 'perNeuron',
      steps: 25,
      options: { input: perNeuron, record: [recorded, ...traced], stride: 4 },
    },
    {
      prefix: 'callback',
      steps: 10,
      options: { input: (step, buffer) => buffer.fill(0.5 + step / 10), record: [recorded] },
    },
  ];
}

function collect(into: Record<string, ArrayLike<number>>, run: PlannedRun, result: RunResult): void {
  const key = (name: string) =>
    run.prefix ? `${run.prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name;
  into[key('spikes')] = result.spikes!;
  for (const [i, name] of (run.options.record ?? []).entries())
    into[key(i === 0 ? 'recorded' : name)] = result.recorded[name]!;
}

/**
 * Drives a population through every kind of run (see `plan`), then `forward`, and returns what each produced
 * plus the final state, to compare two backends (or one backend's threaded and single-threaded paths) value
 * for value.
 */
export function exerciseRunKinds(population: Population): Record<string, ArrayLike<number>> {
  const out: Record<string, ArrayLike<number>> = {};
  for (const run of plan(population)) collect(out, run, population.run(run.steps, run.options));
  population.forward(0.9);
  for (const name of population.stateNames) out[name] = population.state(name);
  return out;
}

/** `exerciseRunKinds` through `runAsync` and `read`, where the calling thread may not block (a browser's). */
export async function exerciseRunKindsAsync(
  population: Population,
): Promise<Record<string, ArrayLike<number>>> {
  const out: Record<string, ArrayLike<number>> = {};
  for (const run of plan(population)) collect(out, run, await population.runAsync(run.steps, run.options));
  out.singleSpikes = (await population.runAsync(1, { input: 0.9 })).spikes!;
  for (const name of population.stateNames) out[name] = await population.read(name);
  return out;
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
