import { type Connectivity, checkSynapseBudget } from './connectivity.js';
import { type ConnectorOptions, resolveSizes } from './connector-options.js';

/** Every source to every target, less the pairs (i, i) of one population unless self-connections are allowed. */
export function connectAllToAll(options: ConnectorOptions): Connectivity {
  const { sourceCount, targetCount, excludeSelf, maxBytes } = resolveSizes('all-to-all', options);
  const rowLength = excludeSelf ? targetCount - 1 : targetCount;
  const total = sourceCount * Math.max(rowLength, 0);
  checkSynapseBudget(sourceCount, total, maxBytes);
  const rowStarts = new Uint32Array(sourceCount + 1);
  const targets = new Uint32Array(total);
  let s = 0;
  for (let i = 0; i < sourceCount; i++) {
    rowStarts[i] = s;
    for (let j = 0; j < targetCount; j++) {
      if (excludeSelf && j === i) continue;
      targets[s++] = j;
    }
  }
  rowStarts[sourceCount] = s;
  return { sourceCount, targetCount, rowStarts, targets };
}
