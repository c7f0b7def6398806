import { RandomArgumentError } from './random-argument-error.js';

const TWO_POW_32 = 0x100000000;
const MAX_UINT32 = 0xffffffff;

// How a draw's address maps onto one Philox4x32-10 block:
// key = (seed mod 2^32, floor(seed / 2^32)),
// counter = (block mod 2^32, floor(block / 2^32), step, stream) with block = floor(index / 2).
// Each block yields two draws: an even index reads output words 0 and 1, an odd index words 2 and 3.

/** Largest seed and index: every integer up to 2^53 - 1 has its own key or counter. */
export const MAX_RANDOM_SEED = Number.MAX_SAFE_INTEGER;
/** The largest draw index a random stream addresses. */
export const MAX_DRAW_INDEX = Number.MAX_SAFE_INTEGER;

export function keyLow(seed: number): number {
  return (seed % TWO_POW_32) >>> 0;
}

export function keyHigh(seed: number): number {
  return Math.floor(seed / TWO_POW_32) >>> 0;
}

export function blockLow(block: number): number {
  return (block % TWO_POW_32) >>> 0;
}

export function blockHigh(block: number): number {
  return Math.floor(block / TWO_POW_32) >>> 0;
}

/** Throws a RandomArgumentError unless seed, stream, step and index are a valid draw address. */
export function checkDrawAddress(seed: number, stream: number, step: number, index: number): void {
  checkInteger('seed', seed, MAX_RANDOM_SEED);
  checkInteger('stream', stream, MAX_UINT32);
  checkInteger('step', step, MAX_UINT32);
  checkInteger('index', index, MAX_DRAW_INDEX);
}

export function checkInteger(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RandomArgumentError(
      `${name} must be an integer from 0 to ${max}, got ${String(value)}; round it or reduce it into range`,
    );
  }
}
