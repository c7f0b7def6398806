import type { FloatArray } from '../../backend.js';
import { NetworkError } from '../../errors.js';
import type { Network } from '../network.js';
import type { NetworkGroup, NetworkPopulation } from './groups.js';

/** Synapses from one group to one population, as `network.connect()` returns them. */
export class Projection {
  constructor(
    readonly network: Network,
    /** Position among the network's projections (creation order: the order of delivery within a step). */
    readonly index: number,
    readonly name: string,
    readonly source: NetworkGroup,
    readonly target: NetworkPopulation,
    readonly synapseCount: number,
    /** Bytes of connectivity, per-synapse variables and delays. */
    readonly bytes: number,
    /** The per-synapse variables, in the order the synapse declares them. */
    readonly variables: readonly string[],
    private readonly reader: (name: string) => FloatArray,
    private readonly rowStarts: Uint32Array,
  ) {}

  /**
   * Synapses leaving each source neuron (a copy, one count per neuron of the source group): a spike of neuron i
   * is delivered through `outDegrees()[i]` synapses, so the exact number of synaptic events of a run is the sum
   * of the out-degrees of the source's spikes.
   */
  outDegrees(): Uint32Array {
    const { rowStarts } = this;
    const degrees = new Uint32Array(rowStarts.length - 1);
    for (let i = 0; i < degrees.length; i++) degrees[i] = rowStarts[i + 1]! - rowStarts[i]!;
    return degrees;
  }

  /** A copy of a per-synapse variable in the dtype, one value per synapse in synapse order. */
  read(name: string): FloatArray {
    if (!this.variables.includes(name)) {
      throw new NetworkError(
        `projection "${this.name}" has no synapse variable "${name}"; it has ${this.variables.map((v) => `"${v}"`).join(', ')}`,
      );
    }
    return this.reader(name);
  }
}
