import {
  blockHigh,
  blockLow,
  checkDrawAddress,
  checkInteger,
  keyHigh,
  keyLow,
  MAX_DRAW_INDEX,
} from './draw-address.js';
import { philox4x32 } from './philox.js';
import { RandomArgumentError } from './random-argument-error.js';

const TWO_POW_26 = 0x4000000;
const INVERSE_TWO_POW_53 = 2 ** -53;
const INVERSE_TWO_POW_24 = 2 ** -24;
const TWO_PI = 2 * Math.PI;

// One scratch block for every draw: the functions stay allocation-free and are not re-entrant anyway.
const words = new Uint32Array(4);

function drawBlock(seed: number, stream: number, step: number, block: number): void {
  philox4x32(blockLow(block), blockHigh(block), step, stream, keyLow(seed), keyHigh(seed), words);
}

/** 53 random bits as a double in [0, 1): 27 high bits of the first word, 26 of the second, over 2^53. */
function unitFromWords(first: number, second: number): number {
  return ((first >>> 5) * TWO_POW_26 + (second >>> 6)) * INVERSE_TWO_POW_53;
}

/** Uniform draw in [0, 1) at address (seed, stream, step, index); a pure function of the four. */
export function drawUniform(seed: number, stream: number, step: number, index: number): number {
  checkDrawAddress(seed, stream, step, index);
  drawBlock(seed, stream, step, Math.floor(index / 2));
  const offset = (index % 2) * 2;
  return unitFromWords(words[offset]!, words[offset + 1]!);
}

/**
 * `low + (high - low) * drawUniform(...)`: in [low, high); as with any scaled uniform, rounding of the
 * product can give exactly `high` when `high - low` is large next to the spacing of doubles near `high`.
 */
export function drawUniformBetween(
  seed: number,
  stream: number,
  step: number,
  index: number,
  low: number,
  high: number,
): number {
  checkRange(low, high);
  return low + (high - low) * drawUniform(seed, stream, step, index);
}

/**
 * Standard normal draw by the Box–Muller transform of the block's two uniforms u1 (words 0, 1) and
 * u2 (words 2, 3): r = sqrt(-2 ln(1 - u1)), θ = 2π u2; an even index gives r cos θ, an odd index r sin θ.
 * `1 - u1` lies in (0, 1], so the logarithm is always finite.
 */
export function drawNormal(seed: number, stream: number, step: number, index: number): number {
  checkDrawAddress(seed, stream, step, index);
  drawBlock(seed, stream, step, Math.floor(index / 2));
  return boxMuller(index % 2);
}

function boxMuller(parity: number): number {
  const radius = Math.sqrt(-2 * Math.log(1 - unitFromWords(words[0]!, words[1]!)));
  const angle = TWO_PI * unitFromWords(words[2]!, words[3]!);
  return parity === 0 ? radius * Math.cos(angle) : radius * Math.sin(angle);
}

/**
 * Fills `out[k]` with `drawUniform(seed, stream, step, startIndex + k)`, two draws per Philox block and
 * no allocation. A Float32Array receives the 24 high bits of the same draw (the float64 value truncated
 * to 24 bits), so it too stays below 1.
 */
export function fillUniform(
  out: Float64Array | Float32Array,
  seed: number,
  stream: number,
  step: number,
  startIndex: number,
): void {
  checkFill(out, seed, stream, step, startIndex);
  const single = out instanceof Float32Array;
  let k = 0;
  while (k < out.length) {
    const index = startIndex + k;
    drawBlock(seed, stream, step, Math.floor(index / 2));
    for (let offset = (index % 2) * 2; offset < 4 && k < out.length; offset += 2, k++) {
      out[k] = single
        ? (words[offset]! >>> 8) * INVERSE_TWO_POW_24
        : unitFromWords(words[offset]!, words[offset + 1]!);
    }
  }
}

/** Fills `out[k]` with `mean + sd * drawNormal(seed, stream, step, startIndex + k)`; no allocation. */
export function fillNormal(
  out: Float64Array | Float32Array,
  seed: number,
  stream: number,
  step: number,
  startIndex: number,
  mean = 0,
  sd = 1,
): void {
  checkFill(out, seed, stream, step, startIndex);
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0) {
    throw new RandomArgumentError(
      `normal mean must be finite and sd finite and >= 0, got mean ${mean}, sd ${sd}`,
    );
  }
  let k = 0;
  while (k < out.length) {
    const index = startIndex + k;
    drawBlock(seed, stream, step, Math.floor(index / 2));
    for (let parity = index % 2; parity < 2 && k < out.length; parity++, k++) {
      out[k] = mean + sd * boxMuller(parity);
    }
  }
}

/** Uniform integer in [0, count): floor(count * u) with a 53-bit u; bias below count / 2^53. */
export function drawIntegerBelow(
  seed: number,
  stream: number,
  step: number,
  index: number,
  count: number,
): number {
  checkInteger('count', count, 2 ** 32);
  if (count === 0) throw new RandomArgumentError('count must be at least 1 to draw an integer below it');
  return Math.floor(count * drawUniform(seed, stream, step, index));
}

function checkFill(out: ArrayLike<number>, seed: number, stream: number, step: number, startIndex: number) {
  checkDrawAddress(seed, stream, step, startIndex);
  if (out.length > 0)
    checkInteger('last index (startIndex + out.length - 1)', startIndex + out.length - 1, MAX_DRAW_INDEX);
}

function checkRange(low: number, high: number): void {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RandomArgumentError(
      `uniform range needs finite low < high, got [${low}, ${high}); swap or widen the bounds`,
    );
  }
}
