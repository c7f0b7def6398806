/** For network tests: a small plan built by hand (two LIF populations, two sources, five projections) and a run of it. */
import { jsBackend } from '@synapticflow/backend-js';
import { connectFixedProbability, LIF_MODEL, type ModelSpec, Population } from '@synapticflow/core';
import {
  type Backend,
  type DeliveryProgram,
  type Dtype,
  type KernelRequest,
  type NetworkKernel,
  type NetworkPlan,
  type PlanGroup,
  type PlanPopulation,
  type PlanProjection,
  parseExpression,
  type StateProbe,
  splitAtSpikes,
} from '@synapticflow/core/backend';

export const STEPS = 400;

/** A population of a plan, its program, parameters and initial state taken from a Population's kernel request. */
function population(
  model: ModelSpec,
  name: string,
  n: number,
  options: {
    dtype: Dtype;
    batchSize: number;
    input: (j: number) => number;
    v: (i: number) => number;
    spikeTrace?: boolean;
  },
): PlanPopulation {
  let request: KernelRequest | undefined;
  const js = jsBackend();
  const recording: Backend = {
    ...js,
    createKernel: (r) => {
      request = r;
      return js.createKernel(r);
    },
  };
  const built = new Population(model, {
    n,
    batchSize: options.batchSize,
    dtype: options.dtype,
    backend: recording,
    spikeTrace: options.spikeTrace ?? true,
  });
  const initial = new Map<string, Float64Array>();
  for (const state of built.stateNames) initial.set(state, Float64Array.from(built.state(state)));
  initial.set(
    'v',
    Float64Array.from({ length: n * options.batchSize }, (_, i) => options.v(i)),
  );
  built.dispose();
  return {
    kind: 'population',
    name,
    n,
    phased: splitAtSpikes(request!.program),
    parameters: request!.parameters,
    initial,
    input: Float64Array.from({ length: n }, (_, j) => options.input(j)),
  };
}

/** `v += w` (or `v -= w`): each event moves the target's membrane potential by the synapse's weight. */
function onPre(sign: '+' | '-'): DeliveryProgram {
  return {
    specificationVersion: 'v1',
    synapse: sign === '+' ? 'excitatory' : 'inhibitory',
    synapseVariables: ['w'],
    targetVariables: ['v'],
    statements: [
      {
        kind: 'set',
        scope: 'target',
        name: 'v',
        expr: parseExpression(`v ${sign} w`, { model: 'synapse', field: 'onPre' }),
      },
    ],
  };
}

function projection(
  name: string,
  [source, sourceCount]: [number, number],
  [target, targetCount]: [number, number],
  options: { probability: number; seed: number; sign: '+' | '-'; w: number; delay: (s: number) => number },
): PlanProjection {
  const connectivity = connectFixedProbability({
    sourceCount,
    targetCount,
    samePopulation: source === target,
    probability: options.probability,
    seed: options.seed,
  });
  const count = connectivity.targets.length;
  const delays = Uint32Array.from({ length: count }, (_, s) => options.delay(s));
  return {
    name,
    source,
    target,
    connectivity,
    delaySteps: delays.every((d) => d === delays[0]) ? (delays[0] ?? 0) : delays,
    variables: new Map([
      ['w', Float64Array.from({ length: count }, (_, s) => options.w * (1 + (s % 7) / 10))],
    ]),
    onPre: onPre(options.sign),
  };
}

/**
 * Excitatory and inhibitory LIF populations (some neurons driven above threshold), a Poisson source and a spike
 * train feeding them, recurrent excitation with per-synapse delays of 0 to 3 steps (3 steps for all with
 * `uniformDelays`), uniform delays elsewhere.
 */
export function networkPlan(
  dtype: Dtype,
  batchSize: number,
  /** `excWithoutTrace`: exc keeps no spike trace, so its afterSpike runs on its spiking neurons only. */
  options: { uniformDelays?: boolean; excWithoutTrace?: boolean } = {},
): NetworkPlan {
  const [E, I, P, T] = [30, 8, 20, 4];
  const groups: PlanGroup[] = [
    population(LIF_MODEL, 'exc', E, {
      dtype,
      batchSize,
      spikeTrace: !options.excWithoutTrace,
      input: (j) => 10 + (j % 10),
      v: (i) => -65 + (i % 13),
    }),
    population(LIF_MODEL, 'inh', I, { dtype, batchSize, input: (j) => 8 + j, v: (i) => -60 - (i % 5) }),
    {
      kind: 'poisson',
      name: 'noise',
      n: P,
      probabilities: new Float64Array(P).fill(0.05),
      seed: 3,
      stream: 1,
    },
    {
      kind: 'spike-trains',
      name: 'kicks',
      n: T,
      steps: Uint32Array.from([5, 5, 40, 100, 101, 250]),
      indices: Uint32Array.from([0, 3, 1, 2, 0, 3]),
    },
  ];
  const projections = [
    projection('noise-exc', [2, P], [0, E], { probability: 0.3, seed: 5, sign: '+', w: 3, delay: () => 0 }),
    projection('exc-exc', [0, E], [0, E], {
      probability: 0.2,
      seed: 6,
      sign: '+',
      w: 1,
      delay: options.uniformDelays ? () => 3 : (s) => s % 4,
    }),
    projection('exc-inh', [0, E], [1, I], { probability: 0.5, seed: 7, sign: '+', w: 1.5, delay: () => 2 }),
    projection('inh-exc', [1, I], [0, E], { probability: 0.5, seed: 8, sign: '-', w: 2, delay: () => 1 }),
    projection('kicks-inh', [3, T], [1, I], { probability: 1, seed: 9, sign: '+', w: 6, delay: () => 0 }),
  ];
  return { specificationVersion: 'v1', dt: 0.1, dtype, batchSize, groups, projections };
}

export interface Outcome {
  spikes: string[];
  traces: number[][];
  state: number[][];
  synapses: number[];
}

/**
 * Runs the plan in two runs (so the second starts from the first's queues), recording everything it can; v every
 * `probeStride` steps.
 */
export function simulate(kernel: NetworkKernel, plan: NetworkPlan, probeStride = 1): Outcome {
  const spikes: string[] = [];
  const sink = {
    groups: [0, 1, 2, 3],
    accept(step: number, group: number, indices: Uint32Array, count: number) {
      for (let q = 0; q < count; q++) spikes.push(`${step}:${group}:${indices[q]}`);
    },
  };
  const traces: number[][] = [];
  const half = STEPS / 2;
  for (const firstStep of [0, half]) {
    const probes: StateProbe[] = [0, 1].map((group) => {
      const size = (plan.groups[group] as PlanPopulation).n * plan.batchSize;
      const rows = Math.ceil(half / probeStride);
      const buffer = plan.dtype === 'float32' ? new Float32Array(size * rows) : new Float64Array(size * rows);
      return {
        group,
        name: 'v',
        indices: Uint32Array.from({ length: size }, (_, i) => i),
        stride: probeStride,
        buffer,
      };
    });
    kernel.run({ steps: half, firstStep, probes, sinks: [sink] });
    for (const probe of probes) traces.push(Array.from(probe.buffer));
  }
  const state = [0, 1].map((group) => Array.from(kernel.readState(group, 'v')));
  const synapses = Array.from(kernel.readSynapses(1, 'w'));
  kernel.dispose();
  return { spikes, traces, state, synapses };
}
