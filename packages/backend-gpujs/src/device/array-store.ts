import { isTexture } from '../gpujs.js';
import type { Destination, DeviceStore, DeviceValue, GridRows } from './device-store.js';

/**
 * Storage for gpu.js's cpu and WebAssembly kernels: plain Float32Arrays, a grid as one array per batch row
 * (the shape those kernels return for a 2D output, so a step's output feeds the next step unchanged).
 */
export function createArrayStore(shape: { n: number; batchSize: number }): DeviceStore {
  const { n, batchSize } = shape;
  const rowsOf = (flat: Float32Array): GridRows =>
    Array.from({ length: batchSize }, (_, row) => flat.subarray(row * n, row * n + n));
  const readGrid = (value: DeviceValue, into: Destination, offset: number): void => {
    if (isTexture(value)) throw new Error('gpujs backend: a texture reached the array store');
    if (value instanceof Float32Array) {
      into.set(value, offset);
      return;
    }
    const rows = value as GridRows;
    for (let row = 0; row < rows.length; row++) into.set(rows[row]!, offset + row * n);
  };
  return {
    usesTextures: false,
    grid: (values, keep) => rowsOf(keep ? Float32Array.from(values) : values),
    row: (values, keep) => (keep ? Float32Array.from(values) : values),
    readGrid,
    async readGridAsync(value) {
      const copy = new Float32Array(n * batchSize);
      readGrid(value, copy, 0);
      return copy;
    },
    release() {},
    dispose() {},
  };
}
