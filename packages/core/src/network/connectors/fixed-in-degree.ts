import { fillUniform } from '../../random/draws.js';
import { type Connectivity, checkSynapseBudget } from './connectivity.js';
import { ConnectorError } from './connector-error.js';
import { type RandomConnectorOptions, resolveRandom, resolveSizes } from './connector-options.js';

/** Options of the fixed-in-degree connector: each target gets the same number of sources. */
export interface FixedInDegreeOptions extends RandomConnectorOptions {
  /** Distinct sources that each target receives. */
  inDegree: number;
}

/**
 * Each target j receives exactly `inDegree` distinct sources, chosen by Floyd's sampling algorithm
 * (Bentley and Floyd, "A sample of brilliance", CACM 30(9), 1987) from draws
 * `drawUniform(seed, stream, 0, j * inDegree + d)`, d = 0 .. inDegree - 1. Each target's choice depends
 * only on the options and j. A uniform integer below t is floor(t * u), biased by under t / 2^53.
 */
export function connectFixedInDegree(options: FixedInDegreeOptions): Connectivity {
  const connector = 'fixed-in-degree';
  const { sourceCount, targetCount, excludeSelf, maxBytes } = resolveSizes(connector, options);
  const { seed, stream } = resolveRandom(connector, options);
  const { inDegree } = options;
  const available = excludeSelf ? sourceCount - 1 : sourceCount;
  if (!Number.isInteger(inDegree) || inDegree < 0) {
    throw new ConnectorError(`${connector}: inDegree must be a whole number >= 0, got ${String(inDegree)}`);
  }
  if (targetCount > 0 && inDegree > available) {
    throw new ConnectorError(
      `${connector}: inDegree ${inDegree} exceeds the ${available} distinct sources available to each target` +
        (excludeSelf ? ' (self-connections excluded; pass allowSelfConnections: true to count them)' : ''),
    );
  }
  const total = inDegree * targetCount;
  checkSynapseBudget(sourceCount, total, maxBytes);

  const draws = new Float64Array(inDegree);
  const chosen = new Uint32Array(inDegree);
  // marks[c] === j + 1 when candidate c is taken for target j: no clearing between targets.
  const marks = new Uint32Array(Math.max(available, 0));
  const chooseSources = (j: number) => {
    fillUniform(draws, seed, stream, 0, j * inDegree);
    for (let d = 0; d < inDegree; d++) {
      const top = available - inDegree + d;
      const pick = Math.floor((top + 1) * draws[d]!);
      const candidate = marks[pick] === j + 1 ? top : pick;
      marks[candidate] = j + 1;
      chosen[d] = excludeSelf && candidate >= j ? candidate + 1 : candidate;
    }
  };

  const rowStarts = new Uint32Array(sourceCount + 1);
  for (let j = 0; j < targetCount; j++) {
    chooseSources(j);
    for (let d = 0; d < inDegree; d++) rowStarts[chosen[d]! + 1]!++;
  }
  for (let i = 0; i < sourceCount; i++) rowStarts[i + 1]! += rowStarts[i]!;

  const next = rowStarts.slice(0, sourceCount);
  const targets = new Uint32Array(total);
  for (let j = 0; j < targetCount; j++) {
    chooseSources(j);
    for (let d = 0; d < inDegree; d++) targets[next[chosen[d]!]!++] = j;
  }
  return { sourceCount, targetCount, rowStarts, targets };
}
