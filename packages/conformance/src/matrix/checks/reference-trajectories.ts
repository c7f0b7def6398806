import { ELIFPopulation } from '@synapticflow/core';
import { compareWithReference, problemsOf, type ReferenceComparison } from '../../reference-comparison.js';
import {
  REFERENCE_IMPLEMENTATIONS,
  REFERENCE_SCENARIOS,
  type ReferenceName,
} from '../../reference-traces.js';
import type { Cell, Check } from '../types.js';
import { isElif } from './is-elif.js';

/** The repository's reference scenarios: spike steps matched (±0 and ±1) and v against each trace. */
export const referenceTrajectories: Check = {
  id: 'reference-traces',
  title: 'trajectories vs the seed and float64 reference traces',
  appliesTo: isElif,
  async run(_model, column) {
    const comparisons: ReferenceComparison[] = [];
    for (const scenario of REFERENCE_SCENARIOS) {
      for (const implementation of REFERENCE_IMPLEMENTATIONS) {
        const name: ReferenceName = `${scenario}.${implementation}`;
        const populations: ELIFPopulation[] = [];
        const backend = column.createBackend();
        try {
          comparisons.push(
            await compareWithReference(name, column.dtype, (options) => {
              const population = new ELIFPopulation({ ...options, backend });
              populations.push(population);
              return population;
            }),
          );
        } finally {
          for (const population of populations) population.dispose();
        }
      }
    }
    return summarise(comparisons);
  },
};

function summarise(comparisons: ReferenceComparison[]): Cell {
  const failures = comparisons.flatMap((c) => problemsOf(c).map((p) => `${c.name}: ${p}`));
  const expected = sum(comparisons.map((c) => c.spikes.expected));
  const exact = sum(comparisons.map((c) => c.spikes.exact));
  const withinOne = sum(comparisons.map((c) => c.spikes.withinOne));
  const samePrecision = comparisons.filter((c) => c.samePrecision);
  const worstSame = Math.max(
    0,
    ...samePrecision.flatMap((c) => c.deviations.filter((d) => d.variable === 'v').map((d) => d.max)),
  );
  const detail =
    `spikes ${percent(exact, expected)} on the same step, ${percent(withinOne, expected)} within ±1 (${expected} spikes); ` +
    `max |Δv| ${worstSame.toExponential(1)} mV against the same-precision traces`;
  if (failures.length > 0)
    return {
      status: 'FAIL',
      error: worstSame,
      unit: 'mV',
      detail: `${failures[0]} (+${failures.length - 1} more)`,
    };
  return { status: 'OK', error: worstSame, unit: 'mV', detail };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
