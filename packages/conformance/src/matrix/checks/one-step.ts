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
 * The one-step bound, argued per model. Every operation of a correctly rounded kernel errs by at most half an
 * ulp of its own result; how far that carries into the new state depends on the model (in ELIF the operations
 * before the final `v + f*dt` reach v scaled by dt/tau ≈ 0.01, but a model that subtracts nearly equal
 * values amplifies them). The column's own arithmetic (the oracle evaluating every operation in the dtype)
 * measures that amplification on the very same elements: its worst distance from the float64 result, at
 * least 1 ulp (a float64 column's in float32, see compareSnapshots). A backend may be OK_ULPS times as far
 * (room for an exp or log that is not correctly rounded,
 * a few ulps, as on GPUs, and for fused or reordered operations). Beyond that bound the cell is FAIL, unless
 * the caller accepts a looser bound (`allowedUlps`), within which it is POOR.
 */
const OK_ULPS = 4;
/** Spike flips on elements that are not marginal in the column's own precision: any is suspect, 0.1% fails. */
const POOR_FLIP_FRACTION = 0.001;

const SNAPSHOT_STEPS = [1, 2, 5, 10, 20, 40, 80, 150, 300, 600];

export const oneStepDifferential: Check = {
  id: 'one-step',
  title: 'one step from sampled states vs the float64 oracle',
  async run(model, column, { seed, effort, allowedUlps }) {
    const random = seededRandom(seed);
    const tally = new Tally(column.dtype, allowedUlps);
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
  // A float64 column's own arithmetic is the float64 oracle's, which cannot show how far the model carries
  // one rounding (a cancellation, say). Float32 arithmetic shows it, in float32 ulps (the same factor), against
  // float64 from the same float32 numbers, as a float32 column measures it.
  const inFloat32 = column.dtype === 'float64' ? { ...config, params: paramsInFloat32(config.params) } : null;
  const amplifying = inFloat32 ? oracle(model, 'float32', inFloat32) : sameArithmetic;
  const amplifyingExact = inFloat32 ? oracle(model, 'float64', inFloat32) : exact;
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
      const amplification = inFloat32
        ? await Promise.all(
            [amplifying, amplifyingExact].map((population) =>
              stepFrom(population, mapValues(start, Math.fround), roundTo(input, 'float32')),
            ),
          )
        : [results[2]!, results[1]!];
      tally.add(results[0]!, results[1]!, results[2]!, booleanStates(model), {
        arithmetic: amplification[0]!,
        exact: amplification[1]!,
      });
    }
  } finally {
    const populations = [warm, backend, exact, sameArithmetic, amplifying, amplifyingExact];
    for (const population of new Set(populations)) population.dispose();
  }
}

function paramsInFloat32(params: PopulationConfig['params']): PopulationConfig['params'] {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      value === null ? null : typeof value === 'number' ? Math.fround(value) : roundTo(value, 'float32'),
    ]),
  );
}

function mapValues(start: Map<string, Float64Array>, map: (x: number) => number): Map<string, Float64Array> {
  return new Map([...start].map(([name, values]) => [name, values.map(map)]));
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
  /**
   * Correctly rounded arithmetic's worst distance from float64, in its own ulps: the model's amplification.
   * The column's own dtype measures it, except float64, where float32 does (see compareSnapshots).
   */
  private ownArithmetic = 0;
  private readonly amplifyingDtype: Dtype;

  constructor(
    private readonly dtype: Dtype,
    private readonly allowedUlps: number | undefined,
  ) {
    this.amplifyingDtype = dtype === 'float64' ? 'float32' : dtype;
  }

  add(
    backend: Map<string, number[]>,
    exact: Map<string, number[]>,
    sameArithmetic: Map<string, number[]>,
    booleans: Set<string>,
    amplifying: { arithmetic: Map<string, number[]>; exact: Map<string, number[]> },
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
      // Where float32 takes the other side of the threshold its state is another branch, no amplification.
      const sameBranch = [...booleans].every(
        (name) => amplifying.arithmetic.get(name)![i] === amplifying.exact.get(name)![i],
      );
      for (const [name, values] of exact) {
        if (booleans.has(name)) continue;
        const own = ulpDistance(
          amplifying.arithmetic.get(name)![i]!,
          amplifying.exact.get(name)![i]!,
          this.amplifyingDtype,
        );
        if (sameBranch && Number.isFinite(own)) this.ownArithmetic = Math.max(this.ownArithmetic, own);
        const distance = ulpDistance(backend.get(name)![i]!, values[i]!, this.dtype);
        if (distance > this.worst) {
          this.worst = distance;
          this.worstVariable = name;
        }
      }
    }
  }

  /** OK_ULPS times the column's own arithmetic's worst distance (at least 1 ulp). */
  bound(): number {
    return OK_ULPS * Math.max(1, this.ownArithmetic);
  }

  cell(): Cell {
    const flipFraction = this.flips / Math.max(1, this.elements);
    const where = this.worst > 0 ? ` (${this.worstVariable})` : '';
    const bound = this.bound();
    const detail =
      `max ${format(this.worst)} ulp${where} over ${this.elements} elements (bound ${format(bound)} ulp` +
      `${this.allowedUlps !== undefined ? `, ${format(this.allowedUlps)} allowed` : ''}); ` +
      `${this.flips} spike flips, ${this.marginal} marginal`;
    let status: Cell['status'] = 'OK';
    if (this.flips > 0) status = 'POOR';
    if (this.worst > bound) {
      const allowed = this.allowedUlps !== undefined && this.worst <= this.allowedUlps;
      status = allowed ? 'POOR' : 'FAIL';
    }
    if (flipFraction > POOR_FLIP_FRACTION) status = 'FAIL';
    return { status, error: this.worst, unit: 'ulp', detail };
  }
}

function format(x: number): string {
  return Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(0)) : 'Infinity';
}
