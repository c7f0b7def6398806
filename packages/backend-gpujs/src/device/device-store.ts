import type { GpuTexture } from '../gpujs.js';

/** Rows of a batchSize×n grid as gpu.js's cpu and WebAssembly kernels take and return them. */
export type GridRows = Float32Array[];

/** Where a value lives for a kernel: a GL texture, or typed arrays on the cpu/WebAssembly kernels. */
export type DeviceValue = GpuTexture | GridRows | Float32Array;

/** Something with `set(values, offset)`: a recording buffer or a fresh state copy. */
export interface Destination {
  set(values: ArrayLike<number>, offset?: number): void;
}

/**
 * Moves values between JavaScript and the kernels' storage. A grid is batchSize×n values (row-major,
 * batch first, as state), a row n values (per-neuron parameters, a `neuron`-layout input).
 */
export interface DeviceStore {
  /** Whether values live in textures that only GL can read back. */
  readonly usesTextures: boolean;
  /** A grid argument holding `values`; `keep: false` allows a view that is only valid for the next launch. */
  grid(values: Float32Array, keep: boolean): DeviceValue;
  row(values: Float32Array, keep: boolean): DeviceValue;
  /** Copies a grid into `into` at `offset`, synchronously. */
  readGrid(value: DeviceValue, into: Destination, offset: number): void;
  readGridAsync(value: DeviceValue): Promise<Float32Array>;
  release(value: DeviceValue): void;
  /**
   * `previous + bits * 2^bit` for a grid of 0/1 values (`previous` null: none yet), on the device. GL
   * stores use it to record spikes with one readback per 24 steps; absent where reads are cheap copies.
   */
  accumulateBits?(previous: DeviceValue | null, bits: DeviceValue, bit: number): DeviceValue;
  dispose(): void;
}
