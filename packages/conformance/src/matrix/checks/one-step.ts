import { type Dtype, type ModelSpec, type Population, validateModel } from '@synapticflow/core';
import { seededRandom, uniform } from '../../random.js';
import { ulpDistance } from '../../ulps.js';
import {
  inputScale,
  makePopulation,
  oracle,
  type PopulationConfig,
  roundTo,
  sampleParameters,
} from '../populations.js';
import type { Cell, Check, ConformanceColumn } from '../types.js';

/**
 * Ulp bounds on one step. Every operation of a correctly rounded float32 kernel errs by at most half an
 * ulp of its own result; in the ELIF update the operations before the final `v + f*dt` only reach v scaled
 * by dt/tau (≈ 0.01), and exp's error enters multiplied by f*dt, so the final value is within ~1 ulp of the
 * exact one. 4 ulps leaves room for a kernel whose exp is not correctly rounded (a few ulps, as on GPUs);
 * beyond 4 the arithmetic differs, and beyond 1024 ulps (≈ 6e-5 relative in float32) it is wrong.
 */
const OK_ULPS = 4;
const POOR_ULPS = 1024;
/** Spike flips on elements that are not marginal in the column's own precision: any is suspect, 0.1% fails. */
const POOR_FLIP_FRACTION = 0.001;

const SNAPSHOT_STEPS = [1, 2, 5, 10, 20, 40, 80, 150, 300, 600];

export const oneStepDifferential: Check = {
  id: 'one-step',
  title: 'one step from sampled states vs the float64 oracle',
  async run(model, column, { seed, effort }) {
    const random = seededRandom(seed);
    const tally = new Tally(column.dtype);
    for (const config of configurations(model)) {
      const n = Math.max(8, Math.round(48 * effort));
      const params = sampleParameters(model, n, random, column.dtype);
      const full: PopulationConfig = { ...config, n, batchSize: 3, params: { ...config.params, ...params } };
      await compareSnapshots(model, column, full, random, tally);
    }
    return tally.cell();
  },
};

/** Refractory modes, trace modes and (where the model has one) the lower bound, each in one configuration. */
function configurations(model: ModelSpec): Omit<PopulationConfig, 'n' | 'batchSize'>[] {
  const hasLowerBound = 'lowerBound' in model.parameters;
  return [
    { dt: 0.1, refractory: 'steps', spikeTrace: true, additiveSpikeTrace: false, params: {} },
    {
      dt: 0.05,
      refractory: 'seed',
      spikeTrace: true,
      additiveSpikeTrace: true,
      params: hasLowerBound ? { lowerBound: -75 } : {},
    },
  ];
}

async function compareSnapshots(
  model: ModelSpec,
  column: ConformanceColumn,
  config: PopulationConfig,
  random: () => number,
  tally: Tally,
): Promise<void> {
  const size = config.n * config.batchSize;
  const drive = roundTo(
    Array.from({ length: size }, () => uniform(random, -0.2, 1) * inputScale(model)),
    column.dtype,
  );
  const warm = oracle(model, 'float64', config);
  const backend = makePopulation(model, column.createBackend(), column.dtype, config);
  const exact = oracle(model, 'float64', config);
  const sameArithmetic = oracle(model, column.dtype, config);
  try {
    let stepped = 0;
    for (const snapshot of SNAPSHOT_STEPS) {
      warm.run(snapshot - stepped, { input: drive, spikes: false });
      stepped = snapshot;
      const start = new Map<string, Float64Array>();
      for (const name of warm.stateNames) start.set(name, roundTo(warm.state(name), column.dtype));
      placeEdgeCases(model, config, start);
      const input = roundTo(
        Array.from({ length: size }, () => uniform(random, -0.3, 2) * inputScale(model)),
        column.dtype,
      );
      const results = await Promise.all(
        [backend, exact, sameArithmetic].map((population) => stepFrom(population, start, input)),
      );
      tally.add(results[0]!, results[1]!, results[2]!, booleanStates(model));
    }
  } finally {
    for (const population of [warm, backend, exact, sameArithmetic]) population.dispose();
  }
}

async function stepFrom(population: Population, start: Map<string, Float64Array>, input: Float64Array) {
  for (const [name, values] of start) population.writeState(name, values);
  population.forward(input);
  const after = new Map<string, number[]>();
  for (const name of population.stateNames) after.set(name, Array.from(await population.read(name)));
  return after;
}

function booleanStates(model: ModelSpec): Set<string> {
  return validateModel(model).threshold ? new Set(['s']) : new Set();
}

/**
 * Edge cases the random states rarely hit, for models with ELIF's names (state v, parameter threshold,
 * refractory): v exactly at the threshold (frozen and free), the last and first refractory step, an
 * exp overflow to Infinity, and v far below the lower bound.
 */
function placeEdgeCases(model: ModelSpec, config: PopulationConfig, start: Map<string, Float64Array>): void {
  const v = start.get('v');
  const refractory = start.get('refractory');
  const threshold = config.params.threshold;
  if (!v || !refractory || !(threshold instanceof Float64Array) || !('threshold' in model.parameters)) return;
  const seed = config.refractory === 'seed';
  const dt = config.dt;
  const cases: [number, number][] = [
    [threshold[0]!, seed ? dt / 2 : 1], // at the threshold while frozen: spikes, stays frozen
    [threshold[1]!, 0], // at the threshold and free
    [-62, seed ? dt / 2 : 1], // last refractory step
    [-62, seed ? 5 : 50], // first refractory step after a spike
    [1000, 0], // exp((v - thetaRh)/deltaT) overflows to Infinity
    [-200, 0], // far below the lower bound, where there is one
  ];
  for (const [i, [vi, ri]] of cases.entries()) {
    v[i] = vi;
    refractory[i] = ri;
  }
}

/** Worst ulp error per state variable and spike disagreements, over every compared element. */
class Tally {
  private worst = 0;
  private worstVariable = '';
  private elements = 0;
  private flips = 0;
  private marginal = 0;

  constructor(private readonly dtype: Dtype) {}

  add(
    backend: Map<string, number[]>,
    exact: Map<string, number[]>,
    sameArithmetic: Map<string, number[]>,
    booleans: Set<string>,
  ): void {
    const size = exact.values().next().value?.length ?? 0;
    for (let i = 0; i < size; i++) {
      this.elements++;
      // Where the column's own correctly rounded arithmetic already disagrees with float64 on a spike, the
      // element sits on the threshold: which way it goes is rounding, not a fault.
      const marginal = [...booleans].some((name) => sameArithmetic.get(name)![i] !== exact.get(name)![i]);
      if (marginal) {
        this.marginal++;
        continue;
      }
      if ([...booleans].some((name) => backend.get(name)![i] !== exact.get(name)![i])) {
        this.flips++;
        continue;
      }
      for (const [name, values] of exact) {
        if (booleans.has(name)) continue;
        const distance = ulpDistance(backend.get(name)![i]!, values[i]!, this.dtype);
        if (distance > this.worst) {
          this.worst = distance;
          this.worstVariable = name;
        }
      }
    }
  }

  cell(): Cell {
    const flipFraction = this.flips / Math.max(1, this.elements);
    const where = this.worst > 0 ? ` (${this.worstVariable})` : '';
    const detail =
      `max ${format(this.worst)} ulp${where} over ${this.elements} elements; ` +
      `${this.flips} spike flips, ${this.marginal} marginal`;
    let status: Cell['status'] = 'OK';
    if (this.worst > OK_ULPS || this.flips > 0) status = 'POOR';
    if (this.worst > POOR_ULPS || flipFraction > POOR_FLIP_FRACTION) status = 'FAIL';
    return { status, error: this.worst, unit: 'ulp', detail };
  }
}

function format(x: number): string {
  return Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(0)) : 'Infinity';
}
