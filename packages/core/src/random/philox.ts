// Philox4x32 as specified by Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3"
// (SC11, 2011), with the multipliers and Weyl constants of the Random123 library (D. E. Shaw Research).

const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
const WEYL_0 = 0x9e3779b9;
const WEYL_1 = 0xbb67ae85;
const TWO_POW_16 = 0x10000;

/** Rounds of the standard Philox4x32-10. */
export const PHILOX_ROUNDS = 10;

/**
 * High 32 bits of the 64-bit product of two uint32 values. `b * aHigh` and `b * aLow` stay below 2^48,
 * so float64 holds them exactly; the carry out of the low half is kept by flooring before the last shift.
 */
export function mulHigh32(a: number, b: number): number {
  const aHigh = a >>> 16;
  const aLow = a & 0xffff;
  const upper = b * aHigh + Math.floor((b * aLow) / TWO_POW_16);
  return Math.floor(upper / TWO_POW_16) >>> 0;
}

/**
 * Philox4x32 block function: encrypts the 128-bit counter (c0..c3) under the 64-bit key (k0, k1) and
 * writes the four output words to `out[0..3]`. All arguments are uint32. Allocates nothing.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  rounds: number = PHILOX_ROUNDS,
): void {
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      k0 = (k0 + WEYL_0) >>> 0;
      k1 = (k1 + WEYL_1) >>> 0;
    }
    const high0 = mulHigh32(MULTIPLIER_0, c0);
    const low0 = Math.imul(MULTIPLIER_0, c0) >>> 0;
    const high1 = mulHigh32(MULTIPLIER_1, c2);
    const low1 = Math.imul(MULTIPLIER_1, c2) >>> 0;
    c0 = (high1 ^ c1 ^ k0) >>> 0;
    c1 = low1;
    c2 = (high0 ^ c3 ^ k1) >>> 0;
    c3 = low0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}
