import type {
  Dtype,
  ELIFPopulation,
  ELIFPopulationOptions,
  ModelSpec,
  Population,
  PopulationOptions,
} from '@synapticflow/core';
import type { ConformanceTarget } from './target.js';

/** What a suite case gets: the target and helpers that build populations on it and read their state. */
export interface CaseContext {
  readonly target: ConformanceTarget;
  readonly dtype: Dtype;
  /** An ELIF population on the target's backend and dtype; disposed after the case. */
  elif(options: Omit<ELIFPopulationOptions, 'backend'>): ELIFPopulation;
  /** A population of any model on the target's backend and dtype; disposed after the case. */
  population(model: ModelSpec, options: Omit<PopulationOptions, 'backend'>): Population;
  /** A state variable as plain numbers, read through the async `read` that every backend supports. */
  read(population: Population, name: string): Promise<number[]>;
}

/** One case of the shared behavioural suite. */
export interface SuiteCase {
  id: string;
  group: string;
  title: string;
  /** Whether the case applies to this target at all (e.g. seed-trace comparisons need float32). */
  appliesTo?(target: ConformanceTarget): boolean;
  /** Runs the case; throws a `SuiteFailure` when the backend misbehaves. */
  run(context: CaseContext): Promise<void>;
}
