import type { Destination, DeviceStore, DeviceValue } from './device-store.js';

/** A store that can pack 0/1 grids into words on the device (the GL texture store). */
export type BitPackingStore = DeviceStore & Required<Pick<DeviceStore, 'accumulateBits'>>;

export function canPackBits(store: DeviceStore): store is BitPackingStore {
  return store.accumulateBits !== undefined;
}

/** Bits per float32 word: integers up to 2^24 are exact. */
export const BITS_PER_WORD = 24;

/**
 * Records a boolean state (spikes) with one readback per 24 recorded steps instead of one per step: each
 * recorded step adds its 0/1 grid as bit j of a word kept on the device, and a full word is read back once
 * and unpacked. A readPixels is a blocking round trip to the GPU, far dearer than the extra tiny launch.
 */
export class BitRecorder {
  private word: DeviceValue | null = null;
  private firstRow = 0;
  private rows = 0;

  constructor(
    private readonly store: BitPackingStore,
    private readonly buffer: Destination,
    private readonly size: number,
  ) {}

  /** Adds recording row `row` (the state after step row*stride). */
  add(row: number, value: DeviceValue): void {
    if (this.rows === 0) this.firstRow = row;
    const next = this.store.accumulateBits(this.word, value, this.rows);
    if (this.word) this.store.release(this.word);
    this.word = next;
    this.rows++;
    if (this.rows === BITS_PER_WORD) this.flush();
  }

  /** Reads back and unpacks the rows added since the last flush. */
  flush(): void {
    if (!this.word) return;
    const packed = new Float32Array(this.size);
    this.store.readGrid(this.word, packed, 0);
    this.store.release(this.word);
    this.word = null;
    const rows = new Uint8Array(this.rows * this.size);
    for (let i = 0; i < this.size; i++) {
      const word = packed[i]! | 0;
      for (let bit = 0; bit < this.rows; bit++) rows[bit * this.size + i] = (word >> bit) & 1;
    }
    this.buffer.set(rows, this.firstRow * this.size);
    this.rows = 0;
  }
}
