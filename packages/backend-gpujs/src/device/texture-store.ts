import { type GpuInstance, type GpuTexture, Input, isTexture, type KernelShortcut } from '../gpujs.js';
import type { Destination, DeviceStore, DeviceValue } from './device-store.js';
import { canReadAsync, readTexturePixelsAsync } from './read-texture-async.js';

/** gpu.js settings every kernel of one population shares, so their textures have one type. */
export interface TextureSettings {
  pipeline: true;
  immutable: true;
  precision: 'single';
  tactic: 'precision';
  optimizeFloatMemory: boolean;
}

/**
 * Storage for gpu.js's GL kernels: state stays in float textures between steps. Values go in through
 * tiny copy kernels (a texture argument is bound, an array argument would be re-uploaded on every launch)
 * and come out through `toArray()` (blocking readPixels) or a pixel-pack buffer (non-blocking).
 */
export function createTextureStore(
  gpu: GpuInstance,
  shape: { n: number; batchSize: number },
  settings: TextureSettings,
): DeviceStore {
  const { n, batchSize } = shape;
  let gridUpload: KernelShortcut | null = null;
  let rowUpload: KernelShortcut | null = null;
  let accumulate: KernelShortcut | null = null;
  const texture = (value: DeviceValue): GpuTexture => {
    if (!isTexture(value)) throw new Error('gpujs backend: expected a texture on a GL kernel');
    return value;
  };
  return {
    usesTextures: true,
    grid(values) {
      gridUpload ??= gpu.createKernel('function (a) { return a[this.thread.y][this.thread.x]; }', {
        ...settings,
        output: [n, batchSize],
      });
      return gridUpload(new Input(values as unknown as number[], [n, batchSize])) as GpuTexture;
    },
    row(values) {
      rowUpload ??= gpu.createKernel('function (a) { return a[this.thread.x]; }', {
        ...settings,
        output: [n],
      });
      return rowUpload(values) as GpuTexture;
    },
    readGrid(value, into, offset) {
      copyRows(texture(value).toArray(), n, into, offset);
    },
    async readGridAsync(value) {
      const source = texture(value);
      if (!canReadAsync(source)) {
        const copy = new Float32Array(n * batchSize);
        copyRows(source.toArray(), n, copy, 0);
        return copy;
      }
      const pixels = await readTexturePixelsAsync(source);
      return gridFromPixels(pixels, source.type, n * batchSize);
    },
    release(value) {
      texture(value).delete();
    },
    accumulateBits(previous, bits, bit) {
      // Integers below 2^24 add exactly in float32; `keep` 0 starts a new word (`a` may be any grid then).
      accumulate ??= gpu.createKernel(
        'function (a, b, keep, weight) {\n' +
          '  return a[this.thread.y][this.thread.x] * keep + b[this.thread.y][this.thread.x] * weight;\n}',
        { ...settings, output: [n, batchSize] },
      );
      return accumulate(previous ?? bits, bits, previous ? 1 : 0, 2 ** bit) as GpuTexture;
    },
    dispose() {
      for (const kernel of [gridUpload, rowUpload, accumulate]) kernel?.destroy(true);
      gridUpload = null;
      rowUpload = null;
      accumulate = null;
    },
  };
}

function copyRows(values: unknown, n: number, into: Destination, offset: number): void {
  if (values instanceof Float32Array) {
    into.set(values, offset);
    return;
  }
  const rows = values as ArrayLike<number>[];
  for (let row = 0; row < rows.length; row++) into.set(rows[row]!, offset + row * n);
}

/** RGBA pixels → values: a memory-optimized texture packs four values a texel, others use red only. */
function gridFromPixels(pixels: Float32Array, type: string, count: number): Float32Array {
  if (type === 'MemoryOptimizedNumberTexture') return pixels.slice(0, count);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = pixels[i * 4]!;
  return values;
}
