import { expect, test } from 'vitest';
import { createArrayStore } from './array-store.js';
import { BITS_PER_WORD, type BitPackingStore, BitRecorder } from './bit-recorder.js';
import type { DeviceValue } from './device-store.js';

/** The array store plus the packing a GL store does on the device, counting readbacks. */
function packingStore(size: number) {
  const base = createArrayStore({ n: size, batchSize: 1 });
  const flat = (value: DeviceValue) => {
    const copy = new Float32Array(size);
    base.readGrid(value, copy, 0);
    return copy;
  };
  const store = {
    ...base,
    reads: 0,
    readGrid(value: DeviceValue, into: Parameters<typeof base.readGrid>[1], offset: number) {
      store.reads++;
      base.readGrid(value, into, offset);
    },
    accumulateBits(previous: DeviceValue | null, bits: DeviceValue, bit: number) {
      const word = previous ? flat(previous) : new Float32Array(size);
      const add = flat(bits);
      return base.grid(
        word.map((w, i) => w + add[i]! * 2 ** bit),
        true,
      );
    },
  } satisfies BitPackingStore & { reads: number };
  return store;
}

test('packs 0/1 rows into words and reads one word per 24 rows', () => {
  const size = 7;
  const rows = 60;
  const raster = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: size }, (_, i) => ((row * 3 + i) % 5 === 0 ? 1 : 0)),
  );
  const store = packingStore(size);
  const buffer = new Uint8Array(rows * size);
  const recorder = new BitRecorder(store, buffer, size);
  for (const [row, values] of raster.entries())
    recorder.add(row, store.grid(Float32Array.from(values), true));
  recorder.flush();
  expect(Array.from(buffer)).toEqual(raster.flat());
  expect(store.reads).toBe(Math.ceil(rows / BITS_PER_WORD));
});

test('writes rows at their own offset (a recording with a stride, or a run cut short)', () => {
  const store = packingStore(2);
  const buffer = new Uint8Array(10).fill(9);
  const recorder = new BitRecorder(store, buffer, 2);
  recorder.add(2, store.grid(Float32Array.from([1, 0]), true));
  recorder.add(3, store.grid(Float32Array.from([0, 1]), true));
  recorder.flush();
  recorder.flush(); // nothing pending: no readback, no write
  expect(Array.from(buffer)).toEqual([9, 9, 9, 9, 1, 0, 0, 1, 9, 9]);
  expect(store.reads).toBe(1);
});
