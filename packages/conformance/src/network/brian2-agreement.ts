import { CUBA_LIF_MODEL } from '@synapticflow/core';
import type { ConformanceTarget, SuiteRunner } from '../target.js';
import {
  type CubaReference,
  type CubaStatistics,
  cubaPairs,
  type FeedforwardReference,
  loadCubaReference,
  loadFeedforwardReference,
} from './brian2-references.js';
import { createNetwork, missingNetworkSupport, runNetwork } from './network-api.js';
import { FEEDFORWARD_NEURON } from './network-models.js';
import { firstDivergentStep, type PopulationStatistics, populationStatistics } from './spike-statistics.js';

/** Float64 agreement with Brian2 on the feed-forward reference, in mV (v and ge at every step). */
export const FEEDFORWARD_FLOAT64_TOLERANCE = 1e-9;
/**
 * Float32: v moves by a few ulps of float32 rounding per step (2^-17 mV at 64-128 mV) and the error decays
 * with the membrane time constant (tau/dt = 100 steps): 8 ulps x 100 steps (fixtures/networks/README.md).
 */
export const FEEDFORWARD_FLOAT32_TOLERANCE = 8 * 2 ** -17 * 100;

/** What one network run's comparison with a reference found, for the test's message and log. */
export interface AgreementFigures {
  label: string;
  firstDivergentStep: number | null;
  [figure: string]: unknown;
}

/**
 * Registers the agreement tests against Brian2's network references (fixtures/networks): the feed-forward
 * spike trains (every spike; v and ge at every step) and CUBA (spike by spike, then rates, CV and Fano factor
 * within the tolerances of Brian2's own perturbation experiment), on one target.
 */
export function describeBrian2NetworkAgreement(
  runner: SuiteRunner,
  target: ConformanceTarget,
  /** Which references to run (default both); CUBA is 40 million neuron updates, too many for an interpreter. */
  options: { scenarios?: readonly ('feedforward' | 'cuba')[] } = {},
): void {
  const scenarios = options.scenarios ?? ['feedforward', 'cuba'];
  runner.describe(`Brian2 network agreement: ${target.label}`, () => {
    const missing = missingNetworkSupport(target);
    const tests: ['feedforward' | 'cuba', string, () => Promise<void>][] = [
      [
        'feedforward',
        target.dtype === 'float64'
          ? 'feed-forward: every spike step, v and ge within 1e-9 mV at every step'
          : 'feed-forward: spikes (±1 step only at a crossing within the float32 bound), v within the float32 bound',
        () => feedforwardAgreement(target),
      ],
      [
        'cuba',
        target.dtype === 'float64'
          ? 'CUBA, 4000 neurons, 1 s: every spike as Brian2; rates, CV and Fano factor within tolerance'
          : 'CUBA, 4000 neurons, 1 s: rates, CV and Fano factor within the tolerances of Brian2 reruns',
        () => cubaAgreement(target),
      ],
    ];
    for (const [scenario, name, body] of tests) {
      if (!scenarios.includes(scenario)) continue;
      if (missing) runner.test.skip?.(`${name} — not run: ${missing}`, async () => {});
      else runner.test(name, body);
    }
  });
}

async function feedforwardAgreement(target: ConformanceTarget): Promise<void> {
  const ref = await loadFeedforwardReference();
  const { neuron, synapses } = ref;
  const network = createNetwork(target, { dt: ref.dt });
  try {
    const sources = network.spikeSource({ n: ref.sources.n, name: 'trains', spikes: ref.sources.spikes });
    const { refractory, ...params } = neuron.params;
    const group = network.population(FEEDFORWARD_NEURON, {
      n: neuron.n,
      name: 'lif',
      params: { ...params, refracLength: refractory },
      init: { v: neuron.v0, ge: 0 },
      input: neuron.I,
    });
    network.connect(sources, group, {
      synapse: { name: 'exp', variables: { w: {} }, onPre: 'ge += w' },
      connector: { kind: 'explicit', i: synapses.i, j: synapses.j },
      w: synapses.w,
      delay: synapses.delayMs,
    });
    const spikeMonitor = network.spikeMonitor(group);
    const stateMonitor = network.stateMonitor(group, ['v', 'ge']);
    await runNetwork(network, { steps: ref.steps });
    const ours = { steps: spikeMonitor.steps, indices: spikeMonitor.indices };
    const recorded = stateMonitor.steps;
    if (recorded.length !== ref.steps || recorded[0] !== 0)
      throw new Error(
        `the state monitor recorded ${recorded.length} steps from ${recorded[0]}, not 0..${ref.steps - 1}`,
      );
    const report = compareFeedforward(
      ref,
      ours,
      stateMonitor.values('v'),
      stateMonitor.values('ge'),
      target.dtype,
    );
    console.info(`Brian2 feed-forward on ${target.label}: ${JSON.stringify(report.figures)}`);
    if (report.problems.length > 0)
      throw new Error(
        `feed-forward disagrees with Brian2 on ${target.label}:\n${report.problems.join('\n')}`,
      );
  } finally {
    network.dispose();
  }
}

/** Checks one run against the feed-forward reference; exported for the test of the comparison itself. */
export function compareFeedforward(
  ref: FeedforwardReference,
  ours: { steps: ArrayLike<number>; indices: ArrayLike<number> },
  v: Float64Array,
  ge: Float64Array,
  dtype: 'float32' | 'float64',
): { problems: string[]; figures: AgreementFigures } {
  const n = ref.neuron.n;
  const bound = dtype === 'float64' ? FEEDFORWARD_FLOAT64_TOLERANCE : FEEDFORWARD_FLOAT32_TOLERANCE;
  const problems: string[] = [];
  const theirsByNeuron = spikesByNeuron(
    ref.spikes.map(([s]) => s),
    ref.spikes.map(([, i]) => i),
    n,
  );
  const oursByNeuron = spikesByNeuron(ours.steps, ours.indices, n);
  // Float32: a spike may move by one step only where Brian2's v at that crossing is within the bound of Vt.
  const vt = ref.neuron.params.Vt;
  const crossing = new Map(ref.spikes.map(([s, i], q) => [`${s}:${i}`, ref.vAtSpike[q]!]));
  const compareUntil = new Array<number>(n).fill(ref.steps);
  let moved = 0;
  for (let j = 0; j < n; j++) {
    const theirs = theirsByNeuron[j]!;
    const mine = oursByNeuron[j]!;
    if (theirs.length !== mine.length) {
      problems.push(`neuron ${j}: Brian2 spikes at steps [${theirs}], this backend at [${mine}]`);
      compareUntil[j] = Math.min(theirs[0] ?? ref.steps, mine[0] ?? ref.steps);
      continue;
    }
    for (let q = 0; q < theirs.length; q++) {
      const shift = mine[q]! - theirs[q]!;
      if (shift === 0) continue;
      const step = theirs[q]!;
      const margin = Math.min(
        Math.abs(crossing.get(`${step}:${j}`)! - vt),
        step > 0 ? Math.abs(ref.v[step - 1]![j]! - vt) : Number.POSITIVE_INFINITY,
      );
      if (dtype === 'float64' || Math.abs(shift) > 1 || margin > bound) {
        problems.push(
          `neuron ${j}: spike at step ${mine[q]} where Brian2 has ${step} (v within ${margin} mV of Vt)`,
        );
      }
      moved++;
      compareUntil[j] = Math.min(compareUntil[j]!, step, mine[q]!);
    }
  }
  let worstV = 0;
  let worstGe = 0;
  let worstAt = '';
  for (let k = 0; k < ref.steps; k++) {
    for (let j = 0; j < n; j++) {
      const dGe = Math.abs(ge[k * n + j]! - ref.ge[k]![j]!);
      worstGe = Math.max(worstGe, dGe);
      if (k >= compareUntil[j]!) continue;
      const dV = Math.abs(v[k * n + j]! - ref.v[k]![j]!);
      if (dV > worstV) {
        worstV = dV;
        worstAt = `step ${k}, neuron ${j}`;
      }
    }
  }
  if (!(worstV <= bound)) problems.push(`v differs by ${worstV} mV at ${worstAt}, more than ${bound}`);
  if (moved === 0 && !(worstGe <= bound))
    problems.push(`ge differs by up to ${worstGe} mV, more than ${bound}`);
  const figures: AgreementFigures = {
    label: dtype,
    firstDivergentStep: firstDivergentStep(ours, {
      steps: ref.spikes.map(([s]) => s),
      indices: ref.spikes.map(([, i]) => i),
    }),
    spikes: ours.steps.length,
    brian2Spikes: ref.spikes.length,
    spikesMovedOneStep: moved,
    maxVDifferenceMv: worstV,
    maxGeDifferenceMv: worstGe,
  };
  return { problems, figures };
}

function spikesByNeuron(steps: ArrayLike<number>, indices: ArrayLike<number>, n: number): number[][] {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let q = 0; q < steps.length; q++) lists[indices[q]!]!.push(steps[q]!);
  for (const list of lists) list.sort((a, b) => a - b);
  return lists;
}

async function cubaAgreement(target: ConformanceTarget): Promise<void> {
  const ref = await loadCubaReference();
  checkCubaDefaults(ref);
  const network = createNetwork(target, { dt: ref.dt });
  try {
    const group = network.population(CUBA_LIF_MODEL, { n: ref.n, name: 'cuba', init: { v: ref.v0 } });
    for (const [projection, variable, w] of [
      ['exc', 'ge', ref.params.we],
      ['inh', 'gi', ref.params.wi],
    ] as const) {
      const { i, j } = cubaPairs(ref, projection);
      network.connect(group, group, {
        synapse: { name: projection, variables: { w: {} }, onPre: `${variable} += w` },
        connector: { kind: 'explicit', i, j },
        w,
        delay: 0,
      });
    }
    const monitor = network.spikeMonitor(group);
    await runNetwork(network, { steps: ref.steps });
    const ours = { steps: monitor.steps, indices: monitor.indices };
    const divergence = firstDivergentStep(ours, ref.spikes);
    const statistics = cubaStatistics(ref, ours);
    const tolerances = cubaTolerances(ref);
    const problems: string[] = [];
    if (target.dtype === 'float64' && divergence !== null) {
      // Brian2 keeps every spike under initial-v perturbations up to 1e-6 mV, far above float64 rounding.
      problems.push(
        `spikes part from Brian2's at step ${divergence} (Brian2 keeps them under 1e-6 mV perturbations)`,
      );
    }
    const differences: Record<string, number> = {};
    for (const population of ['exc', 'inh'] as const) {
      for (const figure of ['rate', 'cv', 'fano'] as const) {
        const key = `${population}.${figure}`;
        const difference = Math.abs(statistics[population][figure]! - ref.statistics[population][figure]!);
        differences[key] = difference;
        if (!(difference <= tolerances[key]!))
          problems.push(
            `${key} is ${statistics[population][figure]}, Brian2 ${ref.statistics[population][figure]}: ` +
              `off by ${difference}, tolerance ${tolerances[key]}`,
          );
      }
    }
    console.info(
      `Brian2 CUBA on ${target.label}: ${JSON.stringify({ firstDivergentStep: divergence, spikes: ours.steps.length, brian2Spikes: ref.spikes.steps.length, differences, tolerances })}`,
    );
    if (problems.length > 0)
      throw new Error(`CUBA disagrees with Brian2 on ${target.label}:\n${problems.join('\n')}`);
  } finally {
    network.dispose();
  }
}

/** The library model's defaults are the reference's parameters (so that the test runs the model as shipped). */
function checkCubaDefaults(ref: CubaReference): void {
  const p = CUBA_LIF_MODEL.parameters;
  const expected = {
    taum: ref.params.taum,
    taue: ref.params.taue,
    taui: ref.params.taui,
    El: ref.params.El,
    Vt: ref.params.Vt,
    Vr: ref.params.Vr,
    refracLength: ref.params.refractory,
  };
  for (const [name, value] of Object.entries(expected)) {
    if (p[name]?.default !== value)
      throw new Error(
        `CUBA_LIF_MODEL.${name} defaults to ${p[name]?.default}, the Brian2 reference uses ${value}`,
      );
  }
}

/** Rates, CV and Fano factor of the excitatory and inhibitory cells, over the reference's window. */
export function cubaStatistics(
  ref: CubaReference,
  spikes: { steps: ArrayLike<number>; indices: ArrayLike<number> },
): Record<'exc' | 'inh', PopulationStatistics> {
  const window = {
    fromStep: ref.statisticsFromStep,
    toStep: ref.steps,
    dt: ref.dt,
    binSteps: ref.fanoBinSteps,
  };
  return {
    exc: populationStatistics(spikes, { ...window, first: 0, end: ref.nExc }),
    inh: populationStatistics(spikes, { ...window, first: ref.nExc, end: ref.n }),
  };
}

/**
 * Per statistic, twice the largest difference from the reference among Brian2's own reruns that parted from
 * it (the ±1e-3 mV perturbations and the float32 run): the spread of one chaotic network's realisations.
 */
export function cubaTolerances(ref: CubaReference): Record<string, number> {
  const parted = [...ref.perturbed, ref.float32Run].filter((run) => run.firstDivergentStep !== null);
  if (parted.length < 3) throw new Error('the CUBA reference has fewer than 3 reruns that parted from it');
  const tolerances: Record<string, number> = {};
  for (const population of ['exc', 'inh'] as const) {
    for (const figure of ['rate', 'cv', 'fano'] as const) {
      const base = ref.statistics[population][figure]!;
      const spread = Math.max(
        ...parted.map((run) => Math.abs((run.statistics[population] as CubaStatistics)[figure]! - base)),
      );
      tolerances[`${population}.${figure}`] = 2 * spread;
    }
  }
  return tolerances;
}
