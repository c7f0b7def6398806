import { type Backend, type Dtype, MODEL_LIBRARY, Network } from '@synapticflow/core';
import type { NetworkPlan } from '@synapticflow/core/backend';
import type { ConformanceTarget, SuiteRunner } from '../target.js';
import { runNetwork } from './network-api.js';

const N = 37;
const STEPS = 300;
/** Input per library model, in its unit, enough to make it fire (neurons get 0.8× … 2× this). */
const INPUT_SCALE: Readonly<Record<string, number>> = {
  if: 2,
  lif: 2,
  qif: 2,
  elif: 2,
  adex: 800,
  'adaptive-lif': 2,
  izhikevich: 15,
  'lif-exp-synapse': 2,
  'cuba-lif': 10,
};

/** The state variables of a library model's population in a network (spike traces are off there). */
function names(model: string): string[] {
  const spec = MODEL_LIBRARY[model]!;
  return [...Object.keys(spec.state), ...(spec.refractory ? ['refractory'] : [])];
}

/** Same length and every value the same number (Object.is: -0 is not 0, NaN is NaN). */
function identical(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** The backend with every population's afterSpike forced to run on all neurons. */
function denseAfterSpike(backend: Backend, seen: boolean[]): Backend {
  const create = backend.createNetworkKernel!.bind(backend);
  return {
    ...backend,
    createNetworkKernel: (plan: NetworkPlan) =>
      create({
        ...plan,
        groups: plan.groups.map((group) => {
          if (group.kind !== 'population') return group;
          seen.push(group.phased.afterSpikeOnSpikesOnly);
          return { ...group, phased: { ...group.phased, afterSpikeOnSpikesOnly: false } };
        }),
      }),
  };
}

/**
 * A library model driven hard, pairs of neighbours alike (so two lanes of a vector spike in one step), with
 * Poisson events delivered in the step they are emitted, between threshold and reset.
 */
async function record(backend: Backend, model: string, dtype: Dtype, batchSize: number) {
  const spec = MODEL_LIBRARY[model]!;
  const scale = INPUT_SCALE[model];
  if (scale === undefined) throw new Error(`no input for library model "${model}"`);
  const net = new Network({ backend, dt: 0.1, dtype, batchSize });
  const population = net.population(spec, {
    n: N,
    name: 'driven',
    input: Array.from({ length: N }, (_, j) => scale * (0.8 + 0.6 * (Math.floor(j / 2) % 3))),
  });
  // Source k kicks neurons 2k and 2k+1 alike, so the pair stays in step.
  const pairs = Math.floor(N / 2);
  const noise = net.poissonSource({ n: pairs, rate: 300, seed: 5 });
  net.connect(noise, population, {
    synapse: { variables: { kick: { initial: 1.5 } }, onPre: 'v += kick' },
    connector: {
      kind: 'explicit',
      i: Array.from({ length: 2 * pairs }, (_, q) => q >> 1),
      j: Array.from({ length: 2 * pairs }, (_, q) => q),
    },
  });
  const spikes = net.spikeMonitor([population]);
  const monitor = net.stateMonitor(population, names(model));
  await runNetwork(net, { steps: STEPS });
  const result = {
    steps: [...spikes.steps],
    rows: [...spikes.rows],
    indices: [...spikes.indices],
    state: names(model).map((name) => [...monitor.values(name)]),
  };
  net.dispose();
  return result;
}

/**
 * Registers, for every library model, a check that a target running afterSpike on the spiking neurons only
 * (`PhasedProgram.afterSpikeOnSpikesOnly`) gives the spikes and state of every step of the same target running
 * it on every neuron, bit for bit, in batches of 1 and 3.
 */
export function describeAfterSpikeOnSpikes(runner: SuiteRunner, target: ConformanceTarget): void {
  runner.describe(`afterSpike on spikes only equals afterSpike on every neuron: ${target.label}`, () => {
    for (const model of Object.keys(MODEL_LIBRARY)) {
      for (const batchSize of [1, 3]) {
        runner.test(`${model}, batch ${batchSize}`, async () => {
          const sparse = await record(target.createBackend(), model, target.dtype, batchSize);
          const seen: boolean[] = [];
          const dense = await record(
            denseAfterSpike(target.createBackend(), seen),
            model,
            target.dtype,
            batchSize,
          );
          if (seen.join() !== 'true') throw new Error(`${model}: afterSpike is not on spikes only (${seen})`);
          const flat = sparse.rows.map((row, q) => row * N + sparse.indices[q]!);
          const pairs = flat.filter(
            (i, q) => i % 2 === 0 && flat[q + 1] === i + 1 && sparse.steps[q + 1] === sparse.steps[q],
          );
          if (sparse.steps.length < 2 * N * batchSize || pairs.length < 20) {
            throw new Error(
              `${model}: too few spikes (${sparse.steps.length}) or neighbours spiking together (${pairs.length})`,
            );
          }
          const spikesDiffer = ['steps', 'rows', 'indices'].find(
            (key) => !identical(sparse[key as 'steps'], dense[key as 'steps']),
          );
          if (spikesDiffer) throw new Error(`${model}: spike ${spikesDiffer} differ`);
          sparse.state.forEach((values, v) => {
            if (!identical(values, dense.state[v]!))
              throw new Error(`${model}: state ${names(model)[v]} differs`);
          });
        });
      }
    }
  });
}
