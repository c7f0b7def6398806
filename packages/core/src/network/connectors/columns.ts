import type { Connectivity } from './connectivity.js';

/**
 * The same synapses grouped by target (compressed sparse columns): the synapses onto target j are
 * `synapseIndex[t]` for `columnStarts[j] <= t < columnStarts[j + 1]`, ascending by source. Synapse
 * indices refer to the row order, so per-synapse arrays (weights, delays) stay in one order.
 */
export interface ColumnIndex {
  /** Length `targetCount + 1`. */
  readonly columnStarts: Uint32Array;
  /** Source of each entry, by target then source. */
  readonly sources: Uint32Array;
  /** Row-order synapse of each entry. */
  readonly synapseIndex: Uint32Array;
}

/** Builds the column index of a connectivity in two passes, with no per-synapse allocation. */
export function columnIndex(connectivity: Connectivity): ColumnIndex {
  const { sourceCount, targetCount, rowStarts, targets } = connectivity;
  const total = targets.length;
  const columnStarts = new Uint32Array(targetCount + 1);
  for (let s = 0; s < total; s++) columnStarts[targets[s]! + 1]!++;
  for (let j = 0; j < targetCount; j++) columnStarts[j + 1]! += columnStarts[j]!;
  const next = columnStarts.slice(0, targetCount);
  const sources = new Uint32Array(total);
  const synapseIndex = new Uint32Array(total);
  for (let i = 0; i < sourceCount; i++) {
    for (let s = rowStarts[i]!; s < rowStarts[i + 1]!; s++) {
      const t = next[targets[s]!]!++;
      sources[t] = i;
      synapseIndex[t] = s;
    }
  }
  return { columnStarts, sources, synapseIndex };
}
