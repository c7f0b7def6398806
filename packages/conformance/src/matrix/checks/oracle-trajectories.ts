import type { ModelSpec } from '@synapticflow/core';
import { seededRandom, uniform } from '../../random.js';
import { compareSpikes, spikeEvents } from '../../spike-match.js';
import {
  inputScale,
  makePopulation,
  oracle,
  type PopulationConfig,
  roundTo,
  sampleParameters,
} from '../populations.js';
import type { Cell, Check } from '../types.js';

const STEPS = 3000;
/** Spikes on the same step as the float64 oracle; below this share, spikes shifted by rounding are too many. */
const OK_EXACT = 0.99;
/** Every spike must be matched within ±1 step for OK, and 99% of them for POOR. */
const POOR_WITHIN_ONE = 0.99;

/**
 * A long run of any model from sampled parameters and constant inputs, against the float64 oracle started
 * from the same (dtype-rounded) numbers: the trajectory check for models without reference traces.
 */
export const oracleTrajectories: Check = {
  id: 'oracle-trajectories',
  title: `trajectories (${STEPS} steps) vs the float64 oracle`,
  async run(model: ModelSpec, column, { seed, effort }) {
    const random = seededRandom(seed + 3);
    const n = Math.max(8, Math.round(64 * effort));
    const config: PopulationConfig = {
      n,
      batchSize: 1,
      dt: 0.1,
      refractory: 'steps',
      spikeTrace: false,
      additiveSpikeTrace: false,
      params: sampleParameters(model, n, random, column.dtype),
    };
    const input = roundTo(
      Array.from({ length: n }, () => uniform(random, 0, inputScale(model))),
      column.dtype,
    );
    const backend = makePopulation(model, column.createBackend(), column.dtype, config);
    const exact = oracle(model, 'float64', config);
    try {
      const [mine, theirs] = await Promise.all([backend, exact].map((p) => p.runAsync(STEPS, { input })));
      if (!mine?.spikes || !theirs?.spikes) return { status: 'N/A', detail: 'the model does not spike' };
      if (!theirs.spikes.includes(1)) {
        return {
          status: 'N/A',
          detail: `no spikes with inputs up to ${inputScale(model)}; nothing to compare`,
        };
      }
      const comparison = compareSpikes(
        spikeEvents(mine.spikes, STEPS, 1, n),
        spikeEvents(theirs.spikes, STEPS, 1, n),
      );
      const exactShare = comparison.exact / Math.max(1, comparison.expected);
      const withinOne = comparison.withinOne / Math.max(1, comparison.expected);
      const detail =
        `${comparison.expected} oracle spikes: ${(100 * exactShare).toFixed(2)}% same step, ` +
        `${(100 * withinOne).toFixed(2)}% within ±1, ${comparison.actual} on the backend; first difference ` +
        `${comparison.firstDivergence === null ? 'none' : `at step ${comparison.firstDivergence}`}`;
      const countsMatch = comparison.actual === comparison.expected;
      let status: Cell['status'] = 'FAIL';
      if (withinOne >= POOR_WITHIN_ONE) status = 'POOR';
      if (withinOne === 1 && countsMatch && exactShare >= OK_EXACT) status = 'OK';
      return { status, error: 1 - exactShare, unit: 'share shifted', detail };
    } finally {
      backend.dispose();
      exact.dispose();
    }
  },
};
