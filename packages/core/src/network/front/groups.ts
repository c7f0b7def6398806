import type { ValidatedModel } from '../../model/validate.js';
import type { Network } from '../network.js';

/** A population of a network, as `network.population()` returns it: a handle for connections, monitors and state. */
export class NetworkPopulation {
  readonly kind = 'population' as const;
  constructor(
    readonly network: Network,
    /** Position among the network's groups (populations and spike sources, in creation order). */
    readonly index: number,
    readonly name: string,
    readonly n: number,
    readonly model: ValidatedModel,
    readonly stateNames: readonly string[],
    /** Problems with the parameter set that do not stop the run, as a Population reports them. */
    readonly warnings: readonly string[],
  ) {}
}

/** A group that only spikes (given spike trains or Poisson): a source for connections and spike monitors. */
export class SpikeSource {
  readonly kind = 'spike-source' as const;
  constructor(
    readonly network: Network,
    readonly index: number,
    readonly name: string,
    readonly n: number,
    /** `spike-trains` (given spikes) or `poisson`. */
    readonly source: 'spike-trains' | 'poisson',
  ) {}
}

/** A group of a network: a population or a spike source. */
export type NetworkGroup = NetworkPopulation | SpikeSource;
