/**
 * The spike lists of one group's last `length` steps, for projections with a single delay: delivery at step k
 * with delay d reads the list of step k - d. Slots grow by doubling up to the group's size, so memory follows
 * the spikes actually held; once warm, recording allocates nothing.
 */
export class SpikeHistory {
  private readonly slots: Uint32Array[];
  private readonly counts: Uint32Array;

  constructor(
    readonly length: number,
    private readonly maxCount: number,
  ) {
    this.slots = Array.from({ length }, () => new Uint32Array(Math.min(16, maxCount)));
    this.counts = new Uint32Array(length);
  }

  record(step: number, spikes: Uint32Array, count: number): void {
    const slot = step % this.length;
    let list = this.slots[slot]!;
    if (list.length < count) {
      let capacity = Math.max(1, list.length);
      while (capacity < count) capacity *= 2;
      list = new Uint32Array(Math.min(capacity, this.maxCount));
      this.slots[slot] = list;
    }
    for (let q = 0; q < count; q++) list[q] = spikes[q]!;
    this.counts[slot] = count;
  }

  /** The slot holding step `step` (which must be one of the last `length` steps, or count 0). */
  slotOf(step: number): number {
    return ((step % this.length) + this.length) % this.length;
  }

  list(slot: number): Uint32Array {
    return this.slots[slot]!;
  }

  count(slot: number): number {
    return this.counts[slot]!;
  }

  clear(): void {
    this.counts.fill(0);
  }

  memoryBytes(): number {
    let bytes = this.counts.byteLength;
    for (const list of this.slots) bytes += list.byteLength;
    return bytes;
  }
}
