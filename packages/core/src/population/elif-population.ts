import type { FloatArray } from '../backend.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import type { ParameterInput, ParametersOf } from './parameters.js';
import { Population, type PopulationOptions } from './population.js';

/** ELIF parameters, each a number or one number per neuron (`lowerBound`, `vPeak`: a number or null). */
export type ELIFParameters = ParametersOf<(typeof ELIF_MODEL)['parameters']>;

/** Options of `ELIFPopulation`: those of `Population`, with ELIF's parameters by name. */
export type ELIFPopulationOptions = Omit<PopulationOptions, 'params'> &
  ELIFParameters & { params?: ELIFParameters };

const ELIF_PARAMETER_NAMES = Object.keys(ELIF_MODEL.parameters) as (keyof ELIFParameters)[];

/**
 * The seed's `ELIFPopulation`: `new ELIFPopulation({ n, backend })`, `setBatchSize`, `forward(x)`, and the
 * state `s`, `v`, `traces`. Parameters may be given top-level (as in the seed) or under `params`.
 */
export class ELIFPopulation extends Population {
  constructor(options: ELIFPopulationOptions) {
    const params: Record<string, ParameterInput | undefined> = { ...options.params };
    for (const name of ELIF_PARAMETER_NAMES) {
      if (options[name] !== undefined) params[name] = options[name];
    }
    super(ELIF_MODEL, { ...options, params });
  }

  /** Membrane potential in mV, batchSize*n values. */
  get v(): FloatArray {
    return this.state('v') as FloatArray;
  }

  /** Refractory state: remaining frozen steps (`steps` mode) or the seed's countdown in ms (`seed` mode). */
  get refractory(): FloatArray {
    return this.state('refractory') as FloatArray;
  }
}
