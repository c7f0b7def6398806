import { compileSynapse, connectFixedProbability, type Dtype } from '@synapticflow/core';
import {
  type NetworkPlan,
  type PlanPopulation,
  type PlanProjection,
  splitAtSpikes,
} from '@synapticflow/core/backend';
import { libraryPopulation } from './library-requests.js';

const DT = 0.1;

/** A library population as a plan group: its program, parameters and initial state as a population builds them. */
function planPopulation(
  model: string,
  name: string,
  n: number,
  input: (j: number) => number,
  options: { dtype: Dtype; batchSize: number; spikeTrace?: boolean },
): PlanPopulation {
  const { request, kernel } = libraryPopulation(model, { n, dt: DT, ...options });
  const initial = new Map<string, Float64Array>();
  for (const { name: state } of request.program.state) {
    const values = Float64Array.from(kernel.readState(state));
    // Rows start apart, so that a row mixed up with another shows.
    if (state === 'v') for (let i = 0; i < values.length; i++) values[i]! += Math.floor(i / n) * 0.3;
    initial.set(state, values);
  }
  return {
    kind: 'population',
    name,
    n,
    phased: splitAtSpikes(request.program),
    parameters: request.parameters,
    initial,
    input: Float64Array.from({ length: n }, (_, j) => input(j)),
  };
}

/**
 * A small recurrent network in which every part of the schedule has work: LIF neurons (some driven past
 * threshold) and Izhikevich neurons, excitatory and inhibitory projections with no delay, one uniform delay
 * and per-synapse delays, a Poisson source and spike trains. With `oneDelayEach`, the per-synapse delays become
 * one of 3 steps and the excitatory recurrent synapses weaken with every event (a synapse variable set).
 */
export function smallNetworkPlan(options: {
  dtype: Dtype;
  batchSize: number;
  oneDelayEach?: boolean;
  /** The LIF population keeps no spike trace: its afterSpike then runs on its spiking neurons only. */
  excWithoutTrace?: boolean;
}): NetworkPlan {
  const { dtype, batchSize } = options;
  const exc = planPopulation('lif', 'exc', 40, (j) => 0.3 + (j % 5) * 0.1, {
    dtype,
    batchSize,
    spikeTrace: !options.excWithoutTrace,
  });
  const inh = planPopulation('izhikevich', 'inh', 15, (j) => 2 + (j % 3), { dtype, batchSize });
  const groups = [
    exc,
    inh,
    {
      kind: 'poisson',
      name: 'noise',
      n: 20,
      probabilities: Float64Array.from({ length: 20 }, (_, j) => 0.02 + j * 0.002),
      seed: 5,
      stream: 0,
    },
    {
      kind: 'spike-trains',
      name: 'trains',
      n: 3,
      steps: Uint32Array.of(10, 10, 50, 120, 121),
      indices: Uint32Array.of(0, 2, 1, 0, 1),
    },
  ] as const;
  const target = (population: PlanPopulation) => ({
    model: population.phased.program.model,
    state: population.phased.program.state,
    parameters: population.phased.program.parameters,
  });
  const connect = (
    name: string,
    source: number,
    to: number,
    probability: number,
    onPre: string,
    w: (s: number) => number,
    delaySteps: number | ((s: number) => number),
    seed: number,
  ): PlanProjection => {
    const sourceCount = groups[source]!.n;
    const receiver = groups[to] as PlanPopulation;
    const connectivity = connectFixedProbability({
      sourceCount,
      targetCount: receiver.n,
      samePopulation: source === to,
      probability,
      seed,
    });
    const count = connectivity.targets.length;
    return {
      name,
      source,
      target: to,
      connectivity,
      delaySteps:
        typeof delaySteps === 'number'
          ? delaySteps
          : Uint32Array.from({ length: count }, (_, s) => delaySteps(s)),
      variables: new Map([['w', Float64Array.from({ length: count }, (_, s) => w(s))]]),
      onPre: compileSynapse({ name, onPre }, target(receiver)),
    };
  };
  return {
    specificationVersion: 'v1',
    dt: DT,
    dtype: options.dtype,
    batchSize: options.batchSize,
    groups,
    projections: [
      connect(
        'exc-exc',
        0,
        0,
        0.2,
        options.oneDelayEach ? 'v += w; w = w * 0.995' : 'v += w',
        (s) => 0.8 + (s % 7) * 0.1,
        2,
        1,
      ),
      connect(
        'exc-inh',
        0,
        1,
        0.3,
        'v += w',
        (s) => 1.5 + (s % 3) * 0.25,
        options.oneDelayEach ? 3 : (s) => s % 4,
        2,
      ),
      connect('inh-exc', 1, 0, 0.4, 'v -= w', (s) => 0.5 + (s % 5) * 0.05, 0, 3),
      connect('noise-exc', 2, 0, 0.3, 'v += w', () => 3, 1, 4),
      connect('trains-inh', 3, 1, 1, 'v += w; u -= 0.5 * w', () => 20, 0, 5),
    ],
  };
}
