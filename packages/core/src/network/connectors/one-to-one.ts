import { type Connectivity, checkSynapseBudget } from './connectivity.js';
import { ConnectorError } from './connector-error.js';
import { type ConnectorOptions, resolveSizes } from './connector-options.js';

/** Source i to target i. Within one population every such pair is a self-connection, so it must be allowed. */
export function connectOneToOne(options: ConnectorOptions): Connectivity {
  const { sourceCount, targetCount, excludeSelf, maxBytes } = resolveSizes('one-to-one', options);
  if (sourceCount !== targetCount) {
    throw new ConnectorError(
      `one-to-one needs as many sources as targets, got ${sourceCount} and ${targetCount}`,
    );
  }
  if (excludeSelf && sourceCount > 0) {
    throw new ConnectorError(
      'one-to-one within one population connects each neuron to itself; pass allowSelfConnections: true',
    );
  }
  checkSynapseBudget(sourceCount, sourceCount, maxBytes);
  const rowStarts = new Uint32Array(sourceCount + 1);
  const targets = new Uint32Array(sourceCount);
  for (let i = 0; i < sourceCount; i++) {
    rowStarts[i + 1] = i + 1;
    targets[i] = i;
  }
  return { sourceCount, targetCount, rowStarts, targets };
}
