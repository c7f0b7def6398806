type Growable = Uint16Array | Uint32Array | Float64Array;

/** A typed array that doubles when full, for recordings whose length is known only as they run. */
export class GrowableArray<T extends Growable> {
  private data: T;
  private size = 0;
  constructor(private readonly make: (length: number) => T) {
    this.data = make(64);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.reserve(this.size + 1);
    this.data[this.size++] = value;
  }

  /** Makes room for `length` values in all, keeping those held. */
  reserve(length: number): void {
    if (length <= this.data.length) return;
    const grown = this.make(Math.max(length, this.data.length * 2));
    grown.set(this.data.subarray(0, this.size) as never);
    this.data = grown;
  }

  /** Appends `values`. */
  append(values: ArrayLike<number>): void {
    this.reserve(this.size + values.length);
    this.data.set(values as never, this.size);
    this.size += values.length;
  }

  /** A copy of the values held. */
  copy(): T {
    return this.data.slice(0, this.size) as T;
  }

  clear(): void {
    this.size = 0;
  }
}
