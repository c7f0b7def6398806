import { MemoryLimitError } from '../../errors.js';
import { formatBytes } from '../../population/memory.js';

/** What a network may allocate in all: each group and projection reserves its bytes before allocating them. */
export class MemoryBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  get bytes(): number {
    return this.used;
  }

  /** Counts `bytes` for `what`, or throws a MemoryLimitError before anything of it is allocated. */
  reserve(bytes: number, what: string): void {
    if (this.used + bytes > this.limit) {
      throw new MemoryLimitError(
        `${what} needs ${formatBytes(bytes)}, and with the ${formatBytes(this.used)} the network already holds ` +
          `that is over its memory limit of ${formatBytes(this.limit)}; use fewer neurons or synapses, a smaller ` +
          'batchSize, or raise the limit with the network option memoryLimitBytes',
        this.used + bytes,
        this.limit,
      );
    }
    this.used += bytes;
  }

  /** Gives back what a failed addition reserved. */
  release(bytes: number): void {
    this.used -= bytes;
  }
}
