import { MAX_RANDOM_SEED } from '../../random/draw-address.js';
import { checkSynapseBudget, DEFAULT_MAX_CONNECTIVITY_BYTES } from './connectivity.js';
import { ConnectorError } from './connector-error.js';

/** Options every connector takes: the population sizes, self-connections and a memory limit. */
export interface ConnectorOptions {
  sourceCount: number;
  targetCount: number;
  /** Sources and targets are one population, so pair (i, i) connects a neuron to itself. Default false. */
  samePopulation?: boolean;
  /** Keep the pairs (i, i) of one population. Default false: a neuron does not connect to itself. */
  allowSelfConnections?: boolean;
  /** Refuse, before allocating, connectivity larger than this many bytes. Default 1 GiB. */
  maxBytes?: number;
}

/** Options of the random connectors: the seed and stream of their draws. */
export interface RandomConnectorOptions extends ConnectorOptions {
  /** Integer from 0 to 2^53 - 1. */
  seed: number;
  /** Random stream of this connector (uint32); default 0. Give each projection its own stream or seed. */
  stream?: number;
}

export interface ResolvedSizes {
  sourceCount: number;
  targetCount: number;
  /** Pairs (i, i) are left out. */
  excludeSelf: boolean;
  maxBytes: number;
}

const MAX_NEURONS = 0xffffffff;

export function resolveSizes(connector: string, options: ConnectorOptions): ResolvedSizes {
  const { sourceCount, targetCount, samePopulation = false, allowSelfConnections = false } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CONNECTIVITY_BYTES;
  checkCount(connector, 'sourceCount', sourceCount);
  checkCount(connector, 'targetCount', targetCount);
  if (samePopulation && sourceCount !== targetCount) {
    throw new ConnectorError(
      `${connector}: samePopulation needs sourceCount = targetCount, got ${sourceCount} and ${targetCount}`,
    );
  }
  if (!(maxBytes >= 0)) {
    throw new ConnectorError(`${connector}: maxBytes must be a number >= 0, got ${String(maxBytes)}`);
  }
  // Row starts alone must fit before any connector allocates them.
  checkSynapseBudget(sourceCount, 0, maxBytes);
  return { sourceCount, targetCount, excludeSelf: samePopulation && !allowSelfConnections, maxBytes };
}

export function resolveRandom(
  connector: string,
  options: RandomConnectorOptions,
): { seed: number; stream: number } {
  const { seed, stream = 0 } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_RANDOM_SEED) {
    throw new ConnectorError(
      `${connector}: seed must be an integer from 0 to ${MAX_RANDOM_SEED}, got ${String(seed)}`,
    );
  }
  if (!Number.isInteger(stream) || stream < 0 || stream > 0xffffffff) {
    throw new ConnectorError(
      `${connector}: stream must be an integer from 0 to 4294967295, got ${String(stream)}`,
    );
  }
  return { seed, stream };
}

function checkCount(connector: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_NEURONS) {
    throw new ConnectorError(
      `${connector}: ${name} must be a whole number of neurons from 0 to ${MAX_NEURONS}, got ${String(value)}`,
    );
  }
}
