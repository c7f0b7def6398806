import type { Population } from '@synapticflow/core';
import { INVARIANCES } from '../../invariances.js';
import { seededRandom } from '../../random.js';
import { makePopulation } from '../populations.js';
import type { Check } from '../types.js';

/** The invariances of the suite (one implementation), on each model of the matrix. */
export const invariances: Check = {
  id: 'invariances',
  title: 'invariances: batch, per-neuron parameters, run = forward, repeatable, reset, setBatchSize',
  async run(model, column, { seed }) {
    const random = seededRandom(seed + 1);
    const failures: string[] = [];
    for (const invariance of INVARIANCES) {
      const populations: Population[] = [];
      try {
        const problem = await invariance.check({
          model,
          dtype: column.dtype,
          population(config) {
            const population = makePopulation(model, column.createBackend(), column.dtype, config);
            populations.push(population);
            return population;
          },
          random,
        });
        if (problem) failures.push(`${invariance.title}: ${problem}`);
      } finally {
        for (const population of populations) population.dispose();
      }
    }
    const total = INVARIANCES.length;
    if (failures.length > 0)
      return { status: 'FAIL', error: failures.length, unit: 'failed', detail: failures.join('; ') };
    return { status: 'OK', error: 0, unit: 'failed', detail: `${total}/${total} hold bit for bit` };
  },
};
