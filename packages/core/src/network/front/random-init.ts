import { checkDrawAddress } from '../../random/draw-address.js';
import { fillNormal, fillUniform } from '../../random/draws.js';
import { RandomArgumentError } from '../../random/random-argument-error.js';

/** Seed and stream of random initial values (`uniform`, `normal`). */
export interface RandomInitOptions {
  /** Integer from 0 to 2^53 - 1. */
  seed: number;
  /** Random stream (uint32, default 0); give each random quantity of one seed its own stream. */
  stream?: number;
}

/**
 * Initial values drawn from core's counter-based generator: neuron j of batch row b takes the draw at
 * `(seed, stream, step 0, index b*n + j)`, so row 0 of a batch equals a batch of one.
 */
export interface RandomInit {
  readonly kind: 'uniform' | 'normal';
  /** Low bound (uniform) or mean (normal). */
  readonly a: number;
  /** High bound (uniform) or standard deviation (normal). */
  readonly b: number;
  readonly seed: number;
  readonly stream: number;
}

/** Initial values uniform in [low, high). */
export function uniform(low: number, high: number, options: RandomInitOptions): RandomInit {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RandomArgumentError(
      `uniform(low, high) needs finite low < high, got [${low}, ${high}); swap or widen the bounds`,
    );
  }
  return Object.freeze({ kind: 'uniform', a: low, b: high, ...address(options) });
}

/** Initial values normally distributed with this mean and standard deviation. */
export function normal(mean: number, sd: number, options: RandomInitOptions): RandomInit {
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || !(sd >= 0)) {
    throw new RandomArgumentError(`normal(mean, sd) needs a finite mean and sd >= 0, got ${mean}, ${sd}`);
  }
  return Object.freeze({ kind: 'normal', a: mean, b: sd, ...address(options) });
}

export function isRandomInit(value: unknown): value is RandomInit {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'uniform' || kind === 'normal';
}

/** The `size` values (batchSize*n, row-major) a random initial value stands for. */
export function drawInitial(init: RandomInit, size: number): Float64Array {
  const out = new Float64Array(size);
  if (init.kind === 'uniform') {
    fillUniform(out, init.seed, init.stream, 0, 0);
    for (let k = 0; k < size; k++) out[k] = init.a + (init.b - init.a) * out[k]!;
  } else {
    fillNormal(out, init.seed, init.stream, 0, 0, init.a, init.b);
  }
  return out;
}

function address(options: RandomInitOptions): { seed: number; stream: number } {
  if (typeof options !== 'object' || options === null) {
    throw new RandomArgumentError('random initial values need { seed } (and optionally stream)');
  }
  const { seed, stream = 0 } = options;
  checkDrawAddress(seed, stream, 0, 0);
  return { seed, stream };
}
