import { ELIFPopulation, type ELIFPopulationOptions, Population } from '@synapticflow/core';
import { ELIF_SEMANTICS_CASES } from './cases/elif-semantics.js';
import { ERROR_CASES } from './cases/errors.js';
import { EXPRESSION_LIMIT_CASES } from './cases/expression-limits.js';
import { INVARIANCE_CASES } from './cases/invariances.js';
import { REFERENCE_CASES } from './cases/reference.js';
import type { CaseContext, SuiteCase } from './suite-types.js';
import type { ConformanceTarget } from './target.js';

/** Every case of the shared behavioural suite, in the order they are registered. */
export const SUITE_CASES: readonly SuiteCase[] = [
  ...ELIF_SEMANTICS_CASES,
  ...INVARIANCE_CASES,
  ...ERROR_CASES,
  ...EXPRESSION_LIMIT_CASES,
  ...REFERENCE_CASES,
];

/** Runs one case against a target, disposing every population it made. Throws on failure. */
export async function runCase(testCase: SuiteCase, target: ConformanceTarget): Promise<void> {
  const backend = target.createBackend();
  const populations: Population[] = [];
  const context: CaseContext = {
    target,
    dtype: target.dtype,
    elif(options: Omit<ELIFPopulationOptions, 'backend'>) {
      const population = new ELIFPopulation({ dtype: target.dtype, ...options, backend });
      populations.push(population);
      return population;
    },
    population(model, options) {
      const population = new Population(model, { dtype: target.dtype, ...options, backend });
      populations.push(population);
      return population;
    },
    async read(population, name) {
      return Array.from(await population.read(name));
    },
  };
  try {
    await testCase.run(context);
  } finally {
    for (const population of populations) population.dispose();
  }
}
