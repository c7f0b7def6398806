import { BackendError } from '@synapticflow/core';
import type { Dtype, FloatArray } from '@synapticflow/core/backend';

const PAGE_BYTES = 65536;

/** Pages a shared memory may grow to (4 GiB, all of wasm32): shared memories must declare a maximum. */
export const SHARED_MAXIMUM_PAGES = 65536;

/**
 * A growable WebAssembly memory with typed views that follow it (growing replaces the buffer). A shared memory
 * (for threads) sits on a SharedArrayBuffer that every worker's instance imports.
 */
export class LinearMemory {
  readonly memory: WebAssembly.Memory;
  private floatView: FloatArray;
  private byteView: Uint8Array;

  constructor(
    bytes: number,
    private readonly dtype: Dtype,
    shared = false,
  ) {
    try {
      this.memory = new WebAssembly.Memory(
        shared
          ? { initial: pagesFor(bytes), maximum: SHARED_MAXIMUM_PAGES, shared: true }
          : { initial: pagesFor(bytes) },
      );
    } catch (error) {
      throw new BackendError(`wasm backend: cannot allocate ${mebibytes(bytes)} of linear memory (${error})`);
    }
    [this.floatView, this.byteView] = this.views();
  }

  /** The memory as elements of the dtype. */
  get floats(): FloatArray {
    this.refresh();
    return this.floatView;
  }

  get bytes(): Uint8Array {
    this.refresh();
    return this.byteView;
  }

  /** Grows the memory to at least `bytes`. */
  reserve(bytes: number): void {
    const pages = pagesFor(bytes);
    const current = this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages <= current) return;
    try {
      this.memory.grow(pages - current);
    } catch (error) {
      throw new BackendError(
        `wasm backend: cannot grow memory to ${mebibytes(pages * PAGE_BYTES)} (${error})`,
      );
    }
  }

  private refresh(): void {
    if (this.byteView.buffer !== this.memory.buffer) [this.floatView, this.byteView] = this.views();
  }

  private views(): [FloatArray, Uint8Array] {
    const buffer = this.memory.buffer;
    const floats = this.dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    return [floats, new Uint8Array(buffer)];
  }
}

function pagesFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / PAGE_BYTES));
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
