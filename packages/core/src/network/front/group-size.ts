import { NetworkError } from '../../errors.js';

/** Largest group: flat indices row*n + j of a batch are 32-bit. */
export const MAX_GROUP_SIZE = 0xffffffff;

/** Checks a group's neuron count `n`, naming the group. */
export function checkGroupSize(n: unknown, group: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_GROUP_SIZE) {
    throw new NetworkError(
      `${group}: n must be a whole number of neurons from 1 to ${MAX_GROUP_SIZE}, got ${String(n)}`,
    );
  }
  return n;
}
