const EMPTY = new Uint32Array(0);

/**
 * Events in flight of a projection with per-synapse delays: `length` buckets (the largest delay plus one), an
 * event emitted at step k with delay d going into bucket (k + d) mod length as a (row, synapse) pair. A bucket
 * is delivered in insertion order: emission step, then source, then synapse. Buckets grow by doubling when
 * full and keep their size, so a warm network allocates nothing per step.
 */
export class EventRing {
  private readonly synapses: Uint32Array[];
  private readonly rows: Uint32Array[];
  private readonly counts: Uint32Array;

  constructor(readonly length: number) {
    this.synapses = Array.from({ length }, () => EMPTY);
    this.rows = Array.from({ length }, () => EMPTY);
    this.counts = new Uint32Array(length);
  }

  push(slot: number, row: number, synapse: number): void {
    const count = this.counts[slot]!;
    if (count === this.synapses[slot]!.length) this.grow(slot);
    this.synapses[slot]![count] = synapse;
    this.rows[slot]![count] = row;
    this.counts[slot] = count + 1;
  }

  slotOf(step: number): number {
    return step % this.length;
  }

  count(slot: number): number {
    return this.counts[slot]!;
  }

  synapsesOf(slot: number): Uint32Array {
    return this.synapses[slot]!;
  }

  rowsOf(slot: number): Uint32Array {
    return this.rows[slot]!;
  }

  empty(slot: number): void {
    this.counts[slot] = 0;
  }

  clear(): void {
    this.counts.fill(0);
  }

  memoryBytes(): number {
    let bytes = this.counts.byteLength;
    for (let slot = 0; slot < this.length; slot++)
      bytes += this.synapses[slot]!.byteLength + this.rows[slot]!.byteLength;
    return bytes;
  }

  private grow(slot: number): void {
    const old = this.synapses[slot]!;
    const capacity = Math.max(16, old.length * 2);
    const synapses = new Uint32Array(capacity);
    const rows = new Uint32Array(capacity);
    synapses.set(old);
    rows.set(this.rows[slot]!);
    this.synapses[slot] = synapses;
    this.rows[slot] = rows;
  }
}
