import { type Connectivity, checkSynapseBudget } from './connectivity.js';
import { ConnectorError } from './connector-error.js';
import { type ConnectorOptions, resolveSizes } from './connector-options.js';

/** Options of the explicit connector: the (source, target) pairs to connect. */
export interface ExplicitPairsOptions extends ConnectorOptions {
  /** Source of each pair. */
  sources: ArrayLike<number>;
  /** Target of each pair; same length as `sources`. */
  targets: ArrayLike<number>;
}

export interface ExplicitConnectivity extends Connectivity {
  /** `pairOrder[s]` is the position in the given lists of synapse s: reorders per-pair weights or delays. */
  readonly pairOrder: Uint32Array;
}

/**
 * Synapses from explicit (source, target) lists, sorted by source then target; equal pairs (multiple
 * synapses between the same neurons are allowed) keep their given order. Self-connections follow the
 * same rule as every connector and are an error when excluded, never dropped silently.
 */
export function connectExplicitPairs(options: ExplicitPairsOptions): ExplicitConnectivity {
  const connector = 'explicit pairs';
  const { sourceCount, targetCount, excludeSelf, maxBytes } = resolveSizes(connector, options);
  const { sources, targets: pairTargets } = options;
  if (sources.length !== pairTargets.length) {
    throw new ConnectorError(
      `${connector}: ${sources.length} sources but ${pairTargets.length} targets; give one source and one target per pair`,
    );
  }
  const total = sources.length;
  for (let p = 0; p < total; p++) {
    const i = sources[p]!;
    const j = pairTargets[p]!;
    checkIndex(p, 'source', i, sourceCount);
    checkIndex(p, 'target', j, targetCount);
    if (excludeSelf && i === j) {
      throw new ConnectorError(
        `${connector}: pair ${p} connects neuron ${i} to itself; remove it or pass allowSelfConnections: true`,
      );
    }
  }
  checkSynapseBudget(sourceCount, total, maxBytes);

  const rowStarts = new Uint32Array(sourceCount + 1);
  for (let p = 0; p < total; p++) rowStarts[sources[p]! + 1]!++;
  for (let i = 0; i < sourceCount; i++) rowStarts[i + 1]! += rowStarts[i]!;
  const next = rowStarts.slice(0, sourceCount);
  const pairOrder = new Uint32Array(total);
  for (let p = 0; p < total; p++) pairOrder[next[sources[p]!]!++] = p;
  const byTargetThenPosition = (a: number, b: number) => pairTargets[a]! - pairTargets[b]! || a - b;
  for (let i = 0; i < sourceCount; i++)
    pairOrder.subarray(rowStarts[i]!, rowStarts[i + 1]!).sort(byTargetThenPosition);

  const targets = new Uint32Array(total);
  for (let s = 0; s < total; s++) targets[s] = pairTargets[pairOrder[s]!]!;
  return { sourceCount, targetCount, rowStarts, targets, pairOrder };
}

function checkIndex(pair: number, role: string, value: number, count: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= count) {
    throw new ConnectorError(
      `explicit pairs: pair ${pair} has ${role} ${String(value)}, outside 0 .. ${count - 1}; ${role}s index the ${count} neurons from 0`,
    );
  }
}
