import { NetworkError } from '../../errors.js';
import { connectAllToAll } from '../connectors/all-to-all.js';
import type { Connectivity } from '../connectors/connectivity.js';
import { ConnectorError } from '../connectors/connector-error.js';
import { connectExplicitPairs } from '../connectors/explicit-pairs.js';
import { connectFixedInDegree } from '../connectors/fixed-in-degree.js';
import { connectFixedProbability } from '../connectors/fixed-probability.js';
import { connectOneToOne } from '../connectors/one-to-one.js';

/** Within one population a neuron does not connect to itself unless `allowSelfConnections` is true. */
interface SelfConnections {
  allowSelfConnections?: boolean;
}

/** How `connect` picks the synapses: a rule of core's connectors, or explicit pairs. */
export type ConnectorSpec =
  | ({ kind: 'all-to-all' } & SelfConnections)
  | { kind: 'one-to-one' }
  | ({ kind: 'fixed-probability'; probability: number; seed: number; stream?: number } & SelfConnections)
  | ({ kind: 'fixed-in-degree'; inDegree: number; seed: number; stream?: number } & SelfConnections)
  /** Synapse p runs from source `i[p]` to target `j[p]`. */
  | ({ kind: 'explicit'; i: ArrayLike<number>; j: ArrayLike<number> } & SelfConnections);

export const CONNECTOR_KINDS = [
  'all-to-all',
  'one-to-one',
  'fixed-probability',
  'fixed-in-degree',
  'explicit',
];

export interface ConnectorSizes {
  sourceCount: number;
  targetCount: number;
  samePopulation: boolean;
  maxBytes: number;
}

/** The connectivity and, for explicit pairs, where each synapse's pair sits in the given lists. */
export interface BuiltConnectivity {
  connectivity: Connectivity;
  /** `pairOrder[s]`: the list position of synapse s (explicit pairs only). */
  pairOrder: Uint32Array | null;
}

/** Synapses a connector will make, known before building it (fixed-probability: the expected count). */
export function expectedSynapses(spec: ConnectorSpec, sizes: ConnectorSizes): number {
  const { sourceCount: n, targetCount: m, samePopulation } = sizes;
  const self = samePopulation && !('allowSelfConnections' in spec && spec.allowSelfConnections);
  switch (spec.kind) {
    case 'all-to-all':
      return n * m - (self ? n : 0);
    case 'one-to-one':
      return n;
    case 'fixed-probability':
      return Math.max(0, spec.probability) * (n * m - (self ? n : 0));
    case 'fixed-in-degree':
      return Math.max(0, spec.inDegree) * m;
    case 'explicit':
      return spec.i?.length ?? 0;
  }
}

/** Builds the connectivity; a connector's error comes back as a NetworkError naming the projection. */
export function buildConnectivity(
  spec: ConnectorSpec,
  sizes: ConnectorSizes,
  where: string,
): BuiltConnectivity {
  if (
    spec === null ||
    typeof spec !== 'object' ||
    !CONNECTOR_KINDS.includes((spec as { kind: string }).kind)
  ) {
    const kind =
      spec !== null && typeof spec === 'object'
        ? JSON.stringify((spec as { kind?: unknown }).kind)
        : String(spec);
    throw new NetworkError(
      `${where}: connector needs a kind, one of ${CONNECTOR_KINDS.map((k) => `"${k}"`).join(', ')}; got ${kind}`,
    );
  }
  const base = {
    sourceCount: sizes.sourceCount,
    targetCount: sizes.targetCount,
    samePopulation: sizes.samePopulation,
    allowSelfConnections: 'allowSelfConnections' in spec ? spec.allowSelfConnections : false,
    maxBytes: sizes.maxBytes,
  };
  try {
    switch (spec.kind) {
      case 'all-to-all':
        return { connectivity: connectAllToAll(base), pairOrder: null };
      case 'one-to-one':
        return { connectivity: connectOneToOne(base), pairOrder: null };
      case 'fixed-probability':
        return {
          connectivity: connectFixedProbability({
            ...base,
            probability: spec.probability,
            seed: spec.seed,
            stream: spec.stream,
          }),
          pairOrder: null,
        };
      case 'fixed-in-degree':
        return {
          connectivity: connectFixedInDegree({
            ...base,
            inDegree: spec.inDegree,
            seed: spec.seed,
            stream: spec.stream,
          }),
          pairOrder: null,
        };
      case 'explicit': {
        if (!isArrayLike(spec.i) || !isArrayLike(spec.j)) {
          throw new NetworkError(`${where}: an explicit connector needs arrays i (sources) and j (targets)`);
        }
        const { pairOrder, ...connectivity } = connectExplicitPairs({
          ...base,
          sources: spec.i,
          targets: spec.j,
        });
        return { connectivity, pairOrder };
      }
    }
  } catch (error) {
    if (error instanceof ConnectorError) {
      const wrapped = new NetworkError(`${where}: ${error.message}`);
      wrapped.cause = error;
      throw wrapped;
    }
    throw error;
  }
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return (
    typeof value === 'object' && value !== null && typeof (value as ArrayLike<number>).length === 'number'
  );
}
