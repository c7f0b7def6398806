import { fillUniform } from '../../random/draws.js';
import { type Connectivity, checkSynapseBudget } from './connectivity.js';
import { ConnectorError } from './connector-error.js';
import { type RandomConnectorOptions, resolveRandom, resolveSizes } from './connector-options.js';

/** Options of the fixed-probability connector: each pair is connected with one probability. */
export interface FixedProbabilityOptions extends RandomConnectorOptions {
  /** Probability in [0, 1] that a pair is connected. */
  probability: number;
}

/**
 * Connects each pair (i, j) independently with the given probability. The pair's draw is
 * `drawUniform(seed, stream, 0, i * targetCount + j)` and the pair connects when it is below the
 * probability, so the result depends on nothing but the options: not on threads or visiting order.
 * Draws twice (count, then fill) so that memory is checked before it is allocated.
 */
export function connectFixedProbability(options: FixedProbabilityOptions): Connectivity {
  const connector = 'fixed-probability';
  const { sourceCount, targetCount, excludeSelf, maxBytes } = resolveSizes(connector, options);
  const { seed, stream } = resolveRandom(connector, options);
  const { probability } = options;
  if (!(probability >= 0 && probability <= 1)) {
    throw new ConnectorError(`${connector}: probability must be in [0, 1], got ${String(probability)}`);
  }
  if (sourceCount * targetCount > Number.MAX_SAFE_INTEGER) {
    throw new ConnectorError(
      `${connector}: ${sourceCount} x ${targetCount} pairs exceed the 2^53 draws of one stream; split the projection`,
    );
  }
  const draws = new Float64Array(targetCount);
  const connects = (i: number, j: number) => draws[j]! < probability && !(excludeSelf && i === j);

  const rowStarts = new Uint32Array(sourceCount + 1);
  let total = 0;
  for (let i = 0; i < sourceCount; i++) {
    fillUniform(draws, seed, stream, 0, i * targetCount);
    for (let j = 0; j < targetCount; j++) if (connects(i, j)) total++;
    rowStarts[i + 1] = Math.min(total, 0xffffffff);
  }
  checkSynapseBudget(sourceCount, total, maxBytes);

  const targets = new Uint32Array(total);
  let s = 0;
  for (let i = 0; i < sourceCount; i++) {
    fillUniform(draws, seed, stream, 0, i * targetCount);
    for (let j = 0; j < targetCount; j++) if (connects(i, j)) targets[s++] = j;
  }
  return { sourceCount, targetCount, rowStarts, targets };
}
