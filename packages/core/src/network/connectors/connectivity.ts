import { ConnectorError } from './connector-error.js';

/**
 * Synapses in compressed sparse row form. Synapse s runs from source i to `targets[s]`, where
 * `rowStarts[i] <= s < rowStarts[i + 1]`; synapses are ordered by source, then by target
 * (explicit lists keep the given order among equal pairs). Memory: 4 bytes per synapse for `targets`
 * plus 4 bytes per source (and one) for `rowStarts`.
 */
export interface Connectivity {
  readonly sourceCount: number;
  readonly targetCount: number;
  /** Length `sourceCount + 1`; `rowStarts[sourceCount]` is the synapse count. */
  readonly rowStarts: Uint32Array;
  /** Target neuron of each synapse; length is the synapse count. */
  readonly targets: Uint32Array;
}

/** Bytes each synapse takes in a connectivity (its 32-bit target index). */
export const BYTES_PER_SYNAPSE = Uint32Array.BYTES_PER_ELEMENT;
/** 32-bit row starts bound the synapse count of one connectivity. */
export const MAX_SYNAPSES = 0xffffffff;
/** Default `maxBytes` of every connector: 1 GiB. */
export const DEFAULT_MAX_CONNECTIVITY_BYTES = 2 ** 30;

/** Bytes of a connectivity with this many sources and synapses. */
export function connectivityBytes(sourceCount: number, synapseCount: number): number {
  return BYTES_PER_SYNAPSE * synapseCount + Uint32Array.BYTES_PER_ELEMENT * (sourceCount + 1);
}

/** How many synapses a connectivity holds. */
export function synapseCount(connectivity: Connectivity): number {
  return connectivity.targets.length;
}

/** Source neuron of each synapse, in synapse order (the row index expanded). */
export function synapseSources(connectivity: Connectivity): Uint32Array {
  const { rowStarts, sourceCount } = connectivity;
  const sources = new Uint32Array(synapseCount(connectivity));
  for (let i = 0; i < sourceCount; i++) sources.fill(i, rowStarts[i]!, rowStarts[i + 1]!);
  return sources;
}

/** Throws a ConnectorError unless `values` has one entry per synapse (weights, delays, ...). */
export function checkPerSynapse(connectivity: Connectivity, name: string, values: ArrayLike<number>): void {
  const count = synapseCount(connectivity);
  if (values.length !== count) {
    throw new ConnectorError(
      `${name} has ${values.length} values but the connectivity has ${count} synapses; give one value per synapse, in synapse order`,
    );
  }
}

/** Throws before allocating when the synapses would not fit the limit or 32-bit row starts. */
export function checkSynapseBudget(sourceCount: number, synapses: number, maxBytes: number): void {
  const bytes = connectivityBytes(sourceCount, synapses);
  if (synapses > MAX_SYNAPSES) {
    throw new ConnectorError(
      `${synapses} synapses exceed the ${MAX_SYNAPSES} that 32-bit indices address; split the projection`,
    );
  }
  if (bytes > maxBytes) {
    throw new ConnectorError(
      `${synapses} synapses from ${sourceCount} sources need ${bytes} bytes, over the limit of ${maxBytes}; raise maxBytes or connect fewer pairs`,
    );
  }
}
