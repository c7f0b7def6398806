import { ADAPTIVE_LIF_MODEL, ELIF_MODEL, type ModelSpec } from '@synapticflow/core';
import { SuiteFailure } from '../assert.js';
import { INVARIANCES } from '../invariances.js';
import { populationOptions } from '../matrix/populations.js';
import { seededRandom } from '../random.js';
import type { SuiteCase } from '../suite-types.js';

/** ELIF, and a model whose adaptation variable has its own equation and reset. */
const MODELS: readonly ModelSpec[] = [ELIF_MODEL, ADAPTIVE_LIF_MODEL];

/** The invariances (properties every backend must keep bit for bit) as suite cases, each on every model above. */
export const INVARIANCE_CASES: SuiteCase[] = INVARIANCES.map((invariance) => ({
  id: invariance.id,
  group: 'invariances',
  title: invariance.title,
  async run(context) {
    for (const model of MODELS) {
      const problem = await invariance.check({
        model,
        dtype: context.dtype,
        population: (config) => context.population(model, populationOptions(model, context.dtype, config)),
        random: seededRandom(1),
      });
      if (problem) throw new SuiteFailure(`${model.name}: ${problem}`);
    }
  },
}));
