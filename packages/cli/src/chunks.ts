/** About this many neuron-updates per `run` call: small enough for a smooth progress bar and bounded memory. */
export const DEFAULT_CHUNK_UPDATES = 1 << 21;

/**
 * Steps per `run` call. A multiple of `stride`, so every chunk starts on a recorded row and row j stays
 * the state after global step j*stride.
 */
export function chunkSteps(
  steps: number,
  neurons: number,
  stride: number,
  targetUpdates = DEFAULT_CHUNK_UPDATES,
): number {
  const strides = Math.max(1, Math.floor(targetUpdates / (neurons * stride)));
  return Math.min(steps, strides * stride);
}
