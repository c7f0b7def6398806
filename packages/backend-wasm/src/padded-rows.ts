import type { FloatArray, StateArray } from '@synapticflow/core/backend';

/** Row geometry in memory: n elements used, `pitch` elements per row (n rounded up to whole vectors). */
export interface Rows {
  readonly n: number;
  readonly pitch: number;
  readonly batchSize: number;
}

/**
 * Copies rows of n values (rows `from` … `from + count - 1` of `values`) into padded rows starting at element
 * `base` of `target`. Padding lanes repeat the row's last value, so they compute something finite and
 * harmless (their results are never read).
 */
export function writePaddedRows(
  target: FloatArray,
  base: number,
  values: ArrayLike<number>,
  { n, pitch }: Rows,
  from: number,
  count: number,
): void {
  for (let row = from; row < from + count; row++) {
    const start = base + row * pitch;
    if (ArrayBuffer.isView(values)) target.set((values as FloatArray).subarray(row * n, row * n + n), start);
    else for (let j = 0; j < n; j++) target[start + j] = values[row * n + j]!;
    target.fill(target[start + n - 1]!, start + n, start + pitch);
  }
}

/** Copies every padded row starting at element `base` of `source`, without its padding, into `target` at `offset`. */
export function readPaddedRows(
  source: FloatArray | Uint8Array,
  base: number,
  target: StateArray,
  offset: number,
  { n, pitch, batchSize }: Rows,
): void {
  if (pitch === n) {
    target.set(source.subarray(base, base + n * batchSize), offset);
    return;
  }
  for (let row = 0; row < batchSize; row++) {
    target.set(source.subarray(base + row * pitch, base + row * pitch + n), offset + row * n);
  }
}
