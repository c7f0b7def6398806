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

/** One `run` call of a chunked run: `record` when it starts on a recorded row (it then records one or more). */
export interface Chunk {
  start: number;
  length: number;
  record: boolean;
}

/**
 * The `run` calls of a run of `steps` steps, each about `targetUpdates` neuron-updates or fewer. Recorded rows
 * stay at global steps j*stride: with a stride of more than a chunk, the chunk at each multiple of the stride
 * records its first row and the chunks between record nothing, so a huge stride never makes a huge chunk.
 */
export function* planChunks(
  steps: number,
  neurons: number,
  stride: number,
  recording: boolean,
  targetUpdates = DEFAULT_CHUNK_UPDATES,
): Generator<Chunk> {
  const maxLength = Math.max(1, Math.floor(targetUpdates / neurons));
  if (!recording || stride <= maxLength) {
    const length = chunkSteps(steps, neurons, recording ? stride : 1, targetUpdates);
    for (let start = 0; start < steps; start += length)
      yield { start, length: Math.min(length, steps - start), record: recording };
    return;
  }
  for (let start = 0; start < steps; ) {
    const nextRow = (Math.floor(start / stride) + 1) * stride;
    const length = Math.min(maxLength, steps - start, nextRow - start);
    yield { start, length, record: start % stride === 0 };
    start += length;
  }
}
